/**
 * Hands a downloaded file to the browser's own "save" as a link with `download` would. The object URL is
 * released a while later: revoking it at once can cancel the save in some browsers.
 */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
