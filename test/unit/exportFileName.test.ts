import { describe, expect, it } from 'vitest';
import { contentDisposition, exportFileNames } from '../../server/export/fileName.js';

const nameOf = (title: string) => exportFileNames('docx', title, 'abcdefgh1234', 0, 'docx').name;

describe('export file names', () => {
  it('cuts a long title by characters, never inside an emoji (a lone surrogate cannot be percent-encoded)', () => {
    const title = `${'あ'.repeat(79)}😀😀`;
    const names = exportFileNames('docx', title, 'abcdefgh1234', 0, 'docx');
    expect(names.name).toBe(`実施計画(案)_${'あ'.repeat(79)}😀_1970-01-01.docx`);
    expect(() => contentDisposition(names)).not.toThrow();
    const encoded = /filename\*=UTF-8''(.+)$/.exec(contentDisposition(names))![1]!;
    expect(decodeURIComponent(encoded)).toBe(names.name);
  });

  it('drops bidirectional and other format controls, so a name cannot pretend to another extension', () => {
    expect(nameOf('請求書\u202Excod.exe')).toBe('実施計画(案)_請求書xcod.exe_1970-01-01.docx');
    expect(nameOf('a\u200Bb\u2066c\u2069\uFEFF')).toBe('実施計画(案)_abc_1970-01-01.docx');
    expect(nameOf('改行\r\nと/区切り')).toBe('実施計画(案)_改行__と_区切り_1970-01-01.docx');
  });
});
