import type * as Y from 'yjs';
import type { Translate } from '../i18n/index.js';
import { readScoringRounds, revealedScoringRounds, type ScoringRound } from '../records/scoring.js';
import { formatScore } from '../scoring.js';
import type { ReportLabels } from './reportLabels.js';
import type { ReportScoreRow, ReportScoringRound } from './reportTypes.js';

/**
 * The revealed scoring rounds of a board as the exports print them, oldest first: each item's medians,
 * quartiles, spread and how many scored it, as published at the reveal (never a person's score).
 */
export function reportScoringRounds(
  settings: Y.Doc,
  ctx: { t: Translate; labels: ReportLabels; pillarTitle: (pillarId: string | null) => string },
): ReportScoringRound[] {
  return revealedScoringRounds(readScoringRounds(settings))
    .reverse()
    .map((round) => reportScoringRound(ctx, round));
}

function reportScoringRound(
  ctx: { t: Translate; labels: ReportLabels; pillarTitle: (pillarId: string | null) => string },
  round: ScoringRound,
): ReportScoringRound {
  const revealedDate = ctx.labels.date(round.revealedAt ?? 0);
  const axis = (summary: { median: number; q1: number; q3: number }) => ({
    median: summary.median,
    q1: summary.q1,
    q3: summary.q3,
  });
  return {
    number: round.number,
    title: ctx.t('export.scoringRound', { number: round.number }),
    detail: ctx.t('export.scoringDetail', { date: revealedDate, count: round.scorers ?? 0 }),
    scorers: round.scorers ?? 0,
    axes: ctx.labels.axes,
    revealedAt: round.revealedAt ?? 0,
    revealedDate,
    rows: (round.results ?? []).map((result) => ({
      label: result.label,
      kindLabel: ctx.t(`export.kind.${result.kind}`),
      pillarTitle: ctx.pillarTitle(result.pillarId),
      count: result.summary?.count ?? 0,
      effect: result.summary ? axis(result.summary.effect) : null,
      ease: result.summary ? axis(result.summary.ease) : null,
      spread: result.summary?.disagreement ?? null,
    })),
  };
}

/** One item's published scores in words: 「効果 中央値4（3〜5）・実現しやすさ 中央値2（2〜3）・ばらつき2・5人が採点」. */
export function scoreLine(report: { t: Translate }, axes: ReportScoringRound['axes'], row: ReportScoreRow): string {
  if (!row.effect || !row.ease || row.spread === null) return report.t('export.notScored');
  return report.t('export.scoreLine', {
    effectAxis: axes.effect,
    effect: formatScore(row.effect.median),
    effectLow: formatScore(row.effect.q1),
    effectHigh: formatScore(row.effect.q3),
    easeAxis: axes.ease,
    ease: formatScore(row.ease.median),
    easeLow: formatScore(row.ease.q1),
    easeHigh: formatScore(row.ease.q3),
    spread: formatScore(row.spread),
    count: row.count,
  });
}

const quartiles = ({ median, q1, q3 }: { median: number; q1: number; q3: number }) => ({ median, q1, q3 });

/**
 * The readable data's `scoringRounds` (shared/export/data.ts): revealed rounds, oldest first, each item's published
 * medians, quartiles, spread and count — never a score, and not the reasons.
 */
export function dataScoringRounds<Time, Kind>(
  settings: Y.Doc,
  format: { iso: (time: number) => Time; kindOf: (kind: 'cluster' | 'note') => Kind },
) {
  return revealedScoringRounds(readScoringRounds(settings))
    .reverse()
    .map((round) => ({
      number: round.number,
      revealedAt: format.iso(round.revealedAt ?? 0),
      scorers: round.scorers ?? 0,
      items: (round.results ?? []).map((result) => ({
        itemId: result.itemId,
        kind: format.kindOf(result.kind),
        label: result.label,
        pillarId: result.pillarId,
        count: result.summary?.count ?? 0,
        effect: result.summary ? quartiles(result.summary.effect) : null,
        ease: result.summary ? quartiles(result.summary.ease) : null,
        spread: result.summary?.disagreement ?? null,
      })),
    }));
}
