import type * as Y from 'yjs';
import type { Lang, Translate } from '../i18n/index.js';
import { periodInDocuments } from '../periodText.js';
import { actualNotNumeric, listContinued, type VerificationResult } from '../records/continued.js';
import type { Pillar } from '../records/pillar.js';

/** A 「前期からの継続」 card as the documents show it: the previous period's initiative and its verification. */
export interface ReportContinued {
  id: string;
  title: string;
  pillarTitle: string;
  /** 「第1期 令和4〜5年度 (2022〜2023年度)」. */
  previousPeriod: string;
  indicator: string;
  targetValue: string;
  actual: string;
  /** The actual value is not a number where the target is one: kept as typed, flagged 要確認. */
  actualNotNumeric: boolean;
  result: VerificationResult | null;
  /** 達成, 一部達成…; '' while not verified. */
  resultLabel: string;
  comment: string;
  /** ms since the epoch; 0 while not verified. */
  verifiedAt: number;
  verifiedDate: string;
  /** '' unless the facilitator lets the documents name people. */
  verifiedByName: string;
}

export interface ContinuedContext {
  t: Translate;
  lang: Lang;
  pillars: Pillar[];
  pillarTitle: (pillarId: string | null) => string;
  date: (time: number) => string;
  authorNames: boolean;
}

/** Every continued card of the board, by pillar (in the pillars' order, unknown last), then title. */
export function reportContinued(board: Y.Doc, ctx: ContinuedContext): ReportContinued[] {
  const order = new Map(ctx.pillars.map((pillar, index) => [pillar.id, index]));
  const rank = (pillarId: string | null) => order.get(pillarId ?? '') ?? ctx.pillars.length;
  return listContinued(board)
    .sort((a, b) => rank(a.pillarId) - rank(b.pillarId))
    .map((card) => {
      const { verification, from } = card;
      const verifiedAt = verification.verifiedAt ?? 0;
      const years = from.first > 0 ? periodInDocuments({ first: from.first, last: from.last }, ctx.lang) : '';
      return {
        id: card.id,
        title: card.title,
        pillarTitle: ctx.pillarTitle(card.pillarId),
        previousPeriod: [from.periodName, years].filter((part) => part !== '').join(' '),
        indicator: card.indicator,
        targetValue: card.targetValue,
        actual: verification.actual,
        actualNotNumeric: actualNotNumeric(card),
        result: verification.result,
        resultLabel: verification.result ? ctx.t(`continued.result.${verification.result}`) : '',
        comment: verification.comment,
        verifiedAt,
        verifiedDate: ctx.date(verifiedAt),
        verifiedByName: ctx.authorNames ? verification.verifiedByName : '',
      };
    });
}
