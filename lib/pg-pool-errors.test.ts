import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { handlePoolErrors } from "./pg-pool-errors";

const pool = handlePoolErrors(new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 }));
afterAll(() => pool.end());

it("keeps the process up when the server ends a checked-out client's connection with no query running", async () => {
  const client = await pool.connect();
  const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    // As `pg_ctlcluster … restart` does to every session: 57P01, then the socket closes, here
    // while the client is out of the pool between statements (a transaction's, or one being
    // released): with no query to take it, pg emits 'error' on the client, and without a
    // listener that ends the process (vitest reports it as an unhandled error).
    await admin.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
    await new Promise((r) => setTimeout(r, 200));
    await expect(client.query("SELECT 1")).rejects.toThrow();
  } finally {
    client.release(true);
    await admin.end();
  }
  const { rows: after } = await pool.query<{ one: number }>("SELECT 1 AS one");
  expect(after[0]!.one).toBe(1);
});
