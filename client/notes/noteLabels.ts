import { useMemo } from 'react';
import type { MessageKey } from '../../shared/i18n/ja';
import type { Translate } from '../../shared/i18n/lang';
import { LANE_KINDS, type LaneKind } from '../../shared/records/lane';
import { useI18n } from '../i18n/I18nProvider';
import { useStoreSelector } from '../lib/store';
import { useBoard, useLaneLabelText } from '../session/hooks';

/** A message with placeholders, split once, filled per note without searching the catalog again. */
function template(t: Translate, key: MessageKey): (params: Record<string, string | number>) => string {
  const parts = t(key).split(/\{(\w+)\}/);
  return (params) => {
    let out = parts[0] ?? '';
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i]!;
      out += (name in params ? String(params[name]) : `{${name}}`) + (parts[i + 1] ?? '');
    }
    return out;
  };
}

/** Every word a note card shows, looked up once per language (and lane names), shared by all the cards. */
export function noteLabelsOf(t: Translate, laneName: (lane: LaneKind) => string) {
  return {
    note: template(t, 'note.label'),
    by: template(t, 'note.by'),
    editingBy: template(t, 'note.editingBy'),
    menuButton: template(t, 'noteMenu.button'),
    menuTooltip: t('noteMenu.tooltip'),
    spotlit: t('spotlight.badge'),
    comments: template(t, 'comment.count'),
    commentsWithNew: template(t, 'comment.countWithNew'),
    reaction: { '👍': template(t, 'comment.reaction.👍'), '❓': template(t, 'comment.reaction.❓') },
    visit: {
      added: { word: t('visit.added'), label: t('visit.addedLabel') },
      changed: { word: t('visit.changed'), label: t('visit.changedLabel') },
    },
    initiative: template(t, 'initiative.boardBadge'),
    untitled: t('initiative.untitled'),
    initiativeSeparator: t('initiative.badgeSeparator'),
    lane: Object.fromEntries(LANE_KINDS.map((lane) => [lane, laneName(lane)])) as Record<LaneKind, string>,
  };
}

export type NoteLabels = ReturnType<typeof noteLabelsOf>;

/** The note cards' words for a lane or cluster card: one object until the language or a lane's name changes. */
export function useNoteLabels(): NoteLabels {
  const { t } = useI18n();
  const { session } = useBoard();
  // The names themselves, not the settings object (new at every change of the settings: a spotlight...), so a
  // lane or cluster card does not render again for them, nor its notes with a new labels object.
  const problem = useStoreSelector(session.settings, (settings) => settings.laneLabels.problem);
  const goal = useStoreSelector(session.settings, (settings) => settings.laneLabels.goal);
  const idea = useStoreSelector(session.settings, (settings) => settings.laneLabels.idea);
  const laneLabel = useLaneLabelText();
  return useMemo(() => {
    const custom = { problem, goal, idea };
    return noteLabelsOf(t, (lane) => laneLabel(lane, custom[lane]));
  }, [t, laneLabel, problem, goal, idea]);
}
