import "server-only";
import { signingKeysFor } from "@/lib/api-keys/signing-keys";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { attemptDelivery, type AttemptResult } from "./attempt";
import { deliveryAgent } from "./delivery-agent";
import { deliveryHeaders, deliveryUserAgent, loggedHeaders } from "./delivery-request";
import { recordAttempt, type RecordedOutcome } from "./record-attempt";
import { urlPolicyOptions } from "./webhook-input";

/** How many attempts to one webhook may be in flight at once (one slow receiver can't take all). */
export const perWebhookConcurrency = 10;

type Outcome = RecordedOutcome | { status: "STOPPED"; nextAttemptAt: null; deactivated: false; alreadyRecorded: false };

/**
 * Makes attempt `attemptNumber` of one delivery and records it. A webhook switched Off,
 * deactivated or deleted since stops the delivery instead (marked failed, no request sent).
 */
export async function deliverOnce(
  deliveryId: string,
  attemptNumber: number,
  { keysCache = new Map<string, Promise<string[]>>(), chainStart = 1 }: { keysCache?: Map<string, Promise<string[]>>; chainStart?: number } = {},
): Promise<Outcome> {
  const delivery = await db.delivery.findUnique({
    where: { id: deliveryId },
    select: { id: true, storeId: true, webhookId: true, messageId: true, topic: true, body: true, status: true, attemptCount: true, webhook: { select: { url: true, isActive: true, state: true } } },
  });
  if (!delivery || delivery.status === "SUCCEEDED" || delivery.status === "FAILED") return stopped();
  if (delivery.attemptCount >= attemptNumber) {
    return { status: delivery.status === "PENDING" ? "RETRYING" : delivery.status, nextAttemptAt: null, deactivated: false, alreadyRecorded: true };
  }
  if (!delivery.webhook.isActive || delivery.webhook.state !== "ACTIVE") {
    await db.delivery.update({ where: { id: delivery.id }, data: { status: "FAILED", lastErrorClass: "webhook_off", nextAttemptAt: null, completedAt: new Date() } });
    return stopped();
  }
  let keys = keysCache.get(delivery.storeId);
  if (!keys) keysCache.set(delivery.storeId, (keys = signingKeysFor(delivery.storeId)));
  const { outcome } = await signSendRecord(delivery, delivery.webhook.url, attemptNumber, await keys, { chainStart });
  return outcome;
}

/**
 * The delivery core every attempt goes through (retries, first attempts, test payloads): sign
 * with the store's keys, POST, and record the attempt with what follows from it.
 */
export async function signSendRecord(
  delivery: { id: string; storeId: string; webhookId: string; messageId: string; topic: string; body: string },
  url: string,
  attemptNumber: number,
  keys: readonly string[],
  recordOptions: Parameters<typeof recordAttempt>[4] = {},
): Promise<{ result: AttemptResult; outcome: RecordedOutcome }> {
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
  return { result, outcome: await recordAttempt(delivery, attemptNumber, loggedHeaders(headers), result, recordOptions) };
}

/**
 * First attempts of a batch's deliveries, all at once but at most 10 in flight per webhook.
 * Returns the deliveries that need retrying.
 */
export type PendingRetry = { id: string; webhookId: string; nextAttemptAt: string };

export async function deliverFirstAttempts(deliveries: { id: string; webhookId: string }[]): Promise<PendingRetry[]> {
  const byWebhook = new Map<string, string[]>();
  for (const d of deliveries) byWebhook.set(d.webhookId, [...(byWebhook.get(d.webhookId) ?? []), d.id]);
  const keysCache = new Map<string, Promise<string[]>>();
  const retry: PendingRetry[] = [];
  await Promise.all(
    [...byWebhook].map(async ([webhookId, ids]) => {
      const queue = [...ids];
      const lane = async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          const outcome = await deliverOnce(id, 1, { keysCache });
          if (outcome.status === "RETRYING") retry.push({ id, webhookId, nextAttemptAt: (outcome.nextAttemptAt ?? new Date()).toISOString() });
        }
      };
      await Promise.all(Array.from({ length: Math.min(perWebhookConcurrency, ids.length) }, lane));
    }),
  );
  return retry;
}

function stopped(): Outcome {
  return { status: "STOPPED", nextAttemptAt: null, deactivated: false, alreadyRecorded: false };
}
