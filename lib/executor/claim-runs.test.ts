import type pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/scripts/db/test-database";
import { createExecutorPool } from "./pool";
import { claimRuns } from "./store";

// claimRuns on the shape that once made it quadratic: a key at its concurrency limit with a
// backlog of due runs behind it and a long history of finished ones (a slow webhook's retries).
// A database of its own: a claim takes any due run, and other files' runs are not this file's.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: pg.Pool;
const worker = 424242n;
const fn = "claim-test-retry";
const other = "claim-test-other";

beforeAll(async () => {
  database = await createTestDatabase("claim_runs");
  pool = createExecutorPool(database.url, 2);
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

beforeEach(async () => {
  await pool.query(`DELETE FROM executor_run WHERE function_id IN ($1, $2)`, [fn, other]);
});

/** `n` runs of `fn` under key `key` (limit 10): leased to another worker, due, or finished. */
async function runs(n: number, prefix: string, state: "leased" | "due" | "done", key = "wh_1", dueOffsetSeconds = 0) {
  await pool.query(
    `INSERT INTO executor_run (id, function_id, event_ids, status, max_attempts, concurrency_key, concurrency_limit, due_at, lease_owner, ended_at)
     SELECT $2 || i, $3, ARRAY['evt_' || i], $4::"ExecutorRunStatus", 20, $5, 10,
            CASE WHEN $1 = 'due' THEN now() - interval '1 minute' + make_interval(secs => $6 + i * 0.001) END,
            CASE WHEN $1 = 'leased' THEN 7 END, CASE WHEN $1 = 'done' THEN now() END
       FROM generate_series(1, $7) AS i`,
    [state, prefix, fn, { leased: "RUNNING", due: "QUEUED", done: "COMPLETED" }[state], key, dueOffsetSeconds, n],
  );
}

describe("claimRuns", () => {
  it("passes over a full key's backlog to the runs it may start", async () => {
    await runs(10, "run_leased_", "leased");
    await runs(2000, "run_done_", "done");
    await runs(300, "run_due_", "due");
    await runs(3, "run_free_", "due", "wh_2", 30); // another webhook's, due after the whole backlog
    await pool.query(
      `INSERT INTO executor_run (id, function_id, event_ids, status, max_attempts, due_at) VALUES ('run_unlimited', $1, ARRAY['evt_x'], 'QUEUED', 5, now() - interval '1 second')`,
      [other],
    );

    const claimed = await claimRuns(pool, worker, 20);
    expect(claimed.map((r) => r.id).sort()).toEqual(["run_free_1", "run_free_2", "run_free_3", "run_unlimited"]);
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM executor_run WHERE function_id = $1 AND concurrency_key = 'wh_1' AND lease_owner IS NOT NULL`, [fn]);
    expect(rows[0]!.n).toBe(10); // the full key gained nothing
  });

  it("fills exactly the slots a key has free, earliest due first", async () => {
    await runs(7, "run_leased_", "leased");
    await runs(50, "run_due_", "due");
    const claimed = await claimRuns(pool, worker, 20);
    expect(claimed.map((r) => r.id).sort()).toEqual(["run_due_1", "run_due_2", "run_due_3"]);
    expect(await claimRuns(pool, worker, 20)).toEqual([]);
  });
});
