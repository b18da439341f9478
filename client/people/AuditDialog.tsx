import { useEffect, useId, useMemo, useState } from 'react';
import type { MessageKey } from '../../shared/i18n/ja';
import type { Role } from '../../shared/roles';
import { useI18n } from '../i18n/I18nProvider';
import { ROLE_KEYS } from '../i18n/roleKeys';
import { type AuditEntry, facilitatorApi } from '../lib/api';
import { apiErrorMessage } from '../lib/apiErrorMessage';
import { useBoard } from '../session/hooks';
import { useModalDialog } from '../ui/useModalDialog';
import '../i18n/documentMessages';

const ACTION_KEYS: Record<string, MessageKey> = {
  'board.lock': 'audit.board.lock',
  'board.unlock': 'audit.board.unlock',
  'board.archive': 'audit.board.archive',
  'board.unarchive': 'audit.board.unarchive',
  'link.regenerate': 'audit.link.regenerate',
  'member.add': 'audit.member.add',
  'member.rename': 'audit.member.rename',
  'member.remove': 'audit.member.remove',
  'member.regenerateLink': 'audit.member.regenerateLink',
  'settings.change': 'audit.settings.change',
  'voting.open': 'vote.audit.open',
  'voting.close': 'vote.audit.close',
  'voting.reveal': 'vote.audit.reveal',
  'scoring.open': 'score.audit.open',
  'scoring.close': 'score.audit.close',
  'scoring.reveal': 'score.audit.reveal',
  'webhook.set': 'webhook.audit.set',
  'webhook.remove': 'webhook.audit.remove',
  'snapshot.save': 'snapshot.audit.save',
  'snapshot.delete': 'snapshot.audit.delete',
  'snapshot.restore': 'snapshot.audit.restore',
  'board.export': 'audit.board.export',
  'board.import': 'audit.board.import',
  'plan.attach': 'audit.plan.attach',
  'plan.detach': 'audit.plan.detach',
  'plan.nextPeriod': 'audit.plan.nextPeriod',
};

/** The settings document's parts, as the facilitator knows them. */
const PART_KEYS: Record<string, MessageKey> = {
  pillars: 'audit.part.pillars',
  laneLabels: 'audit.part.laneLabels',
  meta: 'audit.part.meta',
  prioritization: 'matrix.auditPart',
};

const isRole = (value: unknown): value is Role =>
  value === 'facilitator' || value === 'participant' || value === 'viewer';

/** The facilitator actions on this board, newest first: who (role, name), what, when. */
export function AuditDialog({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const { session, token } = useBoard();
  const dialog = useModalDialog();
  const titleId = useId();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const format = useMemo(
    () => new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }),
    [lang],
  );

  useEffect(() => {
    facilitatorApi(session.boardId, token)
      .audit()
      .then(setEntries, (failure: unknown) => setError(apiErrorMessage(t, failure)));
  }, [session.boardId, token, t]);

  function partName(part: string): string {
    const key = PART_KEYS[part];
    return key ? t(key) : part;
  }

  function describe(entry: AuditEntry): string {
    const key = ACTION_KEYS[entry.action];
    if (!key) return t('audit.other', { action: entry.action });
    const detail = entry.detail;
    const text = (name: string) => (typeof detail[name] === 'string' ? (detail[name] as string) : '');
    return t(key, {
      role: isRole(detail.role) ? t(ROLE_KEYS[detail.role]) : '',
      name: text('name'),
      from: text('from'),
      to: text('to'),
      parts: Array.isArray(detail.parts) ? detail.parts.map((part) => partName(String(part))).join('、') : '',
      round: typeof detail.round === 'number' ? detail.round : '',
      format: text('format'),
      host: text('host'),
    });
  }

  return (
    <dialog ref={dialog} className="dialog dialog-wide" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t('audit.heading')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {entries === null && !error && <p role="status">{t('people.loading')}</p>}
      {entries?.length === 0 && <p>{t('audit.empty')}</p>}
      {entries && entries.length > 0 && (
        <table className="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.who')}</th>
              <th scope="col">{t('audit.what')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{format.format(entry.at)}</td>
                <td>{entry.actor.name ?? t('audit.unknownPerson', { role: t(ROLE_KEYS[entry.actor.role]) })}</td>
                <td>{describe(entry)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('people.close')}
        </button>
      </div>
    </dialog>
  );
}
