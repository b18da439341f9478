import { describe, expect, it } from 'vitest';
import { offeredExports } from '../../client/export/exportFormats';
import { ApiError, downloadFilename } from '../../client/lib/api';
import { apiErrorMessage } from '../../client/lib/apiErrorMessage';
import { translator } from '../../shared/i18n/index';

const t = translator('ja');

describe('the export client', () => {
  it('names the saved file from filename* (the Japanese name) before the ASCII fallback', () => {
    const japanese = encodeURIComponent('実施計画(案)_庁内部会_2026-11-26.docx');
    expect(downloadFilename(`attachment; filename="plan.docx"; filename*=UTF-8''${japanese}`, 'x')).toBe(
      '実施計画(案)_庁内部会_2026-11-26.docx',
    );
    expect(downloadFilename('attachment; filename="board-abc-2026-11-26.json"', 'x')).toBe('board-abc-2026-11-26.json');
    // Damaged percent-encoding: the ASCII name, never a thrown error.
    expect(downloadFilename(`attachment; filename="plan.docx"; filename*=UTF-8''%E5%AE`, 'x')).toBe('plan.docx');
    expect(downloadFilename('', 'board-abc.md')).toBe('board-abc.md');
  });

  it('translates the export and import refusals by their code, whatever the status', () => {
    const cases: [number, string, string][] = [
      [403, 'export-not-allowed', 'この書き出しは許可されていません'],
      [503, 'export-busy', '書き出しが混み合っています'],
      [400, 'export-format', 'この形式の書き出しには'],
      [409, 'export-too-new', 'アプリ（サーバー）を更新してください'],
      [400, 'import-not-backup', 'バックアップではありません'],
      [400, 'import-too-new', '新しい版のアプリで作られています'],
      [400, 'import-truncated', '途中で切れているか'],
      [400, 'import-invalid', '内容に誤りがあります'],
      [503, 'export-timeout', '書き出しに時間がかかりすぎた'],
      [503, 'import-busy', 'もう一度読み込んでください'],
      [503, 'import-timeout', '読み込みに時間がかかりすぎた'],
    ];
    for (const [status, code, words] of cases) {
      expect(apiErrorMessage(t, new ApiError(status, 'English reason', code))).toContain(words);
    }
    expect(apiErrorMessage(t, new TypeError('Failed to fetch'))).toBe(t('error.network'));
    // Without a known code, the status decides as before.
    expect(apiErrorMessage(t, new ApiError(403, 'forbidden'))).toBe(t('error.forbidden'));
  });

  it('offers the JSON backup to the facilitator only, and documents to others only when allowed', () => {
    expect(offeredExports('facilitator', false)).toEqual([
      'docx',
      'xlsx',
      'csv',
      'csv-initiatives',
      'md',
      'data',
      'json',
    ]);
    expect(offeredExports('participant', false)).toEqual([]);
    expect(offeredExports('viewer', false)).toEqual([]);
    expect(offeredExports('participant', true)).toEqual(['docx', 'xlsx', 'csv', 'csv-initiatives', 'md', 'data']);
    expect(offeredExports('viewer', true)).not.toContain('json');
  });
});
