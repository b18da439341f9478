import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { isAddress } from './clientAddress.js';
import { EXPORT_ENV, type ExportSettings, exportSettingsFromEnv } from './export/exportConfig.js';
import { LIMITS_ENV, limitsFromEnv, type ServerLimits } from './limits.js';
import type { LogLevel } from './log.js';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** DATABASE_URL: PostgreSQL (several server processes, docs/deploy/scaling.md); null: SQLite in `dataDir`. */
  databaseUrl: string | null;
  /** CLUSTER_ADDRESS: where the other server processes reach this one (several processes on PostgreSQL). */
  clusterAddress: string | null;
  /** LEASE_TTL_MS: how long a board's lease lasts unrenewed; a dead process's boards move after it. */
  leaseTtlMs: number;
  /** Null: `http://localhost:<the port actually listened on>`. */
  publicUrl: string | null;
  adminToken: string | null;
  /** How long incoming updates wait to be committed together (ms). */
  commitBatchMs: number;
  /** Limits per connection and board (server/limits.ts, docs/security.md "Limits"). */
  limits: ServerLimits;
  /** PEM files to serve HTTPS directly (TLS_CERT and TLS_KEY, both or neither); null: plain HTTP. */
  tls: { cert: string; key: string } | null;
  /** Serve `GET /metrics` (Prometheus text format). */
  metrics: boolean;
  /** Export workers, their queue and timeout, the import's size limit (server/export/exportConfig.ts). */
  exports: ExportSettings;
  /** Reverse proxies whose X-Forwarded-For names the client (TRUST_PROXY, server/clientAddress.ts). */
  trustProxy: string[];
  /** The least important log level written (LOG_LEVEL: debug, info, warn, error). */
  logLevel: LogLevel;
  /** Hosts the digest may be posted to (WEBHOOK_ALLOWED_HOSTS; none: nothing is sent), and an extra CA file. */
  webhooks: { allowedHosts: string[]; caFile: string | null };
}

const envSchema = z.object({
  PORT: z
    .string()
    .trim()
    .regex(/^\d+$/, 'PORT must be a whole number between 0 and 65535')
    .transform(Number)
    .refine((port) => port <= 65535, 'PORT must be a whole number between 0 and 65535')
    .default(8080),
  HOST: z.string().trim().min(1, 'HOST must not be empty').default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1, 'DATA_DIR must not be empty').default('./data'),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
      } catch {
        return false;
      }
    }, 'DATABASE_URL must be a postgres:// address, e.g. postgres://board:secret@db.internal:5432/board')
    .optional(),
  CLUSTER_ADDRESS: z
    .string()
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.pathname === '/';
      } catch {
        return false;
      }
    }, 'CLUSTER_ADDRESS must be this server as the other servers reach it, e.g. http://10.0.0.5:8080')
    .optional(),
  LEASE_TTL_MS: z
    .string()
    .trim()
    .regex(/^\d+$/, 'LEASE_TTL_MS must be a whole number of milliseconds between 1000 and 600000')
    .transform(Number)
    .refine(
      (ms) => ms >= 1000 && ms <= 600_000,
      'LEASE_TTL_MS must be a whole number of milliseconds between 1000 and 600000',
    )
    .default(15_000),
  PUBLIC_URL: z
    .string()
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    }, 'PUBLIC_URL must be an http:// or https:// address, e.g. http://192.168.1.20:8080')
    .optional(),
  COMMIT_BATCH_MS: z
    .string()
    .trim()
    .regex(/^\d+$/, 'COMMIT_BATCH_MS must be a whole number of milliseconds between 0 and 1000')
    .transform(Number)
    .refine((ms) => ms <= 1000, 'COMMIT_BATCH_MS must be a whole number of milliseconds between 0 and 1000')
    .default(4),
  ADMIN_TOKEN: z.string().trim().min(16, 'ADMIN_TOKEN, when set, must be at least 16 characters').optional(),
  ...LIMITS_ENV,
  ...EXPORT_ENV,
  TLS_CERT: z.string().trim().optional(),
  TLS_KEY: z.string().trim().optional(),
  METRICS: z.enum(['0', '1'], { error: 'METRICS must be 1 (serve GET /metrics) or 0' }).default('0'),
  TRUST_PROXY: z
    .string()
    .trim()
    .transform((value) => value.split(',').map((entry) => entry.trim()))
    .refine(
      (entries) => entries.every(isAddress),
      "TRUST_PROXY must be the reverse proxies' IP addresses separated by commas, e.g. 127.0.0.1,::1",
    )
    .optional(),
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .trim()
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
    .refine(
      (hosts) => hosts.every((host) => /^(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i.test(host)),
      'WEBHOOK_ALLOWED_HOSTS must be host names (with :port when not 443) separated by commas, e.g. hooks.slack.com,*.webhook.office.com',
    )
    .optional(),
  WEBHOOK_CA_FILE: z
    .string()
    .trim()
    .refine((file) => existsSync(file), 'WEBHOOK_CA_FILE names no file')
    .optional(),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error'], { error: 'LOG_LEVEL must be debug, info, warn or error' })
    .default('info'),
});

export class ConfigError extends Error {}

/** Reads the configuration from the environment; throws a ConfigError naming every bad variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset, as shells and .env files often leave them.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema
    .refine((env) => !env.TLS_CERT === !env.TLS_KEY, {
      path: ['TLS_CERT'],
      message: 'TLS_CERT and TLS_KEY go together: set both (PEM file paths) or neither',
    })
    .refine((env) => !env.DATABASE_URL || env.CLUSTER_ADDRESS || isLoopback(env.HOST), {
      path: ['CLUSTER_ADDRESS'],
      message:
        'with DATABASE_URL and a HOST other servers may reach, set CLUSTER_ADDRESS to the address they reach this one by (e.g. http://10.0.0.5:8080): two machines must not both call themselves 127.0.0.1',
    })
    .refine(
      (env) => {
        const limits = limitsFromEnv(env);
        return limits.facilitatorReservedConnections < limits.maxConnectionsPerBoard;
      },
      {
        path: ['FACILITATOR_RESERVED_CONNECTIONS'],
        message:
          'FACILITATOR_RESERVED_CONNECTIONS must be less than MAX_CONNECTIONS_PER_BOARD, or no participant could connect',
      },
    )
    .safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Bad configuration:\n  ${problems.join('\n  ')}`);
  }
  const { PORT, HOST, DATA_DIR, PUBLIC_URL, ADMIN_TOKEN, COMMIT_BATCH_MS, METRICS } = parsed.data;
  return {
    port: PORT,
    host: HOST,
    dataDir: resolve(DATA_DIR),
    databaseUrl: parsed.data.DATABASE_URL ?? null,
    leaseTtlMs: parsed.data.LEASE_TTL_MS,
    clusterAddress: parsed.data.CLUSTER_ADDRESS ? parsed.data.CLUSTER_ADDRESS.replace(/\/+$/, '') : null,
    publicUrl: PUBLIC_URL ? PUBLIC_URL.replace(/\/+$/, '') : null,
    adminToken: ADMIN_TOKEN ?? null,
    commitBatchMs: COMMIT_BATCH_MS,
    limits: limitsFromEnv(parsed.data),
    tls:
      parsed.data.TLS_CERT && parsed.data.TLS_KEY
        ? { cert: resolve(parsed.data.TLS_CERT), key: resolve(parsed.data.TLS_KEY) }
        : null,
    metrics: METRICS === '1',
    exports: exportSettingsFromEnv(parsed.data),
    trustProxy: parsed.data.TRUST_PROXY ?? [],
    logLevel: parsed.data.LOG_LEVEL,
    webhooks: {
      allowedHosts: parsed.data.WEBHOOK_ALLOWED_HOSTS ?? [],
      caFile: parsed.data.WEBHOOK_CA_FILE ? resolve(parsed.data.WEBHOOK_CA_FILE) : null,
    },
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
