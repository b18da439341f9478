import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { ROLE_KEYS } from '../i18n/roleKeys';
import { boardPath, forgetBoard, loadRecentBoards } from '../lib/recentBoards';

export function RecentBoards() {
  const { t } = useI18n();
  const [boards, setBoards] = useState(loadRecentBoards);
  return (
    <section className="card" aria-labelledby="recent-heading">
      <h2 id="recent-heading">{t('landing.recent.heading')}</h2>
      {boards.length === 0 ? (
        <p className="muted">{t('landing.recent.empty')}</p>
      ) : (
        <ul className="recent-list">
          {boards.map((board) => (
            <li key={`${board.id}:${board.role}`}>
              <a href={boardPath(board.id, board.token)}>{board.title || board.id}</a>
              <span className="role-badge">{t(ROLE_KEYS[board.role])}</span>
              <button
                type="button"
                className="icon-button"
                aria-label={t('landing.recent.forget', {
                  title: `${board.title || board.id} (${t(ROLE_KEYS[board.role])})`,
                })}
                onClick={() => {
                  forgetBoard(board.id, board.role);
                  setBoards(loadRecentBoards());
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
