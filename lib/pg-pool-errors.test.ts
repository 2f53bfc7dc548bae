import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { createExecutorPool } from "@/lib/executor/pool";
import { handlePoolErrors } from "./pg-pool-errors";

// Both pools the app opens (Prisma's in lib/db.ts, the executor's) go through handlePoolErrors.
const pool = handlePoolErrors(new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 }));
const executorPool = createExecutorPool(process.env.DATABASE_URL!, 2);
afterAll(() => Promise.all([pool.end(), executorPool.end()]));

/**
 * Ends a checked-out client's connection from the server side, as `pg_ctlcluster … restart`
 * does to every session (57P01, then the socket closes), with `during` running on it meanwhile
 * (or nothing); then the client must refuse queries and the pool must go on.
 */
async function terminateCheckedOut(from: pg.Pool, during?: (client: pg.PoolClient) => Promise<unknown>) {
  const client = await from.connect();
  const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    // The expectation is attached before the kill: the rejection may land while the kill's own
    // answer is awaited, and a rejection left unhandled for a tick fails the run.
    const running = during?.(client);
    await admin.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
    await running;
    await new Promise((r) => setTimeout(r, 200)); // the error message and the socket's end arrive
    await expect(client.query("SELECT 1")).rejects.toThrow();
  } finally {
    client.release(true);
    await admin.end();
  }
  const { rows: after } = await from.query<{ one: number }>("SELECT 1 AS one");
  expect(after[0]!.one).toBe(1);
}

it("keeps the process up when the server ends a checked-out client's connection with no query running", async () => {
  // Out of the pool between statements (a transaction's, or one being released): with no query
  // to take it, pg emits 'error' on the client, and without a listener that ends the process
  // (vitest reports it as an unhandled error).
  await terminateCheckedOut(pool);
});

it("fails the running query, not the process, when the server ends the connection under it (the executor's pool)", async () => {
  await terminateCheckedOut(executorPool, (client) => expect(client.query("SELECT pg_sleep(5)")).rejects.toThrow(/terminat/));
});
