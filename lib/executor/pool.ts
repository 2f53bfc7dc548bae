import pg from "pg";
import { handlePoolErrors } from "@/lib/pg-pool-errors";

/**
 * The executor's own connection pool: its hot path is hand-written SQL, and its tables use
 * `timestamp` columns written with now(), so every session runs in UTC.
 */
export function createExecutorPool(connectionString: string, max = 10): pg.Pool {
  // A PostgreSQL restart must not kill the process: the executor reconnects by itself.
  return handlePoolErrors(new pg.Pool({ connectionString, max, options: "-c TimeZone=UTC", application_name: "bis-executor" }));
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
