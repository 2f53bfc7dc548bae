import "server-only";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { sharedExecutorPool } from "@/lib/executor/pool";
import type { WebhookState } from "@/lib/generated/prisma/enums";
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
export function recordAttempt(
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
  // Successes, most attempts, go to the group-committed writer (without an async frame of their own).
  if (result.ok && !options.test) {
    return recordSuccess(delivery, attemptNumber, requestHeaders, result).then((isNew) =>
      isNew ? { status: "SUCCEEDED", nextAttemptAt: null, deactivated: false, alreadyRecorded: false } : outcomeSoFar(delivery.id),
    );
  }
  return recordFailure(delivery, attemptNumber, requestHeaders, result, options);
}

/** Failures, and test payloads whatever their outcome: one statement (attempt, delivery, streak). */
async function recordFailure(
  delivery: { id: string; webhookId: string; storeId: string },
  attemptNumber: number,
  requestHeaders: Record<string, string>,
  result: AttemptResult,
  options: { test?: boolean; chainStart?: number },
): Promise<RecordedOutcome> {
  const now = new Date();
  const next = result.ok || result.gone || options.test ? null : nextAttemptAt(attemptNumber + 1 - ((options.chainStart ?? 1) - 1), now, { retryAfterMs: result.retryAfterMs, scale: env().WEBHOOK_RETRY_SCALE });
  const status = result.ok ? "SUCCEEDED" : next ? "RETRYING" : "FAILED";
  // Straight through pg and named (planned once per connection), as successes are: Prisma's
  // interactive transaction cost several times the CPU, paid by every failing endpoint's every
  // attempt (a hanging one's come in waves).
  const { rows } = await sharedExecutorPool(env().DATABASE_URL).query<StreakRow & { inserted: number }>({
    name: "record-failure",
    text: recordFailureSql,
    values: [
      newId("attempt"),
      delivery.id,
      delivery.webhookId,
      attemptNumber,
      result.startedAt.toISOString(),
      result.durationMs,
      JSON.stringify(requestHeaders),
      result.status,
      result.responseHeaders ? JSON.stringify(result.responseHeaders) : null,
      result.responseBody,
      result.errorClass,
      result.errorMessage,
      result.ok,
      status,
      next?.toISOString() ?? null,
      status === "RETRYING" ? null : now.toISOString(),
      now.toISOString(),
      result.errorMessage?.slice(0, 500) ?? result.errorClass,
      !options.test,
    ],
  });
  const row = rows[0]!;
  if (row.inserted === 0) return outcomeSoFar(delivery.id);
  const deactivated = row.id ? await followFailureStreak(delivery.storeId, row, result, now) : false;
  return { status, nextAttemptAt: next, deactivated, alreadyRecorded: false };
}

// timestamp(3) casts, as in record-success: an ISO time's "Z" is ignored and the UTC time kept.
// As there, the delivery is updated first, only while its attempt count is below this attempt's
// number (that row lock makes the attempt new), and the attempt row written for it; the streak
// (not for test payloads) grows only then. Data-modifying CTEs run in one snapshot, so the
// statement is the transaction. The parameters are cast where the attempt row reads them: a
// SELECT list, unlike VALUES, does not take its types from the columns.
const recordFailureSql = `
  WITH delivery AS (
    UPDATE "Delivery" SET status = $14::"DeliveryStatus", "attemptCount" = $4::int, "lastStatusCode" = $8::int, "lastLatencyMs" = $6::int,
           "lastErrorClass" = $11::text, "nextAttemptAt" = $15::timestamp(3), "completedAt" = $16::timestamp(3), "updatedAt" = $17::timestamp(3)
     WHERE id = $2::text AND "attemptCount" < $4::int
     RETURNING id
  ), inserted AS (
    INSERT INTO "DeliveryAttempt" (id, "deliveryId", "webhookId", "attemptNumber", "startedAt", "durationMs", "requestHeaders",
           "responseStatus", "responseHeaders", "responseBody", "errorClass", "errorMessage", succeeded)
    SELECT $1::text, id, $3::text, $4::int, $5::timestamp(3), $6::int, $7::json, $8::int, $9::json, $10::text, $11::text, $12::text, $13::boolean
      FROM delivery
  ), streak AS (
    UPDATE "Webhook" SET "consecutiveFailures" = "consecutiveFailures" + 1, "lastFailureAt" = $17::timestamp(3), "lastError" = $18::text,
           "updatedAt" = $17::timestamp(3)
     WHERE id = $3::text AND $19::boolean AND EXISTS (SELECT 1 FROM delivery)
     RETURNING id, url, topic, state, "consecutiveFailures" AS failures, "warnedAt" IS NOT NULL AS warned,
               (extract(epoch FROM "lastSuccessAt") * 1000)::float8 AS "lastSuccessMs"
  )
  SELECT (SELECT count(*) FROM delivery)::int AS inserted, s.* FROM (SELECT 1) AS one LEFT JOIN streak s ON true`;

type StreakRow = { id: string | null; url: string; topic: string; state: WebhookState; failures: number; warned: boolean; lastSuccessMs: number | null };

/** An attempt recorded before: what it led to, as the delivery stands now. */
async function outcomeSoFar(deliveryId: string): Promise<RecordedOutcome> {
  const current = await db.delivery.findUniqueOrThrow({ where: { id: deliveryId }, select: { status: true, nextAttemptAt: true } });
  return { status: current.status === "PENDING" ? "RETRYING" : current.status, nextAttemptAt: current.nextAttemptAt, deactivated: false, alreadyRecorded: true };
}

/**
 * What a failure streak calls for: deactivation (19 in a row and no success in 24 h, or 410 Gone
 * at once) or the owner's warning (10 in a row), each with its notice, once. Its own transaction
 * after the attempt's: the guards (still ACTIVE, not yet warned) make a concurrent or repeated
 * call do nothing, and should the process die in between, the endpoint's next failure finds the
 * streak past the mark and does it then.
 */
async function followFailureStreak(storeId: string, webhook: StreakRow, result: AttemptResult, now: Date): Promise<boolean> {
  if (webhook.state === "DEACTIVATED") return false;
  const quietForADay = webhook.lastSuccessMs === null || now.getTime() - webhook.lastSuccessMs > deactivationQuietWindowMs;
  const reason = result.gone
    ? "The endpoint answered 410 Gone, asking for deliveries to stop."
    : webhook.failures >= deactivateAfterFailures && quietForADay
      ? `${webhook.failures} deliveries in a row failed and none succeeded in the last 24 hours.`
      : null;
  const lastError = result.errorMessage ?? result.errorClass ?? "unknown";
  if (reason) {
    return db.$transaction(async (tx) => {
      const { count } = await tx.webhook.updateMany({ where: { id: webhook.id!, state: "ACTIVE" }, data: { state: "DEACTIVATED", deactivatedAt: now, deactivationReason: reason } });
      if (count === 0) return false;
      await noticeToOwners(tx, storeId, `Webhook deactivated: ${webhook.url}`, `We stopped sending ${webhook.topic} events to ${webhook.url}. ${reason} Last error: ${asSentence(lastError)} Fix the endpoint, then switch the webhook On in Settings → Webhooks to re-enable it.`);
      return true;
    });
  }
  if (webhook.failures >= warnAfterFailures && !webhook.warned) {
    await db.$transaction(async (tx) => {
      const { count } = await tx.webhook.updateMany({ where: { id: webhook.id!, state: "ACTIVE", warnedAt: null }, data: { warnedAt: now } });
      if (count === 0) return;
      await noticeToOwners(
        tx,
        storeId,
        `Webhook failing: ${webhook.url}`,
        `The last ${webhook.failures} deliveries of ${webhook.topic} to ${webhook.url} failed (last error: ${asClause(lastError)}). After ${deactivateAfterFailures} failures in a row with no success for 24 hours we deactivate it.`,
      );
    });
  }
  return false;
}

/** The owners' notice, through the mail transport (kept as MailMessage rows in embedded mode). */
async function noticeToOwners(tx: Tx, storeId: string, subject: string, text: string) {
  const owners = await tx.membership.findMany({ where: { storeId, role: "OWNER" }, select: { user: { select: { email: true } } } });
  for (const owner of owners) await queueMail(tx, { storeId, to: owner.user.email, subject, text, kind: "webhook_notice" });
}
