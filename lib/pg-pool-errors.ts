import type pg from "pg";

/**
 * Makes a pool's connection errors (PostgreSQL restarting, a connection terminated) fail the
 * queries they hit instead of the process. An idle client's error reaches the pool's 'error'
 * event; a checked-out one's reaches the client itself, where pg-pool keeps no listener while it
 * is out (a transaction between statements, a client being released or ended), and an 'error'
 * event without a listener kills the process. The query that was running is still rejected and
 * the broken client is discarded on release.
 */
export function handlePoolErrors<T extends pg.Pool>(pool: T): T {
  pool.on("error", () => {});
  pool.on("connect", (client) => void client.on("error", () => {}));
  return pool;
}
