import { readFileSync } from 'node:fs';
import type * as Y from 'yjs';
import { buildDigest } from '../../shared/digest.js';
import { translator } from '../../shared/i18n/index.js';
import { HttpError } from '../httpUtil.js';
import type { Log } from '../log.js';
import { BoardOwnedElsewhereError, type Rooms } from '../rooms.js';
import { nextWeeklyRun, retryDelay } from './schedule.js';
import { checkWebhookUrl, postDigest } from './send.js';
import type { DigestWebhook, WebhookStore } from './webhookStore.js';

/** How long a run taken by one process is left to it: well past a post's deadline (a dead process's run is retaken after it). */
const CLAIM_MS = 5 * 60_000;

/** The operator's settings (WEBHOOK_ALLOWED_HOSTS, WEBHOOK_CA_FILE) and, for tests, the clock and the tick. */
export interface WebhookSettings {
  allowedHosts: readonly string[];
  caFile: string | null;
  /** How often due digests are looked for (ms). */
  tickMs: number;
  timeoutMs: number;
  now: () => number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  allowedHosts: [],
  caFile: null,
  tickMs: 60_000,
  timeoutMs: 10_000,
  now: () => Date.now(),
};

/** How far back the first post of a new webhook looks: a week, as the posts that follow. */
const FIRST_POST_COVERS_MS = 7 * 86_400_000;

export interface WebhookChoice {
  url: string;
  format: 'text' | 'markdown';
  weekday: number;
  minuteOfDay: number;
}

/**
 * The weekly digest posted to a chat (issue 18): each board's webhook, when it is due, gets the digest of what
 * changed since its last success. A failure is recorded and shown to the facilitator, and tried again (1, 5, 15
 * minutes, then hourly: never dropped). A run missed while the server was down is due at the start, and sent once.
 */
export class DigestWebhooks {
  private timer: NodeJS.Timeout | null = null;
  /** The posts under way and waiting, one at a time. */
  private queue: Promise<void> = Promise.resolve();
  private tickQueued = false;
  private readonly ca: Buffer | null;

  constructor(
    private readonly options: {
      store: WebhookStore;
      rooms: Rooms;
      settings: WebhookSettings;
      publicUrl: () => string;
      log: Log;
    },
  ) {
    this.ca = options.settings.caFile ? readFileSync(options.settings.caFile) : null;
  }

  get allowedHosts(): readonly string[] {
    return this.options.settings.allowedHosts;
  }

  start(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.options.settings.tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.queue;
  }

  /**
   * Sends every due digest. Ticks and 「今すぐ送る」 go through one queue, one post at a time: a board's digest is
   * never posted twice at once, and `stop` waits for the post under way.
   */
  tick(): Promise<void> {
    if (this.tickQueued) return this.queue;
    this.tickQueued = true;
    return this.enqueue(async () => {
      this.tickQueued = false;
      const now = this.options.settings.now();
      const due = await this.options.store.due(now);
      for (const webhook of due) {
        // Several processes share the schedule: the one that takes the run posts it.
        if (!(await this.options.store.claim(webhook.boardId, webhook.nextRunAt, now + CLAIM_MS))) continue;
        await this.run(webhook.boardId, webhook.nextRunAt);
      }
    }).catch((error: unknown) => this.options.log(`webhooks: ${String(error)}`));
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.then(
      () => {},
      () => {},
    );
    return next;
  }

  get(boardId: string): Promise<DigestWebhook | null> {
    return this.options.store.get(boardId);
  }

  /** Sets (or replaces) a board's webhook; refuses an address that is not https or not on the allowlist. */
  async set(boardId: string, choice: WebhookChoice): Promise<DigestWebhook> {
    const check = checkWebhookUrl(choice.url, this.allowedHosts);
    if (!check.ok) throw new HttpError(400, check.reason ?? 'not allowed', check.code);
    const now = this.options.settings.now();
    return this.options.store.set({
      boardId,
      ...choice,
      // The first post covers the week before it was set up; a replaced webhook keeps its own (the store's
      // upsert leaves it): later posts cover what changed since the last success.
      coveredSince: now - FIRST_POST_COVERS_MS,
      nextRunAt: nextWeeklyRun(now, choice.weekday, choice.minuteOfDay),
    });
  }

  remove(boardId: string): Promise<boolean> {
    return this.options.store.remove(boardId);
  }

  /** Sends the digest now (the facilitator's 「今すぐ送る」); resolves with the failure's reason, or null. */
  async sendNow(boardId: string): Promise<string | null> {
    if (!(await this.get(boardId))) throw new HttpError(404, 'this board has no webhook');
    return this.enqueue(() => this.run(boardId));
  }

  /**
   * Posts a board's digest as its webhook is now (it may have been changed or removed while this waited).
   * `claimedFrom`: the run's time before this process took it, given back when another process serves the board.
   */
  private async run(boardId: string, claimedFrom?: number): Promise<string | null> {
    const { store, settings, log } = this.options;
    const webhook = await store.get(boardId);
    if (!webhook) return 'this board has no webhook any more';
    const now = settings.now();
    let failure: string | null;
    try {
      let text: string;
      try {
        text = await this.digestOf(webhook, now);
      } catch (error) {
        // Another process serves the board (its rooms are there): the run is left to it.
        if (!(error instanceof BoardOwnedElsewhereError) || claimedFrom === undefined) throw error;
        await store.claim(boardId, webhook.nextRunAt, claimedFrom);
        return 'the board is served by another server process';
      }
      failure = await postDigest(webhook.url, text, {
        allowed: settings.allowedHosts,
        ca: this.ca,
        timeoutMs: settings.timeoutMs,
      });
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    // The schedule as it is now: the facilitator may have changed the day or time while this post was on its way.
    const current = (await store.get(boardId)) ?? webhook;
    if (failure === null) {
      await store.succeeded(webhook.boardId, now, nextWeeklyRun(now, current.weekday, current.minuteOfDay));
      log(`board ${webhook.boardId}: digest posted to ${new URL(webhook.url).hostname}`);
    } else {
      await store.failed(webhook.boardId, now, now + retryDelay(current.failures + 1), failure);
      log(`board ${webhook.boardId}: the digest could not be posted (${failure}); tried again later`);
    }
    return failure;
  }

  private async digestOf(webhook: DigestWebhook, now: number): Promise<string> {
    const board = await this.doc(webhook.boardId, 'board');
    const settings = await this.doc(webhook.boardId, 'settings');
    return buildDigest(board, settings, {
      t: translator('ja'),
      lang: 'ja',
      since: webhook.coveredSince,
      now,
      boardUrl: `${this.options.publicUrl()}/b/${webhook.boardId}`,
      format: webhook.format,
    }).text;
  }

  private async doc(boardId: string, kind: 'board' | 'settings'): Promise<Y.Doc> {
    const joined = await this.options.rooms.join(boardId, kind);
    if (joined.kind !== 'room') throw new Error('the board was saved by a newer version of the app');
    return joined.room.doc;
  }
}
