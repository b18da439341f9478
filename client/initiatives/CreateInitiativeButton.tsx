import type { BoardItem } from '../../shared/items';
import { useBoard } from '../board/hooks';
import { useI18n } from '../i18n/I18nProvider';
import { shortItemLabel } from '../matrix/itemDisplay';
import { useFedTitles } from './fedIndex';
import { useCreateInitiative } from './useCreateInitiative';
import './initiatives.css';

interface CreateInitiativeButtonProps {
  item: BoardItem;
  /** The revealed round whose dots the view shows (recorded in the initiative), or null. */
  roundNumber: number | null;
  /**
   * On a matrix card (absolutely placed, it must stay small): a short 「＋案」 whose name says the rest, and
   * whether the item already fed an initiative, instead of a line of text.
   */
  compact?: boolean;
}

/**
 * 「取組案にする」 on a matrix card, a results row or a shortlist row: named by the item, and telling when the
 * item already fed an initiative (making another is allowed: one item can feed two). Only for people who can
 * write the board; a viewer sees only the note that one exists.
 */
export function CreateInitiativeButton({ item, roundNumber, compact = false }: CreateInitiativeButtonProps) {
  const { t } = useI18n();
  const { session, canEditBoard } = useBoard();
  const create = useCreateInitiative();
  const fed = useFedTitles(session.boardDoc, item.id);
  const titles = fed === '' ? null : fed.split('\n').map((title) => title || t('initiative.untitled'));
  const label = shortItemLabel(item);
  const fedText = titles ? t('initiative.fedBy', { titles: titles.join(t('initiative.titleSeparator')) }) : null;
  const name = t('initiative.createItem', { label });
  if (compact) {
    if (!canEditBoard) {
      return fedText ? (
        <span className="initiative-fed" role="img" aria-label={fedText} title={fedText}>
          {t('initiative.fedShort')}
        </span>
      ) : null;
    }
    const visible = t(fedText ? 'initiative.createShortFed' : 'initiative.createShort');
    // The name starts with the visible 「＋案」, so a person who says or sees it finds the button (WCAG 2.5.3).
    const full = t('initiative.compactName', {
      visible,
      name: fedText ? t('initiative.withFed', { name, fed: fedText }) : name,
    });
    return (
      <button
        type="button"
        className={`matrix-card-button initiative-create-compact ${fedText ? 'initiative-create-fed' : ''}`}
        aria-label={full}
        title={full}
        onClick={() => create(item, roundNumber)}
      >
        {visible}
      </button>
    );
  }
  return (
    <>
      {fedText && <span className="initiative-fed">{fedText}</span>}
      {canEditBoard && (
        <button type="button" className="initiative-create" aria-label={name} onClick={() => create(item, roundNumber)}>
          {t('initiative.create')}
        </button>
      )}
    </>
  );
}
