import type { Translate } from '../../shared/i18n/index';
import type { MessageKey } from '../../shared/i18n/ja';
import { SCORE_REFUSAL, type ScoreRefusalCode } from '../../shared/protocol';
import type { PrivateScoringState, ScoringRound, ScoringScope } from '../../shared/records/scoring';
import type { Score } from '../../shared/scoring';
import { ApiError, boardApi } from '../lib/api';
import { voteErrorMessage } from '../voting/votingApi';

/** The scoring API (docs/api.md "Scoring"): scores go to the server over HTTP, never into a shared document. */

const call = <T>(boardId: string, token: string, method: string, path: string, body?: unknown) =>
  boardApi<T>(boardId, token, method, `/scoring${path}`, body);

export function scoringApi(boardId: string, token: string) {
  const scorePath = (round: number, itemId: string) => `/rounds/${round}/scores/${encodeURIComponent(itemId)}`;
  return {
    open: (scope: ScoringScope) => call<{ round: ScoringRound }>(boardId, token, 'POST', '/rounds', { scope }),
    close: (round: number) => call<{ round: ScoringRound }>(boardId, token, 'POST', `/rounds/${round}/close`),
    reveal: (round: number) => call<{ round: ScoringRound }>(boardId, token, 'POST', `/rounds/${round}/reveal`),
    score: (round: number, itemId: string, score: Score & { reason: string }) =>
      call<{ mine: PrivateScoringState }>(boardId, token, 'PUT', scorePath(round, itemId), score),
    withdraw: (round: number, itemId: string) =>
      call<{ mine: PrivateScoringState }>(boardId, token, 'DELETE', scorePath(round, itemId)),
  };
}

const REFUSAL_KEYS: Record<ScoreRefusalCode, MessageKey> = {
  [SCORE_REFUSAL.notOpen]: 'score.error.notOpen',
  [SCORE_REFUSAL.alreadyOpen]: 'score.error.alreadyOpen',
  [SCORE_REFUSAL.wrongStatus]: 'score.error.wrongStatus',
  [SCORE_REFUSAL.noRound]: 'score.error.wrongStatus',
  [SCORE_REFUSAL.notInRound]: 'score.error.notInRound',
  [SCORE_REFUSAL.noItems]: 'score.error.noItems',
};

/** A refusal in the UI language: the scoring codes, else the voting ones (who may score is who may vote). */
export function scoreErrorMessage(t: Translate, error: unknown): string {
  const key = error instanceof ApiError && error.code ? REFUSAL_KEYS[error.code as ScoreRefusalCode] : undefined;
  return key ? t(key) : voteErrorMessage(t, error);
}
