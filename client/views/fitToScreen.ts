/**
 * Scales the board's main area so that all of it fits the window (the overview, for screen-sharing). The
 * area is laid out wider than the window by 1/scale and scaled down by scale, so it fills the width and the
 * lanes use the room; the largest scale whose scaled height fits is found by bisection (a handful of
 * layouts). Measured again when the window changes size or notes come and go. Returns the undo.
 */
export function fitToScreen(main: HTMLElement, reserved: () => number): () => void {
  let frame = 0;
  const scaleToFit = () => {
    const width = document.documentElement.clientWidth;
    const height = window.innerHeight - reserved();
    const heightAt = (scale: number) => {
      main.style.width = `${width / scale}px`;
      return main.offsetHeight * scale;
    };
    let scale = 1;
    if (heightAt(1) > height) {
      let low = 0.1;
      let high = 1;
      for (let step = 0; step < 8; step++) {
        const middle = (low + high) / 2;
        if (heightAt(middle) <= height) low = middle;
        else high = middle;
      }
      scale = low;
      heightAt(scale);
    }
    main.style.transform = `scale(${scale})`;
    main.style.transformOrigin = '0 0';
  };
  const refit = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(scaleToFit);
  };
  scaleToFit();
  window.addEventListener('resize', refit);
  // Notes added or removed meanwhile (a colleague writing): only the children, not this function's own styles.
  const observer = new MutationObserver(refit);
  observer.observe(main, { childList: true, subtree: true });
  return () => {
    cancelAnimationFrame(frame);
    window.removeEventListener('resize', refit);
    observer.disconnect();
    main.style.width = '';
    main.style.transform = '';
    main.style.transformOrigin = '';
  };
}
