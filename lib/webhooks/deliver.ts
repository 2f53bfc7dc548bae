import "server-only";
import { signingKeysFor } from "@/lib/api-keys/signing-keys";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { WebhookState } from "@/lib/generated/prisma/enums";
import { attemptDelivery, attemptTimeoutMs, type AttemptResult } from "./attempt";
import { activeWebhooks, createDeliveries, type DeliverableEvent, type WaitingDelivery } from "./create-deliveries";
import { deliveryAgent } from "./delivery-agent";
import { deliveryHeaders, deliveryUserAgent, loggedHeaders } from "./delivery-request";
import { recordAttempt, type RecordedOutcome } from "./record-attempt";
import { nextAttemptAt } from "./retry-schedule";
import { urlPolicyOptions } from "./webhook-input";

/** How many attempts to one webhook may be in flight at once (one slow receiver can't take all). */
export const perWebhookConcurrency = 10;
/** A batch reads its webhooks again this often: one switched Off meanwhile stops within a second. */
export const webhookStateMaxAgeMs = 1000;
/**
 * One slow endpoint must not hold fan-out (and with it everyone's first attempts): a first
 * attempt still going after this long is left to finish on its own, and the webhook's other
 * deliveries in the batch go to their own retry runs (at most 10 at a time per webhook). Long
 * enough that our own load (a burst of thousands) never looks like a slow endpoint: handing a
 * healthy webhook's deliveries to a run each would cost far more than the wait.
 */
export const slowFirstAttemptMs = 2000;
/**
 * A webhook failing this many times in a row gets new deliveries' first attempts in retry runs,
 * not in fan-out, and not before the schedule's first step (a circuit breaker: a down endpoint
 * is not hammered with every event, and the first success closes it again).
 */
export const failingStreakForHandOver = 3;
/**
 * A webhook whose first attempt outlasted `slowFirstAttemptMs` while others' finished quickly
 * (so the endpoint is slow, not this process) has its first attempts handed over for this long.
 */
export const slowMarkMs = 30_000;
const slowUntil = new Map<string, number>();
const quickAttemptMs = 250;
/** A first attempt still going after this while others in its batch finished within quickAttemptMs is the endpoint's slowness. */
const evidentlySlowMs = 500;
/**
 * A wait's timer firing this much after its time means this process was stalled (a GC pause,
 * the machine's CPU taken away): the wait proves nothing about the endpoint. Seen on a busy
 * 2-core machine: such stalls marked healthy webhooks slow, and with every delivery of theirs
 * then in a run of its own, bench:delivery's (c) fell from ~2,000 to ~150-250 deliveries/s.
 */
const stallToleranceMs = 100;

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
    select: {
      id: true,
      storeId: true,
      webhookId: true,
      messageId: true,
      topic: true,
      body: true,
      status: true,
      attemptCount: true,
      nextAttemptAt: true,
      webhook: { select: { url: true, isActive: true, state: true } },
    },
  });
  return (await attemptLoaded(delivery, delivery?.webhook, attemptNumber, new Map(), chainStart)).outcome;
}

/**
 * Attempt `attemptNumber` of a delivery as loaded, to its webhook as last read. Resolves once
 * the request is done (or not needed); `outcome` resolves once the attempt is recorded.
 */
async function attemptLoaded(
  delivery: (WaitingDelivery & { nextAttemptAt?: Date | null }) | null,
  webhook: Target | undefined,
  attemptNumber: number,
  keysCache: KeysCache,
  chainStart: number,
): Promise<{ succeeded: boolean; outcome: Promise<Outcome> }> {
  const skipped = (outcome: Outcome) => ({ succeeded: false, outcome: Promise.resolve(outcome) });
  if (!delivery || delivery.status === "SUCCEEDED" || delivery.status === "FAILED") return skipped(stopped());
  // Made already (a re-run, or a first attempt fan-out left to finish on its own): go on from
  // what was recorded.
  if (delivery.attemptCount >= attemptNumber) {
    return skipped({ status: "RETRYING", nextAttemptAt: delivery.nextAttemptAt ?? null, deactivated: false, alreadyRecorded: true });
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

/** A delivery for a retry run; `firstAttempt: 1` when fan-out handed its first attempt over. */
export type PendingRetry = { id: string; webhookId: string; nextAttemptAt: string; firstAttempt?: 1 };

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
export async function deliverFirstAttempts(
  deliveries: WaitingDelivery[],
  webhooks: (Target & { id: string; consecutiveFailures?: number })[],
  keysCache: KeysCache = new Map(),
): Promise<PendingRetry[]> {
  const byWebhook = new Map<string, WaitingDelivery[]>();
  for (const d of deliveries) {
    const queue = byWebhook.get(d.webhookId);
    if (queue) queue.push(d);
    else byWebhook.set(d.webhookId, [d]);
  }
  const states = new WebhookStates([...byWebhook.keys()], webhooks);
  const retry: PendingRetry[] = [];
  // Successes are awaited together at the end, without keeping each one's promise (and with it
  // the attempt's result) alive until then.
  const recording = new Outstanding();
  const handOver = (d: WaitingDelivery, at = new Date()) => retry.push({ id: d.id, webhookId: d.webhookId, nextAttemptAt: at.toISOString(), firstAttempt: 1 });
  const failing = new Set(webhooks.filter((w) => (w.consecutiveFailures ?? 0) >= failingStreakForHandOver).map((w) => w.id));
  let lastQuickEnd = 0; // when an attempt of this batch last finished within quickAttemptMs
  await Promise.all(
    [...byWebhook].map(async ([webhookId, queue]) => {
      let next = 0;
      let slow = failing.has(webhookId) || (slowUntil.get(webhookId) ?? 0) > Date.now();
      const lane = async () => {
        while (next < queue.length && !slow) {
          const delivery = queue[next++]!;
          const startedAt = Date.now();
          const sending = attemptLoaded(delivery, await states.get(webhookId), 1, keysCache, 1);
          // When the attempt cannot even start (its keys or webhook could not be read: the
          // database went away), this throws and fails the step.
          const early = await within(sending, evidentlySlowMs);
          let first = "value" in early ? early.value : null;
          if (first && Date.now() - startedAt <= quickAttemptMs) lastQuickEnd = Date.now();
          // Not done yet: slow for sure if others' attempts finished quickly meanwhile and this
          // process was not stalled (it is the endpoint); otherwise it gets the rest of slowFirstAttemptMs.
          const evidentlySlow = !("value" in early) && !early.stalled && lastQuickEnd > startedAt;
          if (!first && !evidentlySlow) {
            const late = await within(sending, slowFirstAttemptMs - evidentlySlowMs);
            first = "value" in late ? late.value : null;
          }
          if (!first) {
            // Still going: it finishes and records itself; a retry run takes over once it must be
            // done, and goes on from what it recorded (or makes it again after a crash).
            slow = true;
            if (evidentlySlow) slowUntil.set(webhookId, Date.now() + slowMarkMs);
            handOver(delivery, new Date(Date.now() + attemptTimeoutMs + 2000));
            void sending
              .then(({ succeeded, outcome }) => {
                // It answered well in the end, in less than slowFirstAttemptMs: one slow answer,
                // not a slow endpoint; the next batches send its first attempts again.
                if (succeeded && Date.now() - startedAt < slowFirstAttemptMs) slowUntil.delete(webhookId);
                return outcome;
              })
              .then((o) => o.deactivated && states.expire())
              .catch((error: unknown) => console.error(`Recording a late first attempt of ${delivery.id} failed:`, error));
            break;
          }
          const recorded = first.outcome.then((o) => {
            if (o.deactivated) states.expire();
            if (o.status === "RETRYING") retry.push({ id: delivery.id, webhookId, nextAttemptAt: (o.nextAttemptAt ?? new Date()).toISOString() });
          });
          // A success changes nothing the next attempt depends on: the lane goes on while it is
          // recorded (group-committed). A failure may deactivate the webhook: the lane waits.
          if (first.succeeded) recording.add(recorded);
          else await recorded;
        }
      };
      await Promise.all(Array.from({ length: Math.min(perWebhookConcurrency, queue.length) }, lane));
      // A slow or failing endpoint's deliveries not yet tried go to retry runs of their own.
      const at = failing.has(webhookId) ? nextAttemptAt(2, new Date(), { scale: env().WEBHOOK_RETRY_SCALE })! : new Date();
      for (const d of queue.slice(next)) handOver(d, at);
    }),
  );
  await recording.settled();
  return retry;
}

/**
 * The promise's value if it settles within `ms`; else whether the process was `stalled`
 * meanwhile (the timer fired over stallToleranceMs late). A timeout is answered only after
 * the I/O that arrived meanwhile is handled (setImmediate runs after the poll phase): a
 * response already in the socket when the timer fires is not taken for a slow one.
 */
function within<T>(promise: Promise<T>, ms: number): Promise<{ value: T } | { stalled: boolean }> {
  return new Promise((resolve, reject) => {
    const armedAt = performance.now();
    const timer = setTimeout(() => {
      const stalled = performance.now() - armedAt > ms + stallToleranceMs;
      setImmediate(() => resolve({ stalled }));
    }, ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve({ value })),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

/** Promises added over time, awaited together; the first rejection is thrown once all have settled. */
class Outstanding {
  private count = 0;
  private failure: { error: unknown } | null = null;
  private allDone: (() => void) | null = null;

  add(promise: Promise<unknown>) {
    this.count++;
    promise.then(
      () => this.settle(),
      (error: unknown) => {
        this.failure ??= { error };
        this.settle();
      },
    );
  }

  async settled() {
    if (this.count > 0) await new Promise<void>((resolve) => (this.allDone = resolve));
    if (this.failure) throw this.failure.error;
  }

  private settle() {
    if (--this.count === 0) this.allDone?.();
  }
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

  /** The webhook as last read; once that read is over a second old, a promise of it read again. */
  get(id: string): Target | undefined | Promise<Target | undefined> {
    if (performance.now() - this.readAt <= webhookStateMaxAgeMs) return this.states.get(id);
    return (this.reading ??= this.read()).then(() => this.states.get(id));
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
