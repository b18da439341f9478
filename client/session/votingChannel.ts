import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { MESSAGE } from '../../shared/protocol';
import {
  NO_PRIVATE_SCORING_STATE,
  type PrivateScoringState,
  readPrivateScoringState,
  readScoringRounds,
  type ScoringRound,
} from '../../shared/records/scoring';
import {
  NO_PRIVATE_VOTING_STATE,
  type PrivateVotingState,
  readPrivateVotingState,
  readVotingRounds,
  type VotingRound,
} from '../../shared/records/voting';
import { createStore, type ReadStore } from '../lib/store';
import { serverChannelOf } from './serverChannel';

/** A person's own state told by the server on the board connection alone, with the marks of `accept`. */
export type PrivateChannel<T> = ReadStore<T> & {
  /** A mark to take before an HTTP request (cast, withdraw, score): see `accept`. */
  mark(): number;
  /**
   * The HTTP answer to a request made at `since` (a mark). Shown at once unless the server pushed a state
   * meanwhile: the server pushes after every change of this person's state (from any tab), so a push that came
   * after the request is at least as new as the answer — an answer overtaken by another tab's change must not
   * bring back the older state.
   */
  accept(state: T, since: number): void;
};

/**
 * One of our private channels (message types 100 and 101, docs/api.md): what the server tells this connection
 * alone. Nothing of it is in a shared document or presence, so nobody else ever receives it.
 */
function createPrivateChannel<T>(
  provider: WebsocketProvider,
  type: typeof MESSAGE.voting | typeof MESSAGE.scoring,
  empty: T,
  read: (value: unknown) => T,
): PrivateChannel<T> {
  const store = createStore<T>(empty);
  let pushes = 0;
  serverChannelOf(provider).onOwnMessage(type, (decoder) => {
    try {
      store.set(read(JSON.parse(decoding.readVarString(decoder))));
      pushes++;
    } catch (error) {
      console.warn(`message ${type}: ignored a malformed state from the server`, error);
    }
  });
  return {
    get: store.get,
    subscribe: store.subscribe,
    mark: () => pushes,
    accept: (state, since) => {
      if (pushes === since) store.set(read(state));
    },
  };
}

/** This person's own dots and, for the facilitator during an open round, how many have voted (type 100). */
export const createVotingChannel = (provider: WebsocketProvider): PrivateChannel<PrivateVotingState> =>
  createPrivateChannel(provider, MESSAGE.voting, NO_PRIVATE_VOTING_STATE, readPrivateVotingState);

/** This person's own scores and, for the facilitator during an open round, how many have scored (type 101). */
export const createScoringChannel = (provider: WebsocketProvider): PrivateChannel<PrivateScoringState> =>
  createPrivateChannel(provider, MESSAGE.scoring, NO_PRIVATE_SCORING_STATE, readPrivateScoringState);

/** Public rounds the server writes into the settings document; a new array only when they changed. */
function createServerRoundsStore<T>(
  settings: Y.Doc,
  read: (settings: Y.Doc) => readonly T[],
): ReadStore<readonly T[]> & { destroy(): void } {
  const store = createStore<readonly T[]>(read(settings));
  let last = JSON.stringify(store.get());
  const onUpdate = () => {
    const next = read(settings);
    const json = JSON.stringify(next);
    if (json === last) return;
    last = json;
    store.set(next);
  };
  settings.on('update', onUpdate);
  return { get: store.get, subscribe: store.subscribe, destroy: () => settings.off('update', onUpdate) };
}

/** The public voting rounds. */
export const createRoundsStore = (settings: Y.Doc) => createServerRoundsStore<VotingRound>(settings, readVotingRounds);

/** The public scoring rounds. */
export const createScoringRoundsStore = (settings: Y.Doc) =>
  createServerRoundsStore<ScoringRound>(settings, readScoringRounds);
