import { request } from 'node:https';
import { rootCertificates } from 'node:tls';

/**
 * Posting the digest to a chat's incoming webhook: HTTPS only, to hosts on the operator's allowlist
 * (WEBHOOK_ALLOWED_HOSTS; empty — the default — sends nothing anywhere, as a closed network wants), trusting
 * the system's certificate authorities and the operator's own (WEBHOOK_CA_FILE, for a city hall's internal CA).
 * A redirect is never followed: it could lead off the allowlist.
 */
export type WebhookRefusal = 'webhook-not-https' | 'webhook-host-not-allowed' | 'webhook-disabled' | 'webhook-invalid';

export interface WebhookCheck {
  ok: boolean;
  code?: WebhookRefusal;
  reason?: string;
}

/**
 * Whether `host` (and `port`) is on the allowlist: an exact name, or `*.example.lg.jp` for any name under it; an
 * entry without a port allows 443 only (`chat.example.lg.jp:8443` for another), so an allowed host's other
 * services cannot be posted to.
 */
export function hostAllowed(host: string, allowed: readonly string[], port = 443): boolean {
  const name = host.toLowerCase();
  return allowed.some((entry) => {
    const [ruleHost = '', rulePort] = entry.trim().toLowerCase().split(':');
    if ((rulePort === undefined ? 443 : Number(rulePort)) !== port) return false;
    if (ruleHost.startsWith('*.')) return name.endsWith(ruleHost.slice(1)) && name.length > ruleHost.length - 1;
    return ruleHost !== '' && name === ruleHost;
  });
}

/** Whether this address may receive the digest: https, and its host allowed. */
export function checkWebhookUrl(text: string, allowed: readonly string[]): WebhookCheck {
  if (allowed.length === 0) {
    return {
      ok: false,
      code: 'webhook-disabled',
      reason: 'sending to a chat is off on this server: its operator allows no host (WEBHOOK_ALLOWED_HOSTS)',
    };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, code: 'webhook-invalid', reason: 'not a web address' };
  }
  if (url.protocol !== 'https:')
    return { ok: false, code: 'webhook-not-https', reason: 'the address must be https://' };
  if (url.username || url.password) {
    return { ok: false, code: 'webhook-invalid', reason: 'the address must not hold a user name or password' };
  }
  if (!hostAllowed(url.hostname, allowed, url.port === '' ? 443 : Number(url.port))) {
    return {
      ok: false,
      code: 'webhook-host-not-allowed',
      reason: `${url.host} is not on this server's list of allowed hosts (WEBHOOK_ALLOWED_HOSTS)`,
    };
  }
  return { ok: true };
}

export interface SendOptions {
  allowed: readonly string[];
  /** Extra certificate authorities (PEM), besides the system's. */
  ca: Buffer | null;
  timeoutMs: number;
}

/** Posts `{text}` (what Teams, Slack and Mattermost incoming webhooks all read); resolves with null or the reason. */
export function postDigest(url: string, text: string, options: SendOptions): Promise<string | null> {
  const check = checkWebhookUrl(url, options.allowed);
  if (!check.ok) return Promise.resolve(check.reason ?? 'not allowed');
  const body = Buffer.from(JSON.stringify({ text }));
  return new Promise((resolve) => {
    // A whole-request deadline: `timeout` alone is an idle timeout, which a receiver dripping bytes never trips.
    const deadline = setTimeout(
      () => req.destroy(new Error(`no answer within ${options.timeoutMs / 1000} s`)),
      options.timeoutMs,
    );
    const done = (result: string | null) => {
      clearTimeout(deadline);
      resolve(result);
    };
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length },
        // The system's authorities and the operator's own: `ca` replaces the defaults, so both are given.
        ...(options.ca ? { ca: [...rootCertificates, options.ca.toString()] } : {}),
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) done(null);
        else if (status >= 300 && status < 400) done(`the chat answered ${status} (a redirect, not followed)`);
        else done(`the chat answered ${status}`);
      },
    );
    req.on('error', (error) => done(error.message));
    req.end(body);
  });
}
