import pg from "pg";

/**
 * The executor's own connection pool: its hot path is hand-written SQL, and its tables use
 * `timestamp` columns written with now(), so every session runs in UTC.
 */
export function createExecutorPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, options: "-c TimeZone=UTC", application_name: "bis-executor" });
  // An idle client that loses its server (PostgreSQL restarting) must not crash the process.
  pool.on("error", () => {});
  // Nor may a checked-out one (pool.connect(): inTransaction, reapDeadWorkers): pg-pool removes its
  // idle listener while the client is out, and pg emits 'error' on the client when the socket
  // dies, even mid-query, so with no listener the process died on a PostgreSQL restart. The
  // error still reaches the query that was running (rejected) and the client, no longer
  // queryable, is discarded on release; the executor reconnects by itself.
  pool.on("connect", (client) => void client.on("error", () => {}));
  return pool;
}

const globalForPool = globalThis as unknown as { executorPools?: Map<string, pg.Pool> };

/** One shared pool per database for the process (the app's API endpoints and its worker). */
export function sharedExecutorPool(connectionString: string): pg.Pool {
  globalForPool.executorPools ??= new Map();
  let pool = globalForPool.executorPools.get(connectionString);
  if (!pool) {
    pool = createExecutorPool(connectionString);
    globalForPool.executorPools.set(connectionString, pool);
  }
  return pool;
}
