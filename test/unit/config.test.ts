import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.js';

describe('readConfig', () => {
  it('uses the documented defaults', () => {
    expect(readConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: resolve('./data'),
      publicUrl: null,
      adminToken: null,
      commitBatchMs: 4,
      metrics: false,
    });
  });

  it('reads every variable, and trims the trailing slash of PUBLIC_URL', () => {
    const config = readConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/board',
      PUBLIC_URL: 'http://192.168.1.20:9000/',
      ADMIN_TOKEN: 'a-long-enough-admin-token',
      COMMIT_BATCH_MS: '20',
      METRICS: '1',
    });
    expect(config).toEqual({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/var/lib/board',
      publicUrl: 'http://192.168.1.20:9000',
      adminToken: 'a-long-enough-admin-token',
      commitBatchMs: 20,
      metrics: true,
    });
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
