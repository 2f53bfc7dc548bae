// Group commit for the executor's hot writes: step results (from a run's answer or from the
// SDK's checkpoints) and run state changes, gathered while the previous flush is in flight and
// written in one statement, one commit. Each caller still waits for its own write to commit,
// so a step is durable before the run moves on; only the round trips and fsyncs are shared.
import type pg from "pg";
import type { RunUpdate, StepRecord } from "./store";

type Entry = {
  runId: string;
  workerId: bigint;
  steps: StepRecord[];
  /** null: only append steps (a checkpoint), fenced by the lease like everything else. */
  update: RunUpdate | null;
  /** Take the step's attempt count from the run row (checkpoints do not know it). */
  attemptsFromRun: boolean;
  resolve: (held: boolean) => void;
  reject: (error: unknown) => void;
};

const writers = new WeakMap<pg.Pool, ProgressWriter>();

/** The writer of a pool (one per pool, so every caller in the process shares its commits). */
export function progressWriter(pool: pg.Pool): ProgressWriter {
  let writer = writers.get(pool);
  if (!writer) writers.set(pool, (writer = new ProgressWriter(pool)));
  return writer;
}

export class ProgressWriter {
  private queue: Entry[] = [];
  private flushing = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly maxBatch = 250,
  ) {}

  /** Resolves true once written, false when `workerId` no longer holds the run (nothing written). */
  write(runId: string, workerId: bigint, steps: StepRecord[], update: RunUpdate | null, attemptsFromRun = false): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ runId, workerId, steps, update, attemptsFromRun, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush() {
    while (this.queue.length > 0) {
      // One entry per run in a statement; a second one for the same run waits for the next.
      const batch: Entry[] = [];
      const rest: Entry[] = [];
      const runs = new Set<string>();
      for (const entry of this.queue) {
        if (batch.length < this.maxBatch && !runs.has(entry.runId)) {
          runs.add(entry.runId);
          batch.push(entry);
        } else rest.push(entry);
      }
      this.queue = rest;
      try {
        const held = await writeBatch(this.pool, batch);
        for (const entry of batch) entry.resolve(held.has(entry.runId));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.flushing = false;
  }
}

async function writeBatch(pool: pg.Pool, batch: Entry[]): Promise<Set<string>> {
  const updates = batch.map((e) => {
    const u = e.update;
    return {
      run_id: e.runId,
      worker: e.workerId.toString(),
      kind: u?.kind ?? "none",
      pending: u && "pending" in u ? u.pending : [],
      due: u?.kind === "sleep" ? u.wakeAt.toISOString() : u?.kind === "retry" ? u.dueAt.toISOString() : null,
      attempt: u?.kind === "retry" ? u.attempt : 0,
      payload: u?.kind === "complete" ? (u.output ?? null) : u && "error" in u ? (u.error ?? null) : null,
    };
  });
  const steps = batch.flatMap((e) =>
    e.steps.map((s, i) => ({
      run_id: e.runId,
      ord: i,
      hashed_id: s.hashedId,
      name: s.name,
      op: s.op,
      data: s.result.type === "data" ? (s.result.data ?? null) : null,
      error: s.result.type === "error" ? s.result.error : null,
      attempts: e.attemptsFromRun ? null : s.attempts,
      started_at: s.startedAt.toISOString(),
      ended_at: s.endedAt.toISOString(),
    })),
  );
  const { rows } = await pool.query<{ id: string }>(
    `WITH u AS (
       SELECT * FROM json_to_recordset($1::json)
         AS u(run_id text, worker bigint, kind text, pending text[], due timestamptz, attempt int, payload jsonb)
     ), changed AS (
       UPDATE executor_run e SET
         attempt = CASE u.kind WHEN 'retry' THEN u.attempt WHEN 'continue' THEN 0 WHEN 'sleep' THEN 0 ELSE e.attempt END,
         pending_step_ids = CASE WHEN u.kind IN ('complete', 'fail') THEN '{}' ELSE u.pending END,
         error = CASE WHEN u.kind IN ('retry', 'fail') THEN u.payload END,
         output = CASE WHEN u.kind = 'complete' THEN u.payload ELSE e.output END,
         status = (CASE u.kind WHEN 'sleep' THEN 'SLEEPING' WHEN 'retry' THEN 'QUEUED' WHEN 'complete' THEN 'COMPLETED'
                   WHEN 'fail' THEN 'FAILED' ELSE e.status::text END)::"ExecutorRunStatus",
         due_at = CASE WHEN u.kind IN ('sleep', 'retry') THEN u.due WHEN u.kind IN ('complete', 'fail') THEN NULL ELSE e.due_at END,
         lease_owner = CASE WHEN u.kind = 'continue' THEN e.lease_owner END,
         ended_at = CASE WHEN u.kind IN ('complete', 'fail') THEN now() ELSE e.ended_at END
       FROM u WHERE u.kind <> 'none' AND e.id = u.run_id AND e.lease_owner = u.worker
       RETURNING e.id, u.attempt AS attempt
     ), held AS (
       SELECT e.id, e.attempt FROM executor_run e JOIN u ON u.kind = 'none' AND e.id = u.run_id AND e.lease_owner = u.worker
       FOR NO KEY UPDATE OF e
     ), r AS (
       SELECT id, attempt FROM changed UNION ALL SELECT id, attempt FROM held
     ), base AS (
       SELECT run_id, count(*)::int AS n FROM executor_step WHERE run_id IN (SELECT run_id FROM u) GROUP BY run_id
     ), s AS (
       INSERT INTO executor_step (run_id, hashed_id, name, op, seq, data, error, attempts, started_at, ended_at)
       SELECT x.run_id, x.hashed_id, x.name, x.op, coalesce(b.n, 0) + x.ord, x.data, x.error,
              coalesce(x.attempts, r.attempt + 1), x.started_at, x.ended_at
         FROM json_to_recordset($2::json) AS x(run_id text, ord int, hashed_id text, name text, op text, data jsonb,
              error jsonb, attempts int, started_at timestamptz, ended_at timestamptz)
         JOIN r ON r.id = x.run_id LEFT JOIN base b ON b.run_id = x.run_id
       ON CONFLICT (run_id, hashed_id) DO NOTHING
     )
     SELECT id FROM r`,
    [JSON.stringify(updates), JSON.stringify(steps)],
  );
  return new Set(rows.map((r) => r.id));
}
