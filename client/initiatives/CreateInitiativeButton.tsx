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
  className?: string;
}

/**
 * 「取組案にする」 on a matrix card, a results row or a shortlist row: named by the item, and telling when the
 * item already fed an initiative (making another is allowed: one item can feed two). Only for people who can
 * write the board; a viewer sees only the note that one exists.
 */
export function CreateInitiativeButton({ item, roundNumber, className }: CreateInitiativeButtonProps) {
  const { t } = useI18n();
  const { session, canEditBoard } = useBoard();
  const create = useCreateInitiative();
  const fed = useFedTitles(session.boardDoc, item.id);
  const titles = fed === '' ? null : fed.split('\n').map((title) => title || t('initiative.untitled'));
  const label = shortItemLabel(item);
  return (
    <>
      {titles && <span className="initiative-fed">{t('initiative.fedBy', { titles: titles.join('、') })}</span>}
      {canEditBoard && (
        <button
          type="button"
          className={`initiative-create ${className ?? ''}`}
          aria-label={t('initiative.createItem', { label })}
          title={t('initiative.createItem', { label })}
          onClick={() => create(item, roundNumber)}
        >
          {t('initiative.create')}
        </button>
      )}
    </>
  );
}
