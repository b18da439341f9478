import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildDigest } from '../../shared/digest.js';
import { settingsRoots } from '../../shared/docs.js';
import { translator } from '../../shared/i18n/index.js';
import { addComment } from '../../shared/ops/comments.js';
import { addMeetingTask } from '../../shared/ops/meetingTasks.js';
import { addNote } from '../../shared/ops/notes.js';
import { listMeetings } from '../../shared/records/meeting.js';
import { activePillars } from '../../shared/selectors.js';
import { initialiseSettingsDoc } from '../../shared/template.js';

const NOW = Date.parse('2026-09-14T12:00:00+09:00');
const SINCE = Date.parse('2026-09-07T00:00:00+09:00');

function board() {
  const settings = new Y.Doc();
  let n = 0;
  initialiseSettingsDoc(settings, '庁内部会', () => `p${++n}`, Date.parse('2026-04-10T00:00:00+09:00'));
  return { settings, board: new Y.Doc(), pillars: activePillars(settings) };
}

const options = (format: 'text' | 'markdown' = 'text') => ({
  t: translator('ja'),
  lang: 'ja' as const,
  since: SINCE,
  now: NOW,
  boardUrl: 'https://board.example.lg.jp/b/abc',
  format,
});

describe('the digest for the chat', () => {
  it('lists new notes by pillar, comments waiting for an answer, what is due next and the board’s address', () => {
    const { settings, board: doc, pillars } = board();
    const note = (id: string, text: string, pillar: number, now: number) =>
      addNote(doc, { id, pillarId: pillars[pillar]!.id, lane: 'problem', text, author: 'a', authorName: '佐藤', now });
    note('old', '先月の付箋', 0, SINCE - 1);
    note('n1', '窓口の待ち時間が長い', 0, SINCE + 1);
    note('n2', '紙の決裁が多い', 1, SINCE + 2);
    addComment(doc, {
      id: 'c1',
      targetId: 'n1',
      targetKind: 'note',
      text: '何分くらい待ちますか',
      author: 'b',
      now: SINCE + 3,
    });
    const meetings = listMeetings(settingsRoots.meetings(settings));
    addMeetingTask(settings, {
      id: 't',
      meetingId: meetings[1]!.id,
      text: '各柱に3つ以上',
      due: '2026-09-16',
      kind: 'check',
    });
    const { text, empty } = buildDigest(doc, settings, options());
    expect(empty).toBe(false);
    expect(text).toContain('【庁内部会 のまとめ（2026-09-07〜2026-09-14）】');
    expect(text).toContain('■ 新しい付箋 2枚');
    expect(text).toContain('・ 市民サービスの向上: 1枚');
    expect(text).toContain('窓口の待ち時間が長い');
    expect(text).not.toContain('先月の付箋');
    // Names only when the facilitator exports them.
    expect(text).not.toContain('佐藤');
    expect(text).toContain('■ 返事を待っているコメント 1件');
    expect(text).toContain('『窓口の待ち時間が長い』へ: 何分くらい待ちますか');
    expect(text).toContain('2026-09-16まで: 第2回までに 各柱に3つ以上');
    expect(text).toContain('ボード: https://board.example.lg.jp/b/abc');
  });

  it('says so when nothing is new, and keeps typed Markdown inert', () => {
    const { settings, board: doc, pillars } = board();
    expect(buildDigest(doc, settings, options()).empty).toBe(true);
    expect(buildDigest(doc, settings, options()).text).toContain(
      'この期間に新しい付箋や、返事を待っているコメントはありません。',
    );
    addNote(doc, {
      id: 'x',
      pillarId: pillars[0]!.id,
      lane: 'idea',
      text: '[罠](http://evil) **太字**',
      author: 'a',
      now: NOW,
    });
    const markdown = buildDigest(doc, settings, options('markdown')).text;
    expect(markdown).toContain('\\[罠\\]\\(http://evil\\) \\*\\*太字\\*\\*');
    expect(markdown).toContain('<https://board.example.lg.jp/b/abc>');
    // Nothing typed calls the whole channel or makes a Slack link, in either format.
    addNote(doc, {
      id: 'y',
      pillarId: pillars[0]!.id,
      lane: 'idea',
      text: '@channel <!here> 見て',
      author: 'a',
      now: NOW,
    });
    for (const format of ['text', 'markdown'] as const) {
      const text = buildDigest(doc, settings, options(format)).text;
      expect(text).not.toMatch(/@channel|<!here>/);
      expect(text).toContain('\u200bchannel');
    }
  });
});
