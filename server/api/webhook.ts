import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { HttpError, readJson, sendJson } from '../httpUtil.js';
import { minuteOfDayOf, timeOf } from '../webhooks/schedule.js';
import type { DigestWebhook } from '../webhooks/webhookStore.js';
import { type ApiContext, actorOf, authorize } from './context.js';

/**
 * The digest's weekly post to a chat (docs/api.md "Digest webhook"), the facilitator's alone: the address is a
 * secret of the chat, so it is answered only here and recorded in the audit log by its host alone.
 */
const setSchema = z.object({
  url: z.string({ error: 'url must be text' }).trim().min(1, 'url must not be empty').max(2000, 'url is too long'),
  format: z.enum(['text', 'markdown'], { error: 'format must be "text" or "markdown"' }).default('text'),
  weekday: z
    .number({ error: 'weekday must be a whole number from 0 (Sunday) to 6 (Saturday)' })
    .int('weekday must be a whole number from 0 (Sunday) to 6 (Saturday)')
    .min(0, 'weekday must be a whole number from 0 (Sunday) to 6 (Saturday)')
    .max(6, 'weekday must be a whole number from 0 (Sunday) to 6 (Saturday)'),
  time: z
    .string({ error: 'time must be HH:MM in Japan, e.g. 09:00' })
    .refine((time) => minuteOfDayOf(time) !== null, 'time must be HH:MM in Japan, e.g. 09:00'),
});

function view(webhook: DigestWebhook | null) {
  if (!webhook) return null;
  return {
    url: webhook.url,
    format: webhook.format,
    weekday: webhook.weekday,
    time: timeOf(webhook.minuteOfDay),
    nextRunAt: webhook.nextRunAt,
    lastAttemptAt: webhook.lastAttemptAt,
    lastSuccessAt: webhook.lastSuccessAt,
    lastError: webhook.lastError,
    failures: webhook.failures,
  };
}

/** `GET /api/boards/<id>/webhook`: the board's webhook (or null) and whether this server sends at all. */
export async function readWebhook(context: ApiContext, req: IncomingMessage, res: ServerResponse, boardId: string) {
  await authorize(context, req, boardId, ['facilitator']);
  sendJson(res, 200, {
    webhook: view(await context.webhooks.get(boardId)),
    allowedHosts: context.webhooks.allowedHosts,
  });
}

/** `PUT /api/boards/<id>/webhook` `{url, format?, weekday, time}`: sets it; the next post is at the next such time. */
export async function writeWebhook(context: ApiContext, req: IncomingMessage, res: ServerResponse, boardId: string) {
  const body = await readJson(
    req,
    setSchema,
    '{"url": "https://…", "format": "text", "weekday": 1, "time": "09:00"}',
    context.maxBodyBytes,
  );
  const access = await authorize(context, req, boardId, ['facilitator']);
  const webhook = await context.webhooks.set(boardId, {
    url: body.url,
    format: body.format,
    weekday: body.weekday,
    minuteOfDay: minuteOfDayOf(body.time)!,
  });
  await context.audit.record(boardId, actorOf(access, req), 'webhook.set', {
    host: new URL(webhook.url).hostname,
    weekday: webhook.weekday,
    time: body.time,
  });
  sendJson(res, 200, { webhook: view(webhook) });
}

/** `DELETE /api/boards/<id>/webhook`: no more posts. */
export async function deleteWebhook(context: ApiContext, req: IncomingMessage, res: ServerResponse, boardId: string) {
  const access = await authorize(context, req, boardId, ['facilitator']);
  const webhook = await context.webhooks.get(boardId);
  if (!webhook) throw new HttpError(404, 'this board has no webhook');
  await context.webhooks.remove(boardId);
  await context.audit.record(boardId, actorOf(access, req), 'webhook.remove', { host: new URL(webhook.url).hostname });
  sendJson(res, 200, { webhook: null });
}

/** `POST /api/boards/<id>/webhook/send`: posts the digest now; 502 with the chat's reason when it fails. */
export async function sendWebhookNow(context: ApiContext, req: IncomingMessage, res: ServerResponse, boardId: string) {
  await authorize(context, req, boardId, ['facilitator']);
  const failure = await context.webhooks.sendNow(boardId);
  if (failure !== null) throw new HttpError(502, `the digest could not be posted: ${failure}`, 'webhook-failed');
  sendJson(res, 200, { webhook: view(await context.webhooks.get(boardId)) });
}
