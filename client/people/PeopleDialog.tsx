import { useId } from 'react';
import { ROLES } from '../../shared/roles';
import { useI18n } from '../i18n/I18nProvider';
import { ROLE_KEYS } from '../i18n/roleKeys';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useModalDialog } from '../ui/useModalDialog';
import { AddMemberForm, PersonList, SharedLinks } from './PeopleSections';
import { usePeopleAdmin } from './usePeopleAdmin';

/** The facilitator's people and links: shared links, the roster with personal links, guests, who is on. */
export function PeopleDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const dialog = useModalDialog();
  const titleId = useId();
  const admin = usePeopleAdmin();
  const { people, connections, error, pending } = admin;
  const connectedIds = new Set(connections?.people.map((p) => p.personId) ?? []);
  const members = people?.filter((p) => p.kind === 'member') ?? [];
  const guests = people?.filter((p) => p.kind === 'guest') ?? [];

  return (
    <dialog ref={dialog} className="dialog dialog-wide people-dialog" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t('people.heading')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby={`${titleId}-connected`}>
        <h3 id={`${titleId}-connected`}>{t('people.connectedNow')}</h3>
        {connections ? (
          <ul className="connected-by-role">
            {ROLES.map((role) => (
              <li key={role}>{t('people.byRole', { role: t(ROLE_KEYS[role]), count: connections.byRole[role] })}</li>
            ))}
          </ul>
        ) : (
          <p role="status">{t('people.loading')}</p>
        )}
        <button type="button" onClick={() => admin.refresh()}>
          {t('people.refresh')}
        </button>
      </section>
      <SharedLinks admin={admin} />
      <section aria-labelledby={`${titleId}-roster`}>
        <h3 id={`${titleId}-roster`}>{t('people.roster')}</h3>
        <p className="help">{t('people.rosterHelp')}</p>
        <PersonList people={members} connectedIds={connectedIds} admin={admin} empty={t('people.noMembers')} />
        <AddMemberForm admin={admin} />
      </section>
      <section aria-labelledby={`${titleId}-guests`}>
        <h3 id={`${titleId}-guests`}>{t('people.guests')}</h3>
        <PersonList people={guests} connectedIds={connectedIds} admin={admin} empty={t('people.noGuests')} />
      </section>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('people.close')}
        </button>
      </div>
      {pending && (
        <ConfirmDialog
          message={pending.message}
          confirmLabel={pending.confirmLabel}
          onConfirm={() => admin.resolvePending(true)}
          onCancel={() => admin.resolvePending(false)}
        />
      )}
    </dialog>
  );
}
