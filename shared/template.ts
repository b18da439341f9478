import { nanoid } from 'nanoid';
import * as Y from 'yjs';
import { boardRoots, settingsRoots } from './docs.js';
import { orderKeyBetween } from './order.js';
import { DEFAULT_LANE_LABELS, LANE_KINDS } from './records/lane.js';
import { BOARD_SCHEMA_VERSION, SETTINGS_SCHEMA_VERSION } from './records/meta.js';

/** The three pillars of the seed's working group (みんなにやさしいデジタル市役所計画). */
export const SEED_PILLAR_TITLES = ['市民サービスの向上', '業務の効率化', '人材育成'] as const;

/** A new board's settings: its title, the seed's pillars and the lane labels 課題 / 達成目標 / アイデア. */
export function initialiseSettingsDoc(doc: Y.Doc, title: string, newId: () => string = () => nanoid(10)): void {
  doc.transact(() => {
    const meta = settingsRoots.meta(doc);
    meta.set('schemaVersion', SETTINGS_SCHEMA_VERSION);
    meta.set('title', title);
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
  });
}

export function initialiseBoardDoc(doc: Y.Doc): void {
  doc.transact(() => {
    boardRoots.meta(doc).set('schemaVersion', BOARD_SCHEMA_VERSION);
    boardRoots.notes(doc);
  });
}
