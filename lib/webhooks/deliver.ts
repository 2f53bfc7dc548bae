import "server-only";
import { signingKeysFor } from "@/lib/api-keys/signing-keys";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { WebhookState } from "@/lib/generated/prisma/enums";
import { attemptDelivery, type AttemptResult } from "./attempt";
import { activeWebhooks, createDeliveries, type DeliverableEvent, type WaitingDelivery } from "./create-deliveries";
import { deliveryAgent } from "./delivery-agent";
import { deliveryHeaders, deliveryUserAgent, loggedHeaders } from "./delivery-request";
import { recordAttempt, type RecordedOutcome } from "./record-attempt";
import { urlPolicyOptions } from "./webhook-input";

/** How many attempts to one webhook may be in flight at once (one slow receiver can't take all). */
export const perWebhookConcurrency = 10;
/** A batch reads its webhooks again this often: one switched Off meanwhile stops within a second. */
export const webhookStateMaxAgeMs = 1000;

type Outcome = RecordedOutcome | { status: "STOPPED"; nextAttemptAt: null; deactivated: false; alreadyRecorded: false };
type Target = { url: string; isActive: boolean; state: WebhookState };
/** The signing keys of each store, read once per batch. */
type KeysCache = Map<string, Promise<string[]>>;

/**
 * Makes attempt `attemptNumber` of one delivery and records it. A webhook switched Off,
 * deactivated or deleted since stops the delivery instead (marked failed, no request sent).
 */
export async function deliverOnce(deliveryId: string, attemptNumber: number, { chainStart = 1 }: { chainStart?: number } = {}): Promise<Outcome> {
  const delivery = await db.delivery.findUnique({
    where: { id: deliveryId },
    select: { id: true, storeId: true, webhookId: true, messageId: true, topic: true, body: true, status: true, attemptCount: true, webhook: { select: { url: true, isActive: true, state: true } } },
  });
  return (await attemptLoaded(delivery, delivery?.webhook, attemptNumber, new Map(), chainStart)).outcome;
}

/**
 * Attempt `attemptNumber` of a delivery as loaded, to its webhook as last read. Resolves once
 * the request is done (or not needed); `outcome` resolves once the attempt is recorded.
 */
async function attemptLoaded(
  delivery: WaitingDelivery | null,
  webhook: Target | undefined,
  attemptNumber: number,
  keysCache: KeysCache,
  chainStart: number,
): Promise<{ succeeded: boolean; outcome: Promise<Outcome> }> {
  const skipped = (outcome: Outcome) => ({ succeeded: false, outcome: Promise.resolve(outcome) });
  if (!delivery || delivery.status === "SUCCEEDED" || delivery.status === "FAILED") return skipped(stopped());
  if (delivery.attemptCount >= attemptNumber) {
    return skipped({ status: "RETRYING", nextAttemptAt: null, deactivated: false, alreadyRecorded: true });
  }
  if (!webhook?.isActive || webhook.state !== "ACTIVE") {
    // updateMany: a webhook deleted since took its deliveries with it.
    await db.delivery.updateMany({ where: { id: delivery.id }, data: { status: "FAILED", lastErrorClass: "webhook_off", nextAttemptAt: null, completedAt: new Date() } });
    return skipped(stopped());
  }
  const { result, requestHeaders } = await signSend(delivery, webhook.url, attemptNumber, await keysOf(keysCache, delivery.storeId));
  return { succeeded: result.ok, outcome: recordAttempt(delivery, attemptNumber, requestHeaders, result, { chainStart }) };
}

type Deliverable = { id: string; storeId: string; webhookId: string; messageId: string; topic: string; body: string };

/**
 * The delivery core every attempt goes through (retries, first attempts, test payloads): sign
 * with the store's keys, POST, and record the attempt with what follows from it.
 */
export async function signSendRecord(
  delivery: Deliverable,
  url: string,
  attemptNumber: number,
  keys: readonly string[],
  recordOptions: Parameters<typeof recordAttempt>[4] = {},
): Promise<{ result: AttemptResult; outcome: RecordedOutcome }> {
  const { result, requestHeaders } = await signSend(delivery, url, attemptNumber, keys);
  return { result, outcome: await recordAttempt(delivery, attemptNumber, requestHeaders, result, recordOptions) };
}

/** Signs and POSTs one attempt; its headers come back as the log keeps them (no signatures). */
async function signSend(delivery: Deliverable, url: string, attemptNumber: number, keys: readonly string[]) {
  const headers = deliveryHeaders({
    messageId: delivery.messageId,
    topic: delivery.topic,
    attempt: attemptNumber,
    body: delivery.body,
    keys,
    now: new Date(),
    userAgent: deliveryUserAgent(env().APP_URL),
  });
  const result = await attemptDelivery(deliveryAgent(), urlPolicyOptions(), { url, body: delivery.body, headers });
  return { result, requestHeaders: loggedHeaders(headers) };
}

export type PendingRetry = { id: string; webhookId: string; nextAttemptAt: string };

/**
 * Fan-out's work for a batch of events: their deliveries created and every first attempt made
 * and recorded. The stores' webhooks are read once (the signing keys meanwhile), the
 * deliveries written in one statement and sent from memory. A re-run creates nothing twice,
 * sends only what has no recorded attempt, and reports again the failures whose retries the
 * interrupted run may not have scheduled. Returns how many deliveries it went through, and
 * those that need retrying.
 */
export async function deliverEvents(events: DeliverableEvent[]): Promise<{ deliveries: number; retrying: PendingRetry[] }> {
  if (events.length === 0) return { deliveries: 0, retrying: [] };
  const webhooks = await activeWebhooks([...new Set(events.map((e) => e.storeId))]);
  const keysCache: KeysCache = new Map();
  for (const { storeId } of webhooks) keysOf(keysCache, storeId);
  const deliveries = await createDeliveries(events, webhooks);
  return { deliveries: deliveries.length, retrying: await deliverFirstAttempts(deliveries, webhooks, keysCache) };
}

/**
 * First attempts of deliveries to `webhooks` (as just read), all at once but at most 10 in flight
 * per webhook. The webhooks are read again at most a second apart, and at once when one of the
 * attempts deactivated one. Resolves once every attempt is recorded, with the deliveries that
 * need retrying (those recorded before included).
 */
export async function deliverFirstAttempts(deliveries: WaitingDelivery[], webhooks: (Target & { id: string })[], keysCache: KeysCache = new Map()): Promise<PendingRetry[]> {
  const byWebhook = new Map<string, WaitingDelivery[]>();
  for (const d of deliveries) {
    const queue = byWebhook.get(d.webhookId);
    if (queue) queue.push(d);
    else byWebhook.set(d.webhookId, [d]);
  }
  const states = new WebhookStates([...byWebhook.keys()], webhooks);
  const retry: PendingRetry[] = [];
  const recording: Promise<void>[] = [];
  const recordErrors: unknown[] = [];
  await Promise.all(
    [...byWebhook].map(async ([webhookId, queue]) => {
      let next = 0;
      const lane = async () => {
        while (next < queue.length) {
          const delivery = queue[next++]!;
          const attempt = await attemptLoaded(delivery, await states.get(webhookId), 1, keysCache, 1);
          const recorded = attempt.outcome.then((outcome) => {
            if (outcome.deactivated) states.expire();
            if (outcome.status === "RETRYING") retry.push({ id: delivery.id, webhookId, nextAttemptAt: (outcome.nextAttemptAt ?? new Date()).toISOString() });
          });
          // A success changes nothing the next attempt depends on: the lane goes on while it is
          // recorded (group-committed). A failure may deactivate the webhook: the lane waits.
          if (attempt.succeeded) recording.push(recorded.catch((error: unknown) => void recordErrors.push(error)));
          else await recorded;
        }
      };
      await Promise.all(Array.from({ length: Math.min(perWebhookConcurrency, queue.length) }, lane));
    }),
  );
  await Promise.all(recording);
  if (recordErrors.length > 0) throw recordErrors[0];
  return retry;
}

/** The store's signing keys, read at most once per batch (started at once, awaited when needed). */
function keysOf(cache: KeysCache, storeId: string): Promise<string[]> {
  let keys = cache.get(storeId);
  if (!keys) {
    cache.set(storeId, (keys = signingKeysFor(storeId)));
    keys.catch(() => {}); // a failure surfaces where the keys are awaited, not as an unhandled rejection
  }
  return keys;
}

/** A batch's webhooks as last read, read again once older than `webhookStateMaxAgeMs`. */
class WebhookStates {
  private states: Map<string, Target>;
  private readAt = performance.now();
  private reading: Promise<void> | null = null;

  constructor(
    private readonly ids: string[],
    justRead: (Target & { id: string })[],
  ) {
    this.states = new Map(justRead.map((w) => [w.id, w]));
  }

  async get(id: string): Promise<Target | undefined> {
    if (performance.now() - this.readAt > webhookStateMaxAgeMs) await (this.reading ??= this.read());
    return this.states.get(id);
  }

  expire() {
    this.readAt = Number.NEGATIVE_INFINITY;
  }

  private async read() {
    try {
      const rows = await db.webhook.findMany({ where: { id: { in: this.ids } }, select: { id: true, url: true, isActive: true, state: true } });
      this.states = new Map(rows.map((w) => [w.id, w]));
      this.readAt = performance.now();
    } finally {
      this.reading = null;
    }
  }
}

function stopped(): Outcome {
  return { status: "STOPPED", nextAttemptAt: null, deactivated: false, alreadyRecorded: false };
}
