import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.js';
import { DEFAULT_EXPORT_SETTINGS } from '../../server/export/exportConfig.js';
import { DEFAULT_LIMITS } from '../../server/limits.js';

describe('readConfig', () => {
  it('uses the documented defaults', () => {
    expect(readConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: resolve('./data'),
      databaseUrl: null,
      clusterAddress: null,
      leaseTtlMs: 15_000,
      publicUrl: null,
      adminToken: null,
      commitBatchMs: 4,
      limits: DEFAULT_LIMITS,
      tls: null,
      metrics: false,
      exports: DEFAULT_EXPORT_SETTINGS,
      trustProxy: [],
      logLevel: 'info',
      webhooks: { allowedHosts: [], caFile: null },
    });
  });

  it('reads LOG_LEVEL and refuses an unknown level', () => {
    expect(readConfig({ LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
    expect(() => readConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL must be debug, info, warn or error/);
  });

  it('reads every variable, and trims the trailing slash of PUBLIC_URL', () => {
    const config = readConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/board',
      DATABASE_URL: 'postgres://board:secret@db.internal:5432/board',
      CLUSTER_ADDRESS: 'http://10.0.0.5:9000/',
      LEASE_TTL_MS: '5000',
      PUBLIC_URL: 'http://192.168.1.20:9000/',
      ADMIN_TOKEN: 'a-long-enough-admin-token',
      COMMIT_BATCH_MS: '20',
      METRICS: '1',
      TRUST_PROXY: '127.0.0.1, ::1',
      LOG_LEVEL: 'debug',
      WEBHOOK_ALLOWED_HOSTS: 'hooks.slack.com, *.webhook.office.com,chat.example.lg.jp:8443',
      WEBHOOK_CA_FILE: 'package.json',
    });
    expect(config).toEqual({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/var/lib/board',
      databaseUrl: 'postgres://board:secret@db.internal:5432/board',
      clusterAddress: 'http://10.0.0.5:9000',
      leaseTtlMs: 5000,
      publicUrl: 'http://192.168.1.20:9000',
      adminToken: 'a-long-enough-admin-token',
      commitBatchMs: 20,
      limits: DEFAULT_LIMITS,
      tls: null,
      metrics: true,
      exports: DEFAULT_EXPORT_SETTINGS,
      trustProxy: ['127.0.0.1', '::1'],
      logLevel: 'debug',
      webhooks: {
        allowedHosts: ['hooks.slack.com', '*.webhook.office.com', 'chat.example.lg.jp:8443'],
        caFile: resolve('package.json'),
      },
    });
  });

  it('refuses a DATABASE_URL that is not a postgres:// address', () => {
    for (const bad of ['mysql://db/board', 'db.internal:5432', 'postgres://']) {
      expect(() => readConfig({ DATABASE_URL: bad })).toThrow(/DATABASE_URL must be a postgres:\/\/ address/);
    }
    expect(readConfig({ DATABASE_URL: 'postgresql://board@127.0.0.1/board' }).databaseUrl).toBe(
      'postgresql://board@127.0.0.1/board',
    );
  });

  it('asks for CLUSTER_ADDRESS with PostgreSQL on a HOST other servers reach, not on the loopback', () => {
    const shared = { DATABASE_URL: 'postgres://board@db.internal/board', HOST: '0.0.0.0' };
    expect(() => readConfig(shared)).toThrow(/set CLUSTER_ADDRESS to the address they reach this one by/);
    expect(readConfig({ ...shared, CLUSTER_ADDRESS: 'http://10.0.0.5:8080' }).clusterAddress).toBe(
      'http://10.0.0.5:8080',
    );
    expect(readConfig({ DATABASE_URL: 'postgres://board@db.internal/board' }).clusterAddress).toBeNull();
  });

  it('refuses a webhook allowlist that is not host names, and a CA file that is not there', () => {
    expect(() => readConfig({ WEBHOOK_ALLOWED_HOSTS: 'https://hooks.slack.com/x' })).toThrow(
      /WEBHOOK_ALLOWED_HOSTS must be host names/,
    );
    expect(() => readConfig({ WEBHOOK_CA_FILE: '/no/such/ca.pem' })).toThrow(/WEBHOOK_CA_FILE names no file/);
  });

  it('refuses a facilitator reserve that leaves no room for participants', () => {
    expect(() => readConfig({ MAX_CONNECTIONS_PER_BOARD: '40' })).toThrow(
      /FACILITATOR_RESERVED_CONNECTIONS must be less than MAX_CONNECTIONS_PER_BOARD/,
    );
    expect(readConfig({ MAX_CONNECTIONS_PER_BOARD: '40', FACILITATOR_RESERVED_CONNECTIONS: '4' }).limits).toMatchObject(
      {
        maxConnectionsPerBoard: 40,
        facilitatorReservedConnections: 4,
      },
    );
  });

  it('refuses a TRUST_PROXY that is not a list of IP addresses', () => {
    expect(() => readConfig({ TRUST_PROXY: '127.0.0.1,proxy.local' })).toThrow(
      /TRUST_PROXY must be the reverse proxies/,
    );
  });

  it('reads TLS_CERT and TLS_KEY as a pair of paths', () => {
    expect(readConfig({ TLS_CERT: '/etc/board/cert.pem', TLS_KEY: '/etc/board/key.pem' }).tls).toEqual({
      cert: '/etc/board/cert.pem',
      key: '/etc/board/key.pem',
    });
    expect(() => readConfig({ TLS_CERT: '/etc/board/cert.pem' })).toThrow(/TLS_CERT and TLS_KEY go together/);
  });

  it('reads the limits, keeps the default of each one unset, and allows 0 only where it means off', () => {
    const config = readConfig({
      MAX_DOCUMENT_BYTES: '1000000',
      WS_MESSAGES_PER_SECOND: '20',
      MAX_CONNECTIONS_PER_ADDRESS: '0',
    });
    expect(config.limits).toEqual({
      ...DEFAULT_LIMITS,
      maxDocumentBytes: 1_000_000,
      messagesPerSecond: 20,
      maxConnectionsPerAddress: 0,
    });
    expect(() => readConfig({ MAX_CONNECTIONS_PER_BOARD: '0' })).toThrow(
      /MAX_CONNECTIONS_PER_BOARD must be a whole number greater than 0/,
    );
    expect(() => readConfig({ WS_BYTE_BURST: 'lots', AWARENESS_PER_SECOND: '-1' })).toThrow(
      /WS_BYTE_BURST[\s\S]*AWARENESS_PER_SECOND/,
    ); // Our client sends updates of up to 256 KiB per frame: a lower frame limit would strand its changes.
    expect(() => readConfig({ MAX_FRAME_BYTES: '100000' })).toThrow(
      /MAX_FRAME_BYTES must be a whole number of at least/,
    );
    expect(readConfig({ MAX_FRAME_BYTES: '524288' }).limits.maxFrameBytes).toBe(524288);
  });

  it('reads the export workers, queue, timeout and import limit, and refuses values out of range', () => {
    expect(
      readConfig({ EXPORT_WORKERS: '2', EXPORT_QUEUE_MAX: '0', EXPORT_TIMEOUT_MS: '5000', MAX_IMPORT_BYTES: '2048' })
        .exports,
    ).toEqual({ workers: 2, queueMax: 0, timeoutMs: 5000, maxImportBytes: 2048 });
    expect(() => readConfig({ EXPORT_WORKERS: '0' })).toThrow(/EXPORT_WORKERS must be a whole number between 1 and 16/);
    expect(() => readConfig({ EXPORT_QUEUE_MAX: '-1' })).toThrow(/EXPORT_QUEUE_MAX/);
    expect(() => readConfig({ MAX_IMPORT_BYTES: 'lots' })).toThrow(/MAX_IMPORT_BYTES/);
  });

  it('names every bad variable in one message', () => {
    expect(() => readConfig({ PORT: 'eighty', PUBLIC_URL: 'localhost:8080', ADMIN_TOKEN: 'short' })).toThrow(
      /PORT[\s\S]*PUBLIC_URL[\s\S]*ADMIN_TOKEN/,
    );
    expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT must be a whole number/);
    expect(() => readConfig({ COMMIT_BATCH_MS: '5000' })).toThrow(/COMMIT_BATCH_MS must be/);
    expect(() => readConfig({ METRICS: 'yes' })).toThrow(/METRICS must be 1/);
  });
});
