import { type FormEvent, useState } from 'react';
import { PERSON_NAME_MAX } from '../../shared/limits';
import { ROLES, type Role } from '../../shared/roles';
import { useI18n } from '../i18n/I18nProvider';
import { ROLE_KEYS } from '../i18n/roleKeys';
import type { Person } from '../lib/api';
import { replaceRememberedToken } from '../lib/boardToken';
import { boardPath } from '../lib/recentBoards';
import { loadSharedLinkTokens, saveSharedLinkToken } from '../lib/sharedLinks';
import { useBoard } from '../session/hooks';
import { CopyField } from '../ui/CopyField';
import { nextControlAfter } from '../ui/focusNext';
import type { usePeopleAdmin } from './usePeopleAdmin';

type Admin = ReturnType<typeof usePeopleAdmin>;

const linkFromToken = (boardId: string, token: string) => `${window.location.origin}${boardPath(boardId, token)}`;

/** The three shared links: shown when this browser knows them, replaceable one by one. */
export function SharedLinks({ admin }: { admin: Admin }) {
  const { t } = useI18n();
  const { session, sharedLink } = useBoard();
  const [tokens, setTokens] = useState(() => loadSharedLinkTokens(session.boardId));

  function replace(role: Role) {
    const roleName = t(ROLE_KEYS[role]);
    admin.confirmAndRun({
      message: t('people.regenerateConfirm', { role: roleName }),
      confirmLabel: t('people.regenerate', { role: roleName }),
      run: async () => {
        const issued = await admin.api.regenerateRoleLink(role);
        // This page's own link, or one this browser remembers, follows to the new token (a reload still works).
        const previous = sharedLink?.role === role ? sharedLink.token : tokens[role];
        if (previous) replaceRememberedToken(session.boardId, previous, issued.token);
        saveSharedLinkToken(session.boardId, role, issued.token);
        setTokens((known) => ({ ...known, [role]: issued.token }));
      },
    });
  }

  return (
    <section aria-labelledby="shared-links-heading">
      <h3 id="shared-links-heading">{t('people.sharedLinks')}</h3>
      <p className="help">{t('people.sharedLinksHelp')}</p>
      {ROLES.map((role) => {
        const roleName = t(ROLE_KEYS[role]);
        const token = tokens[role];
        return (
          <div className="shared-link" key={role}>
            {token ? (
              <CopyField
                label={t('people.linkFor', { role: roleName })}
                value={linkFromToken(session.boardId, token)}
              />
            ) : (
              <p>
                {t('people.linkFor', { role: roleName })} {t('people.linkUnknown')}
              </p>
            )}
            <button type="button" onClick={() => replace(role)}>
              {t('people.regenerate', { role: roleName })}
            </button>
          </div>
        );
      })}
    </section>
  );
}

/** Members or guests, with who is connected, their new link when one was just issued, and their actions. */
export function PersonList({
  people,
  connectedIds,
  admin,
  empty,
}: {
  people: Person[];
  connectedIds: ReadonlySet<string>;
  admin: Admin;
  empty: string;
}) {
  const { t } = useI18n();
  const { identity } = useBoard();
  if (people.length === 0) return <p>{empty}</p>;

  function regenerate(person: Person) {
    admin.confirmAndRun({
      message: t('people.regeneratePersonConfirm', { name: person.name }),
      confirmLabel: t('people.regeneratePerson', { name: person.name }),
      run: async () => {
        const link = await admin.api.regeneratePersonLink(person.id);
        admin.showIssuedLink(person.id, link.link);
      },
    });
  }

  /** `button`: the person's 外す, which leaves the list with them: the focus then goes on to the next control. */
  function remove(person: Person, button: HTMLElement) {
    const row = button.closest('li');
    const next = row ? nextControlAfter(row) : null;
    admin.confirmAndRun({
      message: t('people.removeConfirm', { name: person.name }),
      confirmLabel: t('people.remove', { name: person.name }),
      run: async () => {
        await admin.api.removePerson(person.id);
        // The row goes once the list is read again (admin.run refreshes it after this): then, if the focus
        // fell with it, on to the next control.
        let frames = 0;
        const afterRemoval = () => {
          if (button.isConnected) return void (++frames < 300 && requestAnimationFrame(afterRemoval));
          if (next?.isConnected && document.activeElement === document.body) next.focus();
        };
        requestAnimationFrame(afterRemoval);
      },
    });
  }

  return (
    <ul className="person-list">
      {people.map((person) => (
        <li key={person.id}>
          <span className="person-name">
            {person.name}
            {person.id === identity.id && ` ${t('people.you')}`}
          </span>
          <span className="role-badge">{t(ROLE_KEYS[person.role])}</span>
          {connectedIds.has(person.id) && <span className="connected-dot">{t('people.connectedNow')}</span>}
          {person.kind === 'member' && person.id !== identity.id && (
            <button type="button" onClick={() => regenerate(person)}>
              {t('people.regeneratePerson', { name: person.name })}
            </button>
          )}
          {person.id !== identity.id && (
            <button type="button" onClick={(event) => remove(person, event.currentTarget)}>
              {t('people.remove', { name: person.name })}
            </button>
          )}
          {admin.issuedLinks[person.id] && (
            <CopyField
              label={t('people.personalLinkOf', { name: person.name })}
              value={admin.issuedLinks[person.id]!}
            />
          )}
        </li>
      ))}
    </ul>
  );
}

/** Adds a member to the roster and shows their personal link to hand over. */
export function AddMemberForm({ admin }: { admin: Admin }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') return setProblem(t('people.nameEmpty'));
    if (trimmed.length > PERSON_NAME_MAX) return setProblem(t('people.nameTooLong', { max: PERSON_NAME_MAX }));
    setProblem(null);
    admin.run(async () => {
      const created = await admin.api.addMember(trimmed);
      // Shown under the new member in the roster, to copy and hand over.
      admin.showIssuedLink(created.person.id, created.link);
      setName('');
    });
  }

  return (
    <form className="add-member" onSubmit={submit} noValidate>
      <label className="field">
        <span>{t('people.memberName')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} aria-invalid={problem !== null} />
      </label>
      <button type="submit">{t('people.addMember')}</button>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
