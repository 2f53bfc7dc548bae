import "server-only";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { queueMail } from "@/lib/messages/queue-mail";
import type { AttemptResult } from "./attempt";
import { recordSuccess } from "./record-success";
import { asClause, asSentence } from "./error-text";
import { nextAttemptAt } from "./retry-schedule";

/** After 10 failures in a row the owner is warned; after 19 with no success in 24 h, deactivated. */
export const warnAfterFailures = 10;
export const deactivateAfterFailures = 19;
/** …and only when none succeeded within this window. */
export const deactivationQuietWindowMs = 24 * 3_600_000;

export type RecordedOutcome = { status: "SUCCEEDED" | "RETRYING" | "FAILED"; nextAttemptAt: Date | null; deactivated: boolean; alreadyRecorded: boolean };

/**
 * Records one attempt and what follows from it: the attempt row, the delivery's status and next
 * attempt time, the webhook's failure streak, and, when the streak says so, the owner's warning
 * or the webhook's deactivation (410 Gone deactivates at once). An attempt already recorded (a
 * re-run of the step) changes nothing. Resolves once all of it is committed.
 */
export async function recordAttempt(
  delivery: { id: string; webhookId: string; storeId: string },
  attemptNumber: number,
  requestHeaders: Record<string, string>,
  result: AttemptResult,
  /**
   * test: a test payload (one attempt, no retries, not counted toward the failure streak).
   * chainStart: the attempt number its chain began at (a resend starts a new chain, whose
   * retries follow the schedule from its first step again).
   */
  options: { test?: boolean; chainStart?: number } = {},
): Promise<RecordedOutcome> {
  if (result.ok && !options.test) {
    if (await recordSuccess(delivery, attemptNumber, requestHeaders, result)) return { status: "SUCCEEDED", nextAttemptAt: null, deactivated: false, alreadyRecorded: false };
    return outcomeSoFar(db, delivery.id);
  }
  // Failures, and test payloads whatever their outcome: one transaction each.
  return db.$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`
      INSERT INTO "DeliveryAttempt" (id, "deliveryId", "webhookId", "attemptNumber", "startedAt", "durationMs", "requestHeaders",
             "responseStatus", "responseHeaders", "responseBody", "errorClass", "errorMessage", succeeded)
      VALUES (${newId("attempt")}, ${delivery.id}, ${delivery.webhookId}, ${attemptNumber}, ${result.startedAt}, ${result.durationMs},
              ${JSON.stringify(requestHeaders)}::jsonb, ${result.status}, ${result.responseHeaders ? JSON.stringify(result.responseHeaders) : null}::jsonb,
              ${result.responseBody}, ${result.errorClass}, ${result.errorMessage}, ${result.ok})
      ON CONFLICT ("deliveryId", "attemptNumber") DO NOTHING`;
    if (inserted === 0) return outcomeSoFar(tx, delivery.id);
    const now = new Date();
    const next = result.ok || result.gone || options.test ? null : nextAttemptAt(attemptNumber + 1 - ((options.chainStart ?? 1) - 1), now, { retryAfterMs: result.retryAfterMs, scale: env().WEBHOOK_RETRY_SCALE });
    const status = result.ok ? "SUCCEEDED" : next ? "RETRYING" : "FAILED";
    await tx.delivery.update({
      where: { id: delivery.id },
      data: {
        status,
        attemptCount: attemptNumber,
        lastStatusCode: result.status,
        lastLatencyMs: result.durationMs,
        lastErrorClass: result.errorClass,
        nextAttemptAt: next,
        completedAt: status === "RETRYING" ? null : now,
      },
    });
    const deactivated = options.test ? false : await extendFailureStreak(tx, delivery, result, now);
    return { status, nextAttemptAt: next, deactivated, alreadyRecorded: false };
  });
}

/** An attempt recorded before: what it led to, as the delivery stands now. */
async function outcomeSoFar(client: Pick<Tx, "delivery">, deliveryId: string): Promise<RecordedOutcome> {
  const current = await client.delivery.findUniqueOrThrow({ where: { id: deliveryId }, select: { status: true, nextAttemptAt: true } });
  return { status: current.status === "PENDING" ? "RETRYING" : current.status, nextAttemptAt: current.nextAttemptAt, deactivated: false, alreadyRecorded: true };
}

/** One more failure in a row; warns the owner or deactivates the webhook when that is due. */
async function extendFailureStreak(tx: Tx, delivery: { webhookId: string; storeId: string }, result: AttemptResult, now: Date): Promise<boolean> {
  const webhook = await tx.webhook.update({
    where: { id: delivery.webhookId },
    data: { consecutiveFailures: { increment: 1 }, lastFailureAt: now, lastError: result.errorMessage?.slice(0, 500) ?? result.errorClass },
    select: { id: true, url: true, topic: true, state: true, consecutiveFailures: true, lastSuccessAt: true, warnedAt: true },
  });
  if (webhook.state === "DEACTIVATED") return false;
  const quietForADay = !webhook.lastSuccessAt || now.getTime() - webhook.lastSuccessAt.getTime() > deactivationQuietWindowMs;
  const reason = result.gone
    ? "The endpoint answered 410 Gone, asking for deliveries to stop."
    : webhook.consecutiveFailures >= deactivateAfterFailures && quietForADay
      ? `${webhook.consecutiveFailures} deliveries in a row failed and none succeeded in the last 24 hours.`
      : null;
  if (reason) {
    await tx.webhook.update({ where: { id: webhook.id }, data: { state: "DEACTIVATED", deactivatedAt: now, deactivationReason: reason } });
    await noticeToOwners(tx, delivery.storeId, `Webhook deactivated: ${webhook.url}`, `We stopped sending ${webhook.topic} events to ${webhook.url}. ${reason} Last error: ${asSentence(result.errorMessage ?? result.errorClass ?? "unknown")} Fix the endpoint, then switch the webhook On in Settings → Webhooks to re-enable it.`);
    return true;
  }
  if (webhook.consecutiveFailures >= warnAfterFailures && !webhook.warnedAt) {
    await tx.webhook.update({ where: { id: webhook.id }, data: { warnedAt: now } });
    await noticeToOwners(
      tx,
      delivery.storeId,
      `Webhook failing: ${webhook.url}`,
      `The last ${webhook.consecutiveFailures} deliveries of ${webhook.topic} to ${webhook.url} failed (last error: ${asClause(result.errorMessage ?? result.errorClass ?? "unknown")}). After ${deactivateAfterFailures} failures in a row with no success for 24 hours we deactivate it.`,
    );
  }
  return false;
}

/** The owners' notice, through the mail transport (kept as MailMessage rows in embedded mode). */
async function noticeToOwners(tx: Tx, storeId: string, subject: string, text: string) {
  const owners = await tx.membership.findMany({ where: { storeId, role: "OWNER" }, select: { user: { select: { email: true } } } });
  for (const owner of owners) await queueMail(tx, { storeId, to: owner.user.email, subject, text, kind: "webhook_notice" });
}
