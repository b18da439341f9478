import type { Translate } from '../../shared/i18n/index';
import type { MessageKey } from '../../shared/i18n/ja';
import { VOTE_REFUSAL, type VoteRefusalCode } from '../../shared/protocol';
import type { PrivateVotingState, VotingRound } from '../../shared/records/voting';
import { ApiError, boardApi } from '../lib/api';
import { apiErrorMessage } from '../lib/apiErrorMessage';

/** The voting API (docs/api.md "Voting"): ballots go to the server over HTTP, never into a shared document. */

const call = <T>(boardId: string, token: string, method: string, path: string, body?: unknown) =>
  boardApi<T>(boardId, token, method, `/voting${path}`, body);

export function votingApi(boardId: string, token: string) {
  const dots = (round: number, itemId: string) => `/rounds/${round}/dots/${encodeURIComponent(itemId)}`;
  return {
    open: (budget: number, cap: number | null) =>
      call<{ round: VotingRound }>(boardId, token, 'POST', '/rounds', { budget, cap }),
    close: (round: number) => call<{ round: VotingRound }>(boardId, token, 'POST', `/rounds/${round}/close`),
    reveal: (round: number) => call<{ round: VotingRound }>(boardId, token, 'POST', `/rounds/${round}/reveal`),
    cast: (round: number, itemId: string) =>
      call<{ ballot: PrivateVotingState }>(boardId, token, 'POST', dots(round, itemId)),
    withdraw: (round: number, itemId: string) =>
      call<{ ballot: PrivateVotingState }>(boardId, token, 'DELETE', dots(round, itemId)),
  };
}

const REFUSAL_KEYS: Record<VoteRefusalCode, MessageKey> = {
  [VOTE_REFUSAL.viewer]: 'vote.error.viewer',
  [VOTE_REFUSAL.noPerson]: 'vote.error.noPerson',
  [VOTE_REFUSAL.notOpen]: 'vote.error.notOpen',
  [VOTE_REFUSAL.alreadyOpen]: 'vote.error.alreadyOpen',
  [VOTE_REFUSAL.wrongStatus]: 'vote.error.wrongStatus',
  [VOTE_REFUSAL.noRound]: 'vote.error.wrongStatus',
  [VOTE_REFUSAL.budget]: 'vote.error.budget',
  [VOTE_REFUSAL.cap]: 'vote.error.cap',
  [VOTE_REFUSAL.itemGone]: 'vote.error.itemGone',
  [VOTE_REFUSAL.noDot]: 'vote.error.noDot',
  [VOTE_REFUSAL.readOnly]: 'vote.error.readOnly',
};

/** A refusal in the UI language: by the server's code, else by status. */
export function voteErrorMessage(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    const key = error.code ? REFUSAL_KEYS[error.code as VoteRefusalCode] : undefined;
    if (key) return t(key);
    if (error.status === 403) return t('vote.error.facilitatorOnly');
    if (error.status === 400) return t('vote.error.other', { reason: error.message });
  }
  return apiErrorMessage(t, error);
}
