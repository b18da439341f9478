import { describe, expect, it } from 'vitest';
import { VOTE_REFUSAL, WRITE_REFUSAL } from '../../shared/protocol.js';
import { decideWrite, voteRefusalOf, type WriteSituation } from '../../shared/writePolicy.js';

const open: Omit<WriteSituation, 'role' | 'target'> = { person: true, locked: false, archived: false };

describe('the write policy', () => {
  it('lets a participant write the board but not the settings, and a viewer write nothing', () => {
    expect(decideWrite({ ...open, role: 'participant', target: 'board' })).toEqual({ allowed: true });
    expect(decideWrite({ ...open, role: 'participant', target: 'settings' })).toEqual({
      allowed: false,
      reason: WRITE_REFUSAL.facilitatorOnly,
      liftable: false,
    });
    for (const target of ['board', 'settings', 'ballot'] as const) {
      expect(decideWrite({ ...open, role: 'viewer', target })).toMatchObject({ reason: WRITE_REFUSAL.readOnlyLink });
    }
    expect(decideWrite({ ...open, role: 'facilitator', target: 'settings' })).toEqual({ allowed: true });
  });

  it('locks participants out of the board and their ballots, never the facilitator', () => {
    const locked = { ...open, locked: true };
    expect(decideWrite({ ...locked, role: 'participant', target: 'board' })).toEqual({
      allowed: false,
      reason: WRITE_REFUSAL.locked,
      liftable: true,
    });
    expect(decideWrite({ ...locked, role: 'participant', target: 'ballot' })).toMatchObject({ reason: 'locked' });
    expect(decideWrite({ ...locked, role: 'facilitator', target: 'board' })).toEqual({ allowed: true });
    expect(decideWrite({ ...locked, role: 'facilitator', target: 'ballot' })).toEqual({ allowed: true });
    // The lasting reason first: a participant writing the settings of a locked board is told it never may.
    expect(decideWrite({ ...locked, role: 'participant', target: 'settings' })).toMatchObject({
      reason: WRITE_REFUSAL.facilitatorOnly,
    });
  });

  it('makes an archived board read-only for everyone, before the lock, and liftable', () => {
    for (const role of ['facilitator', 'participant'] as const) {
      expect(decideWrite({ ...open, archived: true, locked: true, role, target: 'board' })).toEqual({
        allowed: false,
        reason: WRITE_REFUSAL.archived,
        liftable: true,
      });
    }
  });

  it('refuses every writer on a full disk, liftable; a full board only for what adds, not liftable', () => {
    expect(decideWrite({ ...open, storageFull: true, role: 'facilitator', target: 'settings' })).toEqual({
      allowed: false,
      reason: WRITE_REFUSAL.storageFull,
      liftable: true,
    });
    expect(decideWrite({ ...open, boardFull: true, role: 'participant', target: 'board' })).toEqual({
      allowed: false,
      reason: WRITE_REFUSAL.boardFull,
      liftable: false,
    });
  });

  it('asks whether the board is full only when nothing else refuses', () => {
    let asked = 0;
    const boardFull = () => {
      asked++;
      return true;
    };
    decideWrite({ ...open, role: 'viewer', target: 'board', boardFull });
    decideWrite({ ...open, locked: true, role: 'participant', target: 'board', boardFull });
    expect(asked).toBe(0);
    expect(decideWrite({ ...open, role: 'participant', target: 'board', boardFull })).toMatchObject({
      reason: WRITE_REFUSAL.boardFull,
    });
    expect(asked).toBe(1);
  });

  it('gives a ballot only to a person, and answers with the documented vote codes', () => {
    const shared = decideWrite({ ...open, person: false, role: 'participant', target: 'ballot' });
    expect(shared).toMatchObject({ reason: WRITE_REFUSAL.noPerson });
    expect(decideWrite({ ...open, person: false, role: 'participant', target: 'board' })).toEqual({ allowed: true });
    expect(voteRefusalOf(WRITE_REFUSAL.readOnlyLink)).toBe(VOTE_REFUSAL.viewer);
    expect(voteRefusalOf(WRITE_REFUSAL.noPerson)).toBe(VOTE_REFUSAL.noPerson);
    expect(voteRefusalOf(WRITE_REFUSAL.locked)).toBe(VOTE_REFUSAL.readOnly);
    expect(voteRefusalOf(WRITE_REFUSAL.archived)).toBe(VOTE_REFUSAL.readOnly);
  });
});
