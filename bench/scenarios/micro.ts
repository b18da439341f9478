/** Micro-benchmarks of the parts of the board that scale with its size (in process, no network). */
import * as Y from 'yjs';
import { stateVectorOf, validateUpdate } from '../../server/validateUpdate';
import { LANE_KINDS } from '../../shared/records/lane';
import { listLaneNotes, liveNotesByLane } from '../../shared/selectors';
import { boardInOneGo, PILLAR_IDS } from '../lib/fixtures';
import { median, type Row } from '../lib/stats';

/** Median of `runs` timings of `fn`, in ms. */
export function timeMedian(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

export function microScenario(): Row[] {
  const scenario = 'micro, 3,000 notes';
  const big = boardInOneGo(3000);
  const perLane = timeMedian(15, () => {
    for (const pillar of PILLAR_IDS) for (const lane of LANE_KINDS) listLaneNotes(big, pillar, lane);
  });
  const grouped = timeMedian(15, () => liveNotesByLane(big));
  const fullState = Y.encodeStateAsUpdate(big);
  const validate = timeMedian(15, () => validateUpdate(fullState, new Map()));
  const typist = new Y.Doc();
  Y.applyUpdate(typist, fullState);
  const before = Y.encodeStateVector(typist);
  ((typist.getMap('notes').get('note00000') as Y.Map<unknown>).get('text') as Y.Text).insert(0, 'あ');
  const keystroke = Y.encodeStateAsUpdate(typist, before);
  const base = stateVectorOf(big);
  const perKeystroke = timeMedian(201, () => validateUpdate(keystroke, base)) * 1000;
  return [
    { scenario, figure: 'lane index, one pass per lane', unit: 'ms', ours: perLane, note: 'median of 15' },
    { scenario, figure: 'lane index, one pass (liveNotesByLane)', unit: 'ms', ours: grouped },
    {
      scenario,
      figure: `validateUpdate, whole board (${(fullState.byteLength / 1024).toFixed(0)} KiB)`,
      unit: 'ms',
      ours: validate,
    },
    { scenario, figure: 'validateUpdate, one keystroke', unit: 'µs', ours: perKeystroke, note: 'median of 201' },
  ];
}
