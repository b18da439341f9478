import type { BoardItem } from '../../shared/items';
import { useI18n } from '../i18n/I18nProvider';
import { shortItemLabel } from '../matrix/itemDisplay';
import { useBoard } from '../session/hooks';
import { IconButton } from '../ui/IconButton';
import { FedInitiativeIcon, NewInitiativeIcon } from '../ui/icons/matrixIcons';
import { useFedTitles } from './fedIndex';
import { useCreateInitiative } from './useCreateInitiative';
import './initiatives.css';

interface CreateInitiativeButtonProps {
  item: BoardItem;
  /** The revealed round whose dots the view shows (recorded in the initiative), or null. */
  roundNumber: number | null;
  /**
   * On a matrix card (absolutely placed, it must stay small): an icon with a tooltip, whose name says the rest
   * and whether the item already fed an initiative, instead of a line of text.
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
    // The tooltip's word 「取組案にする」 is in the name, so a person who says what they see finds the button
    // (WCAG 2.5.3); the page-with-a-tick icon shows that an initiative already came from this item.
    return (
      <IconButton
        className={`matrix-card-button initiative-create-compact ${fedText ? 'initiative-create-fed' : ''}`}
        icon={fedText ? <FedInitiativeIcon /> : <NewInitiativeIcon />}
        tooltip={t('initiative.createTooltip')}
        label={fedText ? t('initiative.withFed', { name, fed: fedText }) : name}
        onClick={() => create(item, roundNumber)}
      />
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
