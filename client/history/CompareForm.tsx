import { type FormEvent, useId, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { SnapshotMeta } from './snapshotsApi';
import '../i18n/documentMessages';

/** The live board in the choices: compare a snapshot with the board as it is now. */
export const LIVE = 'live';

/** Choosing two moments to compare: two snapshots, or a snapshot and the live board (the default "to"). */
export function CompareForm({
  snapshots,
  onCompare,
}: {
  snapshots: readonly SnapshotMeta[];
  onCompare: (fromId: string, toId: string) => void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const fromId = useId();
  const toId = useId();
  const [from, setFrom] = useState(snapshots[0]?.id ?? '');
  const [to, setTo] = useState(LIVE);
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (from === to) return setProblem(t('snapshot.sameChoice'));
    setProblem(null);
    onCompare(from, to);
  }

  const options = snapshots.map((s) => (
    <option key={s.id} value={s.id}>
      {s.name}
    </option>
  ));
  return (
    <form className="snapshot-compare" aria-labelledby={headingId} onSubmit={submit}>
      <h3 id={headingId}>{t('snapshot.compareHeading')}</h3>
      <label htmlFor={fromId}>{t('snapshot.compareFrom')}</label>
      <select id={fromId} value={from} onChange={(event) => setFrom(event.target.value)}>
        {options}
      </select>
      <label htmlFor={toId}>{t('snapshot.compareTo')}</label>
      <select id={toId} value={to} onChange={(event) => setTo(event.target.value)}>
        <option value={LIVE}>{t('snapshot.live')}</option>
        {options}
      </select>
      <button type="submit">{t('snapshot.compare')}</button>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
