import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { MESSAGE } from '../../shared/protocol';
import {
  NO_PRIVATE_VOTING_STATE,
  type PrivateVotingState,
  readPrivateVotingState,
  readVotingRounds,
  type VotingRound,
} from '../../shared/records/voting';
import { createStore, type ReadStore } from '../lib/store';
import { serverChannelOf } from './serverChannel';

/**
 * This person's own voting state, told by the server on the board connection alone (message type 100,
 * docs/api.md): their dots and, for the facilitator during an open round, how many have voted. Nothing of
 * it is in a shared document or presence, so nobody else ever receives it.
 */
export function createVotingChannel(provider: WebsocketProvider): ReadStore<PrivateVotingState> & {
  /** A mark to take before an HTTP request (cast, withdraw): see `accept`. */
  mark(): number;
  /**
   * The HTTP answer to a request made at `since` (a mark). Shown at once unless the server pushed a state
   * meanwhile: the server pushes after every change of this person's dots (from any tab), so a push that came
   * after the request is at least as new as the answer — an answer overtaken by another tab's change must not
   * bring back the older state.
   */
  accept(state: PrivateVotingState, since: number): void;
} {
  const store = createStore<PrivateVotingState>(NO_PRIVATE_VOTING_STATE);
  let pushes = 0;
  serverChannelOf(provider).onOwnMessage(MESSAGE.voting, (decoder) => {
    try {
      store.set(readPrivateVotingState(JSON.parse(decoding.readVarString(decoder))));
      pushes++;
    } catch (error) {
      console.warn('voting: ignored a malformed state from the server', error);
    }
  });
  return {
    get: store.get,
    subscribe: store.subscribe,
    mark: () => pushes,
    accept: (state, since) => {
      if (pushes === since) store.set(readPrivateVotingState(state));
    },
  };
}

/** The public rounds (settings document, written by the server); a new array only when they changed. */
export function createRoundsStore(settings: Y.Doc): ReadStore<readonly VotingRound[]> & { destroy(): void } {
  const store = createStore<readonly VotingRound[]>(readVotingRounds(settings));
  let last = JSON.stringify(store.get());
  const onUpdate = () => {
    const next = readVotingRounds(settings);
    const json = JSON.stringify(next);
    if (json === last) return;
    last = json;
    store.set(next);
  };
  settings.on('update', onUpdate);
  return { get: store.get, subscribe: store.subscribe, destroy: () => settings.off('update', onUpdate) };
}
