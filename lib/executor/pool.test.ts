import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { createExecutorPool } from "./pool";

const pool = createExecutorPool(process.env.DATABASE_URL!, 2);
afterAll(() => pool.end());

it("survives the server ending a checked-out client's connection (PostgreSQL restarting): the query fails, the pool goes on", async () => {
  const client = await pool.connect();
  const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    // As `pg_ctlcluster … restart` does to every session: 57P01, then the socket closes. Before
    // the fix, the client's 'error' event had no listener and took the process down.
    // The expectation is attached before the kill: the rejection may land while the kill's own
    // answer is awaited, and a rejection left unhandled for a tick fails the run.
    const running = expect(client.query("SELECT pg_sleep(5)")).rejects.toThrow(/terminat/);
    await admin.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
    await running;
    await new Promise((r) => setTimeout(r, 100)); // the socket's end arrives after the error message
    await expect(client.query("SELECT 1")).rejects.toThrow();
  } finally {
    client.release();
    await admin.end();
  }
  const { rows: after } = await pool.query<{ one: number }>("SELECT 1 AS one");
  expect(after[0]!.one).toBe(1);
});
