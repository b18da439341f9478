import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ClientAddresses, isAddress, normalizeAddress } from '../../server/clientAddress.js';

function requestFrom(peer: string, forwarded?: string): IncomingMessage {
  return {
    socket: { remoteAddress: peer },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  } as unknown as IncomingMessage;
}

describe('client addresses', () => {
  const behindProxy = new ClientAddresses(['127.0.0.1', '10.0.0.254']);

  it('is the peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(new ClientAddresses().of(requestFrom('192.0.2.7', '10.9.9.9'))).toBe('192.0.2.7');
    expect(behindProxy.of(requestFrom('192.0.2.7', '10.9.9.9'))).toBe('192.0.2.7');
  });

  it('is the right-most untrusted X-Forwarded-For entry when the peer is a trusted proxy', () => {
    expect(behindProxy.of(requestFrom('::ffff:127.0.0.1', '203.0.113.5'))).toBe('203.0.113.5');
    // A forged entry to the left is not believed; a chain of our own proxies is walked through.
    expect(behindProxy.of(requestFrom('127.0.0.1', '198.51.100.1, 203.0.113.5, 10.0.0.254'))).toBe('203.0.113.5');
    expect(behindProxy.of(requestFrom('127.0.0.1', '2001:DB8::1'))).toBe('2001:db8::1');
  });

  it('falls back to the proxy on a missing or malformed header', () => {
    expect(behindProxy.of(requestFrom('127.0.0.1'))).toBe('127.0.0.1');
    expect(behindProxy.of(requestFrom('127.0.0.1', 'unknown'))).toBe('127.0.0.1');
  });

  it('normalises IPv4-mapped addresses and recognises addresses', () => {
    expect(normalizeAddress('::FFFF:192.0.2.1')).toBe('192.0.2.1');
    expect(isAddress('::1')).toBe(true);
    expect(isAddress('proxy.local')).toBe(false);
  });
});
