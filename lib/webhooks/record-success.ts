import "server-only";
import { env } from "@/lib/env";
import { sharedExecutorPool } from "@/lib/executor/pool";
import { newId } from "@/lib/ids";
import type { AttemptResult } from "./attempt";

// Successful attempts, group-committed: those that complete while a write is in flight go
// together in the next one, a single statement (attempt rows, deliveries SUCCEEDED, each
// webhook's failure streak reset once). Concurrent successes to one webhook then share a commit
// and one update of its row, instead of a transaction each queueing on that row's lock. Each
// caller still waits for its own write to commit. Failures are recordAttempt's own statement,
// one each: their streak, warning and deactivation follow the webhook row one attempt at a time.
//
// Under a stream of successes (the last write carried many) the next write waits a few ms to
// gather more, as PostgreSQL's commit_delay does for commits with siblings: each statement has a
// fixed cost on both sides, and at ~15,000 successes/s writes of ~30 rows every 2 ms cost the
// delivery core ~12 % of its throughput against writes of ~80 every 5 ms (bench:delivery's (b)).
// A trickle (a few rows a write, e.g. 100 events/s) is written at once: its latency is kept.

type Success = {
  delivery: { id: string; webhookId: string };
  attemptNumber: number;
  requestHeaders: Record<string, string>;
  result: AttemptResult;
};
type Queued = Success & { resolve: (inserted: boolean) => void; reject: (error: unknown) => void };

export class SuccessWriter {
  private queue: Queued[] = [];
  private flushing = false;

  constructor(
    /** Writes a batch (one attempt per delivery); answers with the deliveries whose attempt was new. */
    private readonly write: (batch: Success[]) => Promise<Set<string>>,
    private readonly options = { maxBatch: 500, streamRows: 16, gatherMs: 5 },
  ) {}

  /** Resolves once committed: true, or false when this attempt was recorded before. */
  record(delivery: { id: string; webhookId: string }, attemptNumber: number, requestHeaders: Record<string, string>, result: AttemptResult): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ delivery, attemptNumber, requestHeaders, result, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush() {
    const { maxBatch, streamRows, gatherMs } = this.options;
    while (this.queue.length > 0) {
      // One attempt per delivery in a statement; another of the same delivery waits for the next.
      const batch: Queued[] = [];
      const rest: Queued[] = [];
      const deliveries = new Set<string>();
      for (const entry of this.queue) {
        if (batch.length < maxBatch && !deliveries.has(entry.delivery.id)) {
          deliveries.add(entry.delivery.id);
          batch.push(entry);
        } else rest.push(entry);
      }
      this.queue = rest;
      try {
        const inserted = await this.write(batch);
        for (const entry of batch) entry.resolve(inserted.has(entry.delivery.id));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
      // A stream: gather for the next write, unless a full one is already waiting.
      if (batch.length >= streamRows && this.queue.length < maxBatch) await new Promise((resolve) => setTimeout(resolve, gatherMs));
    }
    this.flushing = false;
  }
}

const writer = new SuccessWriter(writeSuccesses);

/**
 * Records a successful attempt (not a test payload's) and resets its webhook's failure streak.
 * Resolves once committed: true, or false when this attempt was recorded before.
 */
export function recordSuccess(delivery: { id: string; webhookId: string }, attemptNumber: number, requestHeaders: Record<string, string>, result: AttemptResult): Promise<boolean> {
  return writer.record(delivery, attemptNumber, requestHeaders, result);
}

/**
 * Writes a batch of successful attempts; returns the deliveries whose attempt was new. The
 * statement answers with the others (recorded before, or the delivery is gone): almost always
 * none, so there are no rows to read back.
 */
async function writeSuccesses(batch: Success[]): Promise<Set<string>> {
  const rows = batch.map((s) => ({
    id: newId("attempt"),
    delivery_id: s.delivery.id,
    webhook_id: s.delivery.webhookId,
    attempt_number: s.attemptNumber,
    started_ms: s.result.startedAt.getTime(),
    duration_ms: s.result.durationMs,
    request_headers: s.requestHeaders,
    response_status: s.result.status,
    response_headers: s.result.responseHeaders,
    response_body: s.result.responseBody,
  }));
  // Straight through pg (the process's raw-SQL pool): Prisma spends about three times the CPU on
  // this statement, and it runs for every success. Named, so each connection plans it once
  // (measured: ~15 % less PostgreSQL CPU per recorded attempt).
  const { rows: recordedBefore } = await sharedExecutorPool(env().DATABASE_URL).query<{ deliveryId: string }>({
    name: "record-successes",
    text: writeSuccessesSql,
    values: [JSON.stringify(rows)],
  });
  const inserted = new Set(rows.map((r) => r.delivery_id));
  for (const { deliveryId } of recordedBefore) inserted.delete(deliveryId);
  return inserted;
}

// Times as the columns keep them, timestamp(3) in UTC: the attempt's start from its epoch ms, and
// the recording's (completedAt, lastSuccessAt) from the statement's clock, one for the batch.
// The delivery is updated first, and only while its recorded attempt count is below this
// attempt's number: that row lock is what makes the attempt new (a re-run of the step finds the
// count already there and is answered as recorded before), and a delivery deleted meanwhile (its
// webhook was) gets no attempt row rather than failing everyone's write. Attempt rows are then
// written for exactly those deliveries: no ON CONFLICT and no foreign-key check to pay per row
// (see the migration that replaced DeliveryAttempt's foreign key). The webhooks are locked in id
// order, after the deliveries as failures do, so two writers never wait on each other in a cycle.
export const writeSuccessesSql = `
  WITH a AS (
    SELECT * FROM json_to_recordset($1::json)
      AS a(id text, delivery_id text, webhook_id text, attempt_number int, started_ms bigint, duration_ms int,
           request_headers json, response_status int, response_headers json, response_body text)
  ), clock AS (
    SELECT (now() AT TIME ZONE 'UTC')::timestamp(3) AS at
  ), delivered AS (
    UPDATE "Delivery" d SET status = 'SUCCEEDED', "attemptCount" = a.attempt_number, "lastStatusCode" = a.response_status,
           "lastLatencyMs" = a.duration_ms, "lastErrorClass" = NULL, "nextAttemptAt" = NULL, "completedAt" = clock.at, "updatedAt" = clock.at
      FROM a, clock WHERE d.id = a.delivery_id AND d."attemptCount" < a.attempt_number
    RETURNING d.id
  ), fresh AS (
    SELECT a.* FROM a JOIN delivered ON delivered.id = a.delivery_id
  ), inserted AS (
    INSERT INTO "DeliveryAttempt" (id, "deliveryId", "webhookId", "attemptNumber", "startedAt", "durationMs", "requestHeaders",
           "responseStatus", "responseHeaders", "responseBody", "errorClass", "errorMessage", succeeded)
    SELECT f.id, f.delivery_id, f.webhook_id, f.attempt_number, (to_timestamp(f.started_ms / 1000.0) AT TIME ZONE 'UTC')::timestamp(3), f.duration_ms, f.request_headers, f.response_status,
           f.response_headers, f.response_body, NULL, NULL, true
      FROM fresh f
  ), locked AS (
    SELECT w.id FROM "Webhook" w WHERE w.id IN (SELECT webhook_id FROM fresh) ORDER BY w.id FOR NO KEY UPDATE
  ), streaks AS (
    UPDATE "Webhook" w SET "consecutiveFailures" = 0, "lastSuccessAt" = greatest(w."lastSuccessAt", clock.at), "warnedAt" = NULL, "updatedAt" = clock.at
      FROM locked l, clock WHERE w.id = l.id
  )
  SELECT a.delivery_id AS "deliveryId" FROM a WHERE a.delivery_id NOT IN (SELECT delivery_id FROM fresh)`;
