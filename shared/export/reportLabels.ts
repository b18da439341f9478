import type * as Y from 'yjs';
import { settingsRoots } from '../docs.js';
import { formatFiscalYearEn, formatFiscalYears, formatJapaneseDate } from '../fiscalYear.js';
import type { Lang, Translate } from '../i18n/index.js';
import { shortlistName } from '../periodText.js';
import type { InitiativeStatus, Priority } from '../records/initiative.js';
import { DEFAULT_LANE_LABELS, LANE_KINDS, type LaneKind, readLaneLabels } from '../records/lane.js';
import type { Quadrant } from '../records/matrix.js';
import { readBoardPeriod } from '../records/period.js';
import {
  DEFAULT_PRIORITIZATION_LABELS,
  type PrioritizationLabelKey,
  quadrantLabelKey,
  readPrioritizationLabels,
} from '../records/prioritization.js';

/**
 * The words an export prints for the facilitator's labels and the fixed vocabularies, resolved once per export
 * the way the views resolve them: a custom label as written, a missing one (or one equal to the Japanese
 * default) in the export's language.
 */
export interface ReportLabels {
  lane: (lane: LaneKind | null) => string;
  quadrant: (quadrant: Quadrant | null) => string;
  /** The matrix's axes as the facilitator named them: 効果 (the scores' `effect`) and 実現しやすさ (`ease`). */
  axes: { effect: string; ease: string };
  priority: (priority: Priority) => string;
  status: (status: InitiativeStatus) => string;
  /** 「令和4〜5年度 (2022〜2023年度)」; English "FY2022 (Reiwa 4), …". */
  fiscalYears: (years: readonly number[]) => string;
  /** 「令和4年5月10日 (2022年5月10日)」, or '' for an unknown time (0). */
  date: (time: number) => string;
  /** The shortlist's name for the board's period: 「令和9〜10年度 (2027〜2028年度)に取り組む」. */
  targetPeriod: string;
}

export function reportLabels(settings: Y.Doc, t: Translate, lang: Lang, now: number): ReportLabels {
  const laneLabels = readLaneLabels(settingsRoots.laneLabels(settings));
  const lanes = {} as Record<LaneKind, string>;
  for (const lane of LANE_KINDS) {
    const custom = laneLabels[lane];
    lanes[lane] = custom === null || custom === DEFAULT_LANE_LABELS[lane] ? t(`lane.${lane}`) : custom;
  }
  const prioritization = readPrioritizationLabels(settingsRoots.prioritization(settings));
  const prioritizationLabel = (key: PrioritizationLabelKey) => {
    const custom = prioritization[key];
    return custom === null || custom === DEFAULT_PRIORITIZATION_LABELS[key] ? t(`matrix.default.${key}`) : custom;
  };
  return {
    lane: (lane) => (lane === null ? t('export.laneUnknown') : lanes[lane]),
    quadrant: (quadrant) =>
      quadrant === null ? t('export.unplaced') : prioritizationLabel(quadrantLabelKey(quadrant)),
    axes: { effect: prioritizationLabel('impactAxis'), ease: prioritizationLabel('feasibilityAxis') },
    priority: (priority) => t(`export.priority.${priority}`),
    status: (status) => t(`export.status.${status}`),
    fiscalYears: (years) =>
      lang === 'ja'
        ? formatFiscalYears(years)
        : [...years]
            .sort((a, b) => a - b)
            .map(formatFiscalYearEn)
            .join(', '),
    date: (time) => (time > 0 ? formatJapaneseDate(time) : ''),
    targetPeriod: shortlistName(readBoardPeriod(settings, now), t, lang, true),
  };
}
