import { useEffect, useRef, useState } from 'react';
import { useBoardUi } from './boardUi';

type RoundStatus = 'open' | 'closed' | 'revealed';

/**
 * The facilitator's commands on a sealed round (dot voting, scoring): open, close, reveal. Once the round shows its
 * new state, the focus goes to the control that replaces the one pressed (締め切る after 始める, 公開 after 締め切る)
 * or, after the reveal, where `focusRevealed` says. The buttons are not disabled while busy (a disabled button
 * drops the focus to <body>): a second press of the same command is ignored instead. The next command is not: the
 * round's new state can arrive through the document before the HTTP answer does.
 */
export function useRoundCommands(
  latest: { number: number; status: RoundStatus } | null,
  options: { errorMessage: (error: unknown) => string; focusRevealed: (round: number) => void },
) {
  const { notify } = useBoardUi();
  const [busy, setBusy] = useState<string | null>(null);
  const focusNext = useRef<{ round: number; status: RoundStatus } | null>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const revealButton = useRef<HTMLButtonElement>(null);
  const { focusRevealed } = options;
  useEffect(() => {
    const wanted = focusNext.current;
    if (!wanted || latest?.number !== wanted.round || latest.status !== wanted.status) return;
    focusNext.current = null;
    if (wanted.status === 'open') closeButton.current?.focus();
    else if (wanted.status === 'closed') revealButton.current?.focus();
    else focusRevealed(wanted.round);
  }, [latest, focusRevealed]);

  async function run(action: () => Promise<unknown>, then: { round: number; status: RoundStatus }) {
    const key = `${then.round}:${then.status}`;
    if (busy === key) return;
    setBusy(key);
    focusNext.current = then;
    try {
      await action();
    } catch (error) {
      focusNext.current = null;
      notify({ message: options.errorMessage(error), tone: 'error' });
    } finally {
      setBusy((current) => (current === key ? null : current));
    }
  }

  return {
    run,
    isBusy: (round: number, status: RoundStatus) => busy === `${round}:${status}`,
    closeButton,
    revealButton,
  };
}

/**
 * Tells screen readers when a round opens, closes or is revealed, whichever view is open (not when the page
 * opens: that is not news). `messages` names the sentence of each state, given the round's number.
 */
export function useRoundAnnouncements(
  latest: { number: number; status: RoundStatus } | null,
  messages: Record<RoundStatus, (number: number) => string>,
) {
  const { announce } = useBoardUi();
  const seen = useRef<string | null>(null);
  const key = latest ? `${latest.number}:${latest.status}` : null;
  const message = latest ? messages[latest.status](latest.number) : null;
  useEffect(() => {
    const before = seen.current;
    seen.current = key;
    if (before === null || key === null || before === key || message === null) return;
    announce(message);
  }, [key, message, announce]);
}
