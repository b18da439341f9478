import { NO_PRIVATE_VOTING_STATE, type PrivateVotingState, type VotingRound } from '../shared/records/voting.js';
import { type BallotRow, ownBallot } from '../shared/votingTally.js';
import type { Access } from './auth.js';
import { holdsBallot } from './voteRefusals.js';
import type { ResolvedItems } from './votingItems.js';
import type { VotingStore } from './votingStore.js';

// What one access may know of the voting (kind 3, private state: docs/architecture.md): computed in one
// place for the HTTP answers and the websocket pushes alike, so one person's ballot never reaches another.

/** What this access may know: its own ballot in the latest round (and the voter count for the facilitator). */
export async function privateVotingState(
  store: VotingStore,
  boardId: string,
  access: Access,
  resolved: ResolvedItems,
  voters?: number | null,
): Promise<PrivateVotingState> {
  const canVote = holdsBallot(access);
  const latest = await store.latestRound(boardId);
  if (!latest) return { ...NO_PRIVATE_VOTING_STATE, canVote };
  const mine =
    canVote && access.person
      ? ownBallot(await store.personRows(boardId, latest.number, access.person.id), resolved, latest.cap)
      : { dots: {}, used: 0, returned: 0 };
  const count =
    access.role === 'facilitator' && latest.status === 'open'
      ? (voters ?? (await countVoters(store, boardId, latest, resolved)))
      : null;
  return { round: latest.number, canVote, ...mine, voters: count };
}

/** People with at least one dot that counts now (the facilitator's progress; never who or what). */
export async function countVoters(
  store: VotingStore,
  boardId: string,
  round: VotingRound,
  resolved: ResolvedItems,
): Promise<number> {
  const byPerson = new Map<string, BallotRow[]>();
  for (const row of await store.allRows(boardId, round.number)) {
    byPerson.set(row.personId, [...(byPerson.get(row.personId) ?? []), row]);
  }
  let voters = 0;
  for (const rows of byPerson.values()) if (ownBallot(rows, resolved, round.cap).used > 0) voters++;
  return voters;
}
