import { useEffect, useRef, useState } from 'react';
import type { Role } from '../../shared/roles';
import { useI18n } from '../i18n/I18nProvider';
import type { CreatedBoard } from '../lib/api';
import { boardPath } from '../lib/recentBoards';

const LINK_LABELS = {
  facilitator: 'landing.created.facilitator',
  participant: 'landing.created.participant',
  viewer: 'landing.created.viewer',
} as const;

export function CreatedLinks({ board }: { board: CreatedBoard }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<Role | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Shown in place of the form whose button had the focus: the focus moves to what replaced it.
  useEffect(() => heading.current?.focus(), []);

  async function copy(role: Role) {
    try {
      await navigator.clipboard.writeText(board.links[role]);
      setCopied(role);
    } catch {
      // Clipboard refused (insecure context): the link stays selectable in its field.
    }
  }

  return (
    <section className="card" aria-labelledby="created-heading">
      <h2 id="created-heading" ref={heading} tabIndex={-1}>
        {t('landing.created.heading')}
      </h2>
      <p className="board-title-display">{board.title}</p>
      <p>{t('landing.created.explain')}</p>
      {(['facilitator', 'participant', 'viewer'] as const).map((role) => (
        <div className="link-row" key={role}>
          <label className="field">
            <span>{t(LINK_LABELS[role])}</span>
            <input readOnly value={board.links[role]} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <button type="button" onClick={() => copy(role)} aria-label={`${t('landing.copy')}: ${t(LINK_LABELS[role])}`}>
            {copied === role ? t('landing.copied') : t('landing.copy')}
          </button>
        </div>
      ))}
      <a className="button primary" href={boardPath(board.id, board.tokens.facilitator)}>
        {t('landing.created.open')}
      </a>
    </section>
  );
}
