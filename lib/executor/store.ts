// The executor's run state in PostgreSQL. Every write that follows a worker's lease is fenced
// (`lease_owner = $worker`): a worker that lost its lease (it was presumed dead) cannot
// overwrite what the worker now holding the run recorded.
import type pg from "pg";
import { newId } from "@/lib/ids";
import { nextCronAt, triggerMatches, type FunctionRuntime } from "./function-config";
import { progressWriter } from "./progress-writer";
import type { InngestEvent, MemoisedStep } from "./protocol";
import { inTransaction, type Statement, type Transaction } from "./transaction";

export type Queryable = pg.Pool | pg.PoolClient;

export type RunRow = {
  id: string;
  function_id: string;
  event_ids: string[];
  attempt: number;
  max_attempts: number;
  pending_step_ids: string[];
  concurrency_key: string | null;
  concurrency_limit: number | null;
  /** Set on runs leased at dispatch: their one event, so the worker need not read it back. */
  events?: InngestEvent[];
};

export type StoredEvent = { name: string; data: Record<string, unknown>; idempotencyKey?: string | null; ts?: number };

// ─── Events ─────────────────────────────────────────────────────────────────────────────

/**
 * Appends events to the outbox and wakes the executors (NOTIFY is delivered on commit, so a
 * caller's transaction and its events commit together). An idempotency key already used
 * returns the id of the event stored under it and adds nothing.
 */
export async function insertEvents(db: Queryable, events: StoredEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const ids = events.map(() => newId("outboxEvent"));
  const keys = events.map((e) => e.idempotencyKey ?? null);
  const { rows } = await db.query<{ id: string; key: string | null }>(
    `INSERT INTO "OutboxEvent" (id, "storeId", name, data, "idempotencyKey", "createdAt")
     SELECT id, data->>'storeId', name, data, key, to_timestamp(ts / 1000.0)
       FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[], $5::float8[]) AS e(id, name, data, key, ts)
     ON CONFLICT ("idempotencyKey") DO NOTHING
     RETURNING id, "idempotencyKey" AS key`,
    [ids, events.map((e) => e.name), events.map((e) => JSON.stringify(e.data)), keys, events.map((e) => e.ts ?? Date.now())],
  );
  if (rows.length < events.length) {
    // Duplicates (by idempotency key, also within this call): answer with the stored ids.
    const inserted = new Set(rows.map((r) => r.id));
    const wanted = [...new Set(keys.filter((k, i): k is string => k !== null && !inserted.has(ids[i]!)))];
    const { rows: existing } = await db.query<{ id: string; key: string }>(
      `SELECT id, "idempotencyKey" AS key FROM "OutboxEvent" WHERE "idempotencyKey" = ANY($1::text[])`,
      [wanted],
    );
    const byKey = new Map(existing.map((r) => [r.key, r.id]));
    for (let i = 0; i < ids.length; i++) if (!inserted.has(ids[i]!) && keys[i]) ids[i] = byKey.get(keys[i]!) ?? ids[i]!;
  }
  if (rows.length > 0) await db.query("SELECT pg_notify('executor_event', '')");
  return ids;
}

export async function loadEvents(db: Queryable, ids: string[]): Promise<InngestEvent[]> {
  const { rows } = await db.query<{ id: string; name: string; data: Record<string, unknown>; ts: string }>(
    `SELECT id, name, data, (extract(epoch FROM "createdAt") * 1000)::bigint AS ts FROM "OutboxEvent" WHERE id = ANY($1::text[])`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, data: r.data, ts: Number(r.ts) }]));
  return ids.map((id) => byId.get(id)).filter((e): e is InngestEvent => e !== undefined);
}

// ─── Dispatch: events → runs ────────────────────────────────────────────────────────────

type NewRun = {
  id: string;
  function_id: string;
  event_ids: string[];
  max_attempts: number;
  concurrency_key: string | null;
  concurrency_limit: number | null;
  /** Epoch ms the run may start at, when later than now (an event with a future `ts`). */
  starts_at: number | null;
};

function newRun(fn: FunctionRuntime, events: { id: string; name: string; data: unknown }[], startsAt: number | null = null): NewRun {
  const first = events[0]!;
  return {
    id: newId("run"),
    function_id: fn.id,
    event_ids: events.map((e) => e.id),
    max_attempts: fn.maxAttempts,
    concurrency_key: fn.concurrency ? (fn.concurrency.keyOf?.(first) ?? null) : null,
    concurrency_limit: fn.concurrency?.limit ?? null,
    starts_at: startsAt,
  };
}

/**
 * Turns up to `limit` undispatched events into runs, in one transaction: runs for plain
 * triggers, and events appended to open batches for `batchEvents` functions (a full batch
 * becomes a run at once). Up to `leaseUpTo` new runs without a concurrency limit are created
 * already leased to `workerId`, so the caller can start them without another round trip.
 * `batchTimeoutMs` is set when a new batch was opened (its timeout, the shortest if several):
 * the caller flushes it then. `firstStartsAt` is the earliest start of the runs it delayed (events
 * with a future `ts`): the caller wakes then.
 *
 * A batch function in `idleFunctions` (none of its runs in flight on this worker) does not wait
 * for its window: its events start a run now. While a run of it is in flight, events batch,
 * and the worker flushes the batch as soon as that run ends. So at light load an event starts
 * in milliseconds, and at heavy load batches fill (Inngest always waits the window; starting
 * early only ever makes a batch smaller, never larger).
 *
 * An event whose `ts` is in the future starts its (non-batch) runs then, as Inngest does: "the
 * same effect as sleeping at the start", except that the run holds no concurrency slot and
 * costs no invocation until it is due.
 */
export async function dispatchEvents(
  pool: pg.Pool,
  functions: FunctionRuntime[],
  options: { limit: number; workerId: bigint; leaseUpTo: number; idleFunctions?: ReadonlySet<string> },
): Promise<{ events: number; leased: RunRow[]; batchTimeoutMs: number | null; firstStartsAt: number | null }> {
  // Round trips: BEGIN with the read, the open batches (when a batch function matched), and
  // every write with COMMIT.
  return inTransaction(pool, async (tx) => {
    const { rows: events } = await tx.query<{ id: string; name: string; data: Record<string, unknown>; ts: string }>(
      `SELECT id, name, data, (extract(epoch FROM "createdAt") * 1000)::bigint AS ts FROM "OutboxEvent"
        WHERE "sentAt" IS NULL ORDER BY "createdAt", id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [options.limit],
    );
    const eventsById = new Map(events.map((e) => [e.id, { id: e.id, name: e.name, data: e.data, ts: Number(e.ts) }]));
    if (events.length === 0) return { events: 0, leased: [], batchTimeoutMs: null, firstStartsAt: null };

    const runs: NewRun[] = [];
    const batches = new Map<string, { fn: FunctionRuntime; key: string; ids: string[] }>();
    const now = Date.now();
    for (const event of events) {
      const ts = Number(event.ts);
      for (const fn of functions) {
        if (!fn.triggers.some((t) => triggerMatches(t, event.name))) continue;
        if (!fn.batch) {
          runs.push(newRun(fn, [event], ts > now ? ts : null));
          continue;
        }
        const key = fn.batch.keyOf?.(event) ?? "";
        const slot = `${fn.id}\u001f${key}`;
        const batch = batches.get(slot) ?? { fn, key, ids: [] };
        batch.ids.push(event.id);
        batches.set(slot, batch);
      }
    }
    const filled = batches.size > 0 ? await fillBatches(tx, [...batches.values()], events, options.idleFunctions) : { runs: [], writes: [], openedTimeoutMs: null };
    runs.push(...filled.runs);

    const leased = runs.filter((r) => r.concurrency_limit === null && r.starts_at === null).slice(0, options.leaseUpTo);
    const leasedIds = new Set(leased.map((r) => r.id));
    await tx.commitWith([
      ...filled.writes,
      ...insertRuns(runs, { workerId: options.workerId, ids: leasedIds }),
      { text: `UPDATE "OutboxEvent" SET "sentAt" = now() WHERE id = ANY($1::text[])`, values: [events.map((e) => e.id)] },
      // Runs due now that this worker did not lease: any worker may claim them. Delayed ones wait.
      ...(runs.some((r) => r.starts_at === null && !leasedIds.has(r.id)) ? [wakeWorkers] : []),
    ]);
    const startTimes = runs.flatMap((r) => (r.starts_at === null ? [] : [r.starts_at]));
    return {
      events: events.length,
      batchTimeoutMs: filled.openedTimeoutMs,
      firstStartsAt: startTimes.length > 0 ? Math.min(...startTimes) : null,
      leased: leased.map((r) => {
        const only = r.event_ids.length === 1 ? eventsById.get(r.event_ids[0]!) : undefined;
        return { ...r, attempt: 0, pending_step_ids: [], events: only ? [only] : undefined };
      }),
    };
  });
}

/** Tells every worker that runs are due (delivered on commit). */
const wakeWorkers: Statement = { text: "SELECT pg_notify('executor_wake', '')" };

/**
 * The statement writing new runs (none when there are none): due now, or, for the ids in
 * `leasedTo`, already leased to that worker (it starts them without claiming them first).
 */
function insertRuns(runs: NewRun[], leasedTo?: { workerId: bigint; ids: ReadonlySet<string> }): Statement[] {
  if (runs.length === 0) return [];
  return [
    {
      text: `INSERT INTO executor_run (id, function_id, event_ids, max_attempts, concurrency_key, concurrency_limit, status, due_at, lease_owner, started_at)
     SELECT r.id, r.function_id, r.event_ids, r.max_attempts, r.concurrency_key, r.concurrency_limit,
            CASE WHEN r.leased THEN 'RUNNING'::"ExecutorRunStatus" ELSE 'QUEUED'::"ExecutorRunStatus" END,
            CASE WHEN r.leased THEN NULL WHEN r.starts_at IS NOT NULL THEN to_timestamp(r.starts_at / 1000.0) AT TIME ZONE 'UTC' ELSE now() END,
            CASE WHEN r.leased THEN $2::bigint END,
            CASE WHEN r.leased THEN now() END
       FROM json_to_recordset($1::json) AS r(id text, function_id text, event_ids text[], max_attempts int,
            concurrency_key text, concurrency_limit int, starts_at float8, leased boolean)`,
      values: [JSON.stringify(runs.map((r) => ({ ...r, leased: leasedTo?.ids.has(r.id) ?? false }))), leasedTo?.workerId.toString() ?? null],
    },
  ];
}

/**
 * Appends events to open batches (locked now, written by the caller's `writes`); returns a run
 * for every batch that filled up (or whose function is idle), and the shortest timeout of the
 * batches it opened (null when none).
 */
async function fillBatches(
  tx: Transaction,
  batches: { fn: FunctionRuntime; key: string; ids: string[] }[],
  events: { id: string; name: string; data: unknown }[],
  idleFunctions: ReadonlySet<string> = new Set(),
): Promise<{ runs: NewRun[]; writes: Statement[]; openedTimeoutMs: number | null }> {
  const eventsById = new Map(events.map((e) => [e.id, e]));
  const { rows: open } = await tx.query<{ id: string; function_id: string; batch_key: string; event_ids: string[] }>(
    `SELECT b.id, b.function_id, b.batch_key, b.event_ids FROM executor_batch b
       JOIN unnest($1::text[], $2::text[]) AS k(function_id, batch_key) USING (function_id, batch_key)
     ORDER BY b.id FOR UPDATE`,
    [batches.map((b) => b.fn.id), batches.map((b) => b.key)],
  );
  const openBySlot = new Map(open.map((b) => [`${b.function_id}\u001f${b.batch_key}`, b]));
  const runs: NewRun[] = [];
  const writes: Statement[] = [];
  let openedTimeoutMs: number | null = null;
  for (const batch of batches) {
    const existing = openBySlot.get(`${batch.fn.id}\u001f${batch.key}`);
    const ids = [...(existing?.event_ids ?? []), ...batch.ids];
    const { maxSize } = batch.fn.batch!;
    const startNow = idleFunctions.has(batch.fn.id);
    while (ids.length >= maxSize || (startNow && ids.length > 0)) {
      const chunk = ids.splice(0, maxSize);
      // Events of an earlier call are not in this dispatch; the key only needs the first one.
      const first = eventsById.get(chunk[0]!) ?? { id: chunk[0]!, name: "", data: {} };
      runs.push({ ...newRun(batch.fn, [first]), event_ids: chunk });
    }
    if (existing && ids.length === 0) writes.push({ text: `DELETE FROM executor_batch WHERE id = $1`, values: [existing.id] });
    else if (existing) writes.push({ text: `UPDATE executor_batch SET event_ids = $2::text[] WHERE id = $1`, values: [existing.id, ids] });
    else if (ids.length > 0) {
      writes.push({
        text: `INSERT INTO executor_batch (id, function_id, batch_key, event_ids, due_at)
               VALUES ($1, $2, $3, $4::text[], now() + make_interval(secs => $5::float8 / 1000))`,
        values: [newId("batch"), batch.fn.id, batch.key, ids, batch.fn.batch!.timeoutMs],
      });
      openedTimeoutMs = Math.min(openedTimeoutMs ?? Infinity, batch.fn.batch!.timeoutMs);
    }
  }
  return { runs, writes, openedTimeoutMs };
}

/**
 * Batches whose timeout has passed become runs, however few events they hold. Up to
 * `leaseUpTo` of them (those without a concurrency limit) are created already leased to
 * `workerId` and returned with their events, so it starts them without claiming them first.
 */
export async function flushDueBatches(
  pool: pg.Pool,
  functions: Map<string, FunctionRuntime>,
  lease: { workerId: bigint; leaseUpTo: number },
  /** A function whose open batches go now, due or not (its last run here just ended). */
  idleFunction?: string,
): Promise<RunRow[]> {
  // Two round trips, found batches or not: BEGIN with taking the batches and their events, the
  // runs with COMMIT.
  return inTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ function_id: string; event_ids: string[]; events: InngestEvent[] | null }>(
      `WITH b AS (
         DELETE FROM executor_batch WHERE id IN (
           SELECT id FROM executor_batch WHERE due_at <= now() OR function_id = $1 ORDER BY due_at LIMIT 100 FOR UPDATE SKIP LOCKED)
         RETURNING function_id, event_ids)
       SELECT b.function_id, b.event_ids,
              (SELECT json_agg(json_build_object('id', e.id, 'name', e.name, 'data', e.data, 'ts', (extract(epoch FROM e."createdAt") * 1000)::bigint))
                 FROM "OutboxEvent" e WHERE e.id = ANY(b.event_ids)) AS events
         FROM b`,
      [idleFunction ?? null],
    );
    const due = rows.flatMap((b) => {
      const fn = functions.get(b.function_id);
      return fn && b.event_ids.length > 0 ? [{ fn, eventIds: b.event_ids }] : [];
    });
    if (due.length === 0) return [];
    const toLease = new Set(due.filter((b) => !b.fn.concurrency).slice(0, lease.leaseUpTo));
    const events = new Map(rows.flatMap((b) => b.events ?? []).map((e) => [e.id, e])); // ts: a JSON number already
    const runs = due.map((b) => {
      const first = events.get(b.eventIds[0]!) ?? { id: b.eventIds[0]!, name: "", data: {} };
      return { batch: b, run: { ...newRun(b.fn, [first]), event_ids: b.eventIds } };
    });
    const leased = runs.filter((r) => toLease.has(r.batch));
    await tx.commitWith([
      ...insertRuns(
        runs.map((r) => r.run),
        { workerId: lease.workerId, ids: new Set(leased.map((r) => r.run.id)) },
      ),
      ...(runs.length > leased.length ? [wakeWorkers] : []),
    ]);
    return leased.map(({ batch, run }) => {
      const all = batch.eventIds.map((id) => events.get(id));
      return { ...run, attempt: 0, pending_step_ids: [], events: all.every((e) => e) ? (all as InngestEvent[]) : undefined };
    });
  });
}

/**
 * Fires due cron schedules: an `inngest/scheduled.timer` event (as Inngest sends) and a run of
 * that function only, and the next fire time, in one transaction; SKIP LOCKED lets one worker
 * fire each. A schedule missed while no executor ran fires once, not once per missed time.
 */
export async function fireDueCrons(pool: pg.Pool, functions: Map<string, FunctionRuntime>): Promise<number> {
  return inTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ id: string; due: Date }>(
      `SELECT id, cron_due_at AS due FROM executor_function
        WHERE cron_due_at <= now() AND removed_at IS NULL ORDER BY cron_due_at LIMIT 100 FOR UPDATE SKIP LOCKED`,
    );
    if (rows.length === 0) return 0;
    const runs: NewRun[] = [];
    const writes: Statement[] = [];
    for (const row of rows) {
      const fn = functions.get(row.id);
      const next = fn ? nextCronAt(fn.crons, new Date(Math.max(Date.now(), row.due.getTime()))) : null;
      writes.push({ text: `UPDATE executor_function SET cron_due_at = $2 WHERE id = $1`, values: [row.id, next] });
      if (!fn || fn.crons.length === 0) continue;
      const eventId = newId("outboxEvent");
      writes.push({
        text: `INSERT INTO "OutboxEvent" (id, name, data, "idempotencyKey", "sentAt") VALUES ($1, 'inngest/scheduled.timer', $2::jsonb, $3, now())
               ON CONFLICT ("idempotencyKey") DO NOTHING`,
        values: [eventId, JSON.stringify({ cron: fn.crons.join(" | ") }), `cron:${fn.id}:${row.due.toISOString()}`],
      });
      runs.push(newRun(fn, [{ id: eventId, name: "inngest/scheduled.timer", data: {} }]));
    }
    await tx.commitWith([...writes, ...insertRuns(runs), ...(runs.length > 0 ? [wakeWorkers] : [])]);
    return runs.length;
  });
}

// ─── Claiming runs ──────────────────────────────────────────────────────────────────────

const runColumns = `id, function_id, event_ids, attempt, max_attempts, pending_step_ids, concurrency_key, concurrency_limit`;

/**
 * Leases up to `limit` due runs to `workerId`. Runs under a concurrency limit are admitted
 * while holding a transaction advisory lock per key, so two workers cannot both fill the
 * last slot of one key.
 */
export async function claimRuns(pool: pg.Pool, workerId: bigint, limit: number): Promise<RunRow[]> {
  // Two round trips, found runs or not: BEGIN with the candidates, the lease with COMMIT (the
  // advisory locks and the count in between only for runs under a concurrency limit).
  return inTransaction(pool, async (tx) => {
    const { rows: candidates } = await tx.query<{ id: string; function_id: string; concurrency_key: string | null; concurrency_limit: number | null }>(
      // A limited run's key is counted in executor_run_leased_idx, which holds only leased runs
      // (migration 20261203130000): a probe of a few entries. Through the function's whole
      // history instead (the plan on statistics older than a backlog of a slow webhook's
      // retries), each claim cost due × history, seconds of PostgreSQL CPU.
      `SELECT r.id, r.function_id, r.concurrency_key, r.concurrency_limit FROM executor_run r
        WHERE r.due_at <= now()
          AND (r.concurrency_limit IS NULL OR r.concurrency_limit > (
                SELECT count(*) FROM executor_run o
                 WHERE o.function_id = r.function_id AND coalesce(o.concurrency_key, '') = coalesce(r.concurrency_key, '')
                   AND o.lease_owner IS NOT NULL))
        ORDER BY r.due_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    if (candidates.length === 0) return [];
    const admitted = candidates.filter((c) => c.concurrency_limit === null).map((c) => c.id);
    const limited = candidates.filter((c) => c.concurrency_limit !== null);
    if (limited.length > 0) {
      const slot = (c: { function_id: string; concurrency_key: string | null }) => `${c.function_id}\u001f${c.concurrency_key ?? ""}`;
      const slots = [...new Set(limited.map(slot))].sort();
      await tx.query(`SELECT pg_advisory_xact_lock(7311, hashtext(s)) FROM unnest($1::text[]) AS s ORDER BY s`, [slots]);
      const { rows: busy } = await tx.query<{ slot: string; n: number }>(
        `SELECT function_id || chr(31) || coalesce(concurrency_key, '') AS slot, count(*)::int AS n FROM executor_run
          WHERE lease_owner IS NOT NULL AND function_id || chr(31) || coalesce(concurrency_key, '') = ANY($1::text[])
          GROUP BY 1`,
        [slots],
      );
      const inUse = new Map(busy.map((b) => [b.slot, b.n]));
      for (const c of limited) {
        const n = inUse.get(slot(c)) ?? 0;
        if (n < c.concurrency_limit!) {
          admitted.push(c.id);
          inUse.set(slot(c), n + 1);
        }
      }
    }
    if (admitted.length === 0) return [];
    const [leased] = await tx.commitWith([
      {
        text: `UPDATE executor_run SET lease_owner = $2::bigint, due_at = NULL, status = 'RUNNING', started_at = coalesce(started_at, now())
                WHERE id = ANY($1::text[]) RETURNING ${runColumns}`,
        values: [admitted, workerId.toString()],
      },
    ]);
    return leased!.rows as RunRow[];
  });
}

/** The next moment something becomes due (a timer, a retry, a batch timeout), if any. */
export async function nextDueAt(pool: pg.Pool): Promise<Date | null> {
  const { rows } = await pool.query<{ at: Date | null }>(
    `SELECT least((SELECT min(due_at) FROM executor_run WHERE due_at > now()), (SELECT min(due_at) FROM executor_batch),
                  (SELECT min(cron_due_at) FROM executor_function WHERE removed_at IS NULL)) AS at`,
  );
  return rows[0]?.at ?? null;
}

// ─── Steps and run outcomes (fenced by the lease) ───────────────────────────────────────

export type StepRecord = { hashedId: string; name: string; op: string; seq: number; result: MemoisedStep; attempts: number; startedAt: Date; endedAt: Date };

export async function loadSteps(db: Queryable, runId: string): Promise<StepRecord[]> {
  const { rows } = await db.query<{ hashed_id: string; name: string; op: string; seq: number; data: unknown; error: unknown; attempts: number; started_at: Date; ended_at: Date }>(
    `SELECT hashed_id, name, op, seq, data, error, attempts, started_at, ended_at FROM executor_step WHERE run_id = $1 ORDER BY seq`,
    [runId],
  );
  return rows.map((r) => ({
    hashedId: r.hashed_id,
    name: r.name,
    op: r.op,
    seq: r.seq,
    result: r.error !== null ? { type: "error", error: r.error } : { type: "data", data: r.data },
    attempts: r.attempts,
    startedAt: r.started_at,
    endedAt: r.ended_at,
  }));
}

export type RunUpdate =
  | { kind: "continue"; pending: string[] }
  | { kind: "sleep"; wakeAt: Date; pending: string[] }
  | { kind: "retry"; attempt: number; dueAt: Date; pending: string[]; error: unknown }
  | { kind: "complete"; output: unknown }
  | { kind: "fail"; error: unknown };

/**
 * Records new steps and the run's next state (group-committed with other runs' writes).
 * Returns false when the worker no longer holds the lease: nothing is written then.
 */
export function recordProgress(pool: pg.Pool, runId: string, workerId: bigint, steps: StepRecord[], update: RunUpdate): Promise<boolean> {
  return progressWriter(pool).write(runId, workerId, steps, update);
}

/**
 * Steps the SDK checkpointed in the middle of a request (async checkpointing), appended after
 * the run's recorded steps. False when `workerId` no longer holds the run: the SDK is told the
 * dispatch is stale (409) and stops.
 */
export function appendCheckpointedSteps(pool: pg.Pool, runId: string, workerId: bigint, steps: StepRecord[]): Promise<boolean> {
  return progressWriter(pool).write(runId, workerId, steps, null, true);
}

// ─── Workers ────────────────────────────────────────────────────────────────────────────

/** Advisory-lock key space of worker liveness locks (64-bit keys; concurrency uses the 2×32-bit space). */
export const workerLockBase = 0x4249_5300_0000_0000n;

/**
 * Takes back the runs of workers that are gone: a worker's session lock is free once its
 * process (or its connection) died. Returns how many runs were released.
 */
export async function reapDeadWorkers(pool: pg.Pool, selfId: bigint): Promise<number> {
  const client = await pool.connect();
  try {
    const { rows: workers } = await client.query<{ id: string }>(`SELECT id FROM executor_worker WHERE id <> $1`, [selfId.toString()]);
    const dead: string[] = [];
    for (const { id } of workers) {
      const key = (workerLockBase + BigInt(id)).toString();
      const { rows } = await client.query<{ free: boolean }>(`SELECT pg_try_advisory_lock($1::bigint) AS free`, [key]);
      if (rows[0]?.free) {
        await client.query(`SELECT pg_advisory_unlock($1::bigint)`, [key]);
        dead.push(id);
      }
    }
    if (dead.length > 0) await client.query(`DELETE FROM executor_worker WHERE id = ANY($1::bigint[])`, [dead]);
    const { rowCount } = await client.query(
      `UPDATE executor_run SET lease_owner = NULL, due_at = now(), status = 'QUEUED'
        WHERE lease_owner IS NOT NULL AND lease_owner <> $1 AND lease_owner NOT IN (SELECT id FROM executor_worker)`,
      [selfId.toString()],
    );
    if ((rowCount ?? 0) > 0) await client.query("SELECT pg_notify('executor_wake', '')");
    return rowCount ?? 0;
  } finally {
    client.release();
  }
}
