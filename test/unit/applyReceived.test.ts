import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyReceivedUpdate } from '../../client/session/applyReceived';

/**
 * What the server sends is applied with the document's `update` listeners given the received bytes
 * (client/session/applyReceived.ts). Yjs emits `update` even when an observer throws; so must we, or the
 * offline copy and the stores miss a change the document already holds.
 */
describe('applying a received update', () => {
  it('hands the received bytes to the update listeners even when an observer throws', () => {
    const source = new Y.Doc();
    source.getMap('notes').set('n1', 'こんにちは');
    const update = Y.encodeStateAsUpdate(source);

    const doc = new Y.Doc();
    const heard: Uint8Array[] = [];
    doc.on('update', (bytes: Uint8Array) => heard.push(bytes));
    doc.getMap('notes').observe(() => {
      throw new Error('a broken observer');
    });
    expect(() => applyReceivedUpdate(doc, update, 'server')).toThrow('a broken observer');

    expect(doc.getMap('notes').get('n1')).toBe('こんにちは');
    expect(heard).toEqual([update]);
    // The listeners are back in place for the next change.
    doc.getMap('other').set('k', 1);
    expect(heard).toHaveLength(2);
  });
});
