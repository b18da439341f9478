import type { WriteRefusalCode } from '../shared/protocol.js';
import { decideWrite, voteRefusalOf } from '../shared/writePolicy.js';
import type { Access } from './auth.js';
import { HttpError } from './httpUtil.js';
import type { Person } from './people.js';

// The write policy (shared/writePolicy.ts) decides who may vote; this is how the voting API words its
// answer: the documented `vote-*` codes with an English explanation and an HTTP status (docs/api.md).

/** How the voting API answers the write policy's reasons (the codes: `voteRefusalOf`). */
const VOTE_REFUSAL_ANSWERS: Partial<Record<WriteRefusalCode, { status: number; message: string }>> = {
  'read-only-link': { status: 403, message: 'viewers cannot vote: this link is read-only' },
  'no-person': {
    status: 403,
    message: 'a ballot belongs to a person: vote with your personal link or the guest identity the board page creates',
  },
  'board-archived': { status: 409, message: 'the board is archived: nobody can vote' },
  locked: { status: 409, message: 'the board is locked: participants cannot vote' },
};

/**
 * Whether this access has a ballot at all (votes and scores alike): a facilitator or participant with a person.
 * The lock and the archive stop new votes, not the ballot shown.
 */
export function holdsBallot(access: Access): boolean {
  return decideWrite({
    role: access.role,
    target: 'ballot',
    person: access.person !== null,
    locked: false,
    archived: false,
  }).allowed;
}

/** The person whose ballot this is, when the write policy lets this access vote now; else an HttpError. */
export function voterOf(access: Access, board: { locked: boolean; archived: boolean }): Person {
  const decision = decideWrite({
    role: access.role,
    target: 'ballot',
    person: access.person !== null,
    locked: board.locked,
    archived: board.archived,
  });
  if (!decision.allowed) {
    const { status, message } = VOTE_REFUSAL_ANSWERS[decision.reason] ?? VOTE_REFUSAL_ANSWERS.locked!;
    throw new HttpError(status, message, voteRefusalOf(decision.reason));
  }
  return access.person!;
}
