import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { CreatedBoard } from '../lib/api';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { CreateBoardForm } from './CreateBoardForm';
import { CreatedLinks } from './CreatedLinks';
import { ImportBoardForm } from './ImportBoardForm';
import { OpenCreationNotice } from './OpenCreationNotice';
import { RecentBoards } from './RecentBoards';

export function LandingPage() {
  const { t } = useI18n();
  const [created, setCreated] = useState<CreatedBoard | null>(null);
  return (
    <div className="landing">
      <header className="landing-header">
        <div>
          <h1>{t('app.name')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <LanguageSwitch />
      </header>
      <main className="landing-main">
        <OpenCreationNotice />
        {created ? <CreatedLinks board={created} /> : <CreateBoardForm onCreated={setCreated} />}
        {!created && <ImportBoardForm onCreated={setCreated} />}
        <RecentBoards />
      </main>
    </div>
  );
}
