import { nanoid } from 'nanoid';
import * as Y from 'yjs';
import { boardRoots, settingsRoots } from './docs.js';
import { orderKeyBetween } from './order.js';
import { DEFAULT_LANE_LABELS, LANE_KINDS } from './records/lane.js';
import { seedMeetings } from './records/meeting.js';
import { BOARD_SCHEMA_VERSION, SETTINGS_SCHEMA_VERSION } from './records/meta.js';
import { defaultPeriod, type FiscalPeriod } from './records/period.js';

/** The three pillars of the seed's working group (みんなにやさしいデジタル市役所計画). */
export const SEED_PILLAR_TITLES = ['市民サービスの向上', '業務の効率化', '人材育成'] as const;

/**
 * A new board's settings: its title, its period (the two fiscal years after `now`'s), the seed's pillars, the
 * lane labels 課題 / 達成目標 / アイデア and the seed's meetings.
 */
export function initialiseSettingsDoc(
  doc: Y.Doc,
  title: string,
  newId: () => string = () => nanoid(10),
  now: number = Date.now(),
): void {
  doc.transact(() => {
    const meta = settingsRoots.meta(doc);
    const period = defaultPeriod(now);
    meta.set('schemaVersion', SETTINGS_SCHEMA_VERSION);
    meta.set('title', title);
    meta.set('period', period);
    const pillars = settingsRoots.pillars(doc);
    let previous: string | null = null;
    for (const pillarTitle of SEED_PILLAR_TITLES) {
      const order = orderKeyBetween(previous, null);
      const pillar = new Y.Map<unknown>();
      pillar.set('title', pillarTitle);
      pillar.set('order', order);
      pillars.set(newId(), pillar);
      previous = order;
    }
    const labels = settingsRoots.laneLabels(doc);
    for (const kind of LANE_KINDS) labels.set(kind, DEFAULT_LANE_LABELS[kind]);
    addSeedMeetings(doc, period, newId);
  });
}

/** The seed's four meetings (キックオフ … 第4回), the first one under way. Call inside a transaction. */
export function addSeedMeetings(doc: Y.Doc, period: FiscalPeriod, newId: () => string = () => nanoid(10)): void {
  const meetings = settingsRoots.meetings(doc);
  let previous: string | null = null;
  let first: string | null = null;
  for (const seed of seedMeetings(period)) {
    const id = newId();
    const order = orderKeyBetween(previous, null);
    const meeting = new Y.Map<unknown>();
    meeting.set('title', seed.title);
    meeting.set('date', '');
    meeting.set('task', seed.task);
    meeting.set('agenda', seed.agenda.join('\n'));
    meeting.set('produces', seed.produces);
    meeting.set('order', order);
    meetings.set(id, meeting);
    previous = order;
    first ??= id;
  }
  if (first) settingsRoots.facilitation(doc).set('currentMeetingId', first);
}

export function initialiseBoardDoc(doc: Y.Doc): void {
  doc.transact(() => {
    boardRoots.meta(doc).set('schemaVersion', BOARD_SCHEMA_VERSION);
    boardRoots.notes(doc);
  });
}
