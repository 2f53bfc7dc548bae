// A real `inngest` client and serve() handler wired to the embedded executor on a database
// of its own, for conformance tests. Nothing of the SDK is mocked.
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/next";
import pg from "pg";
import { createTestDatabase } from "@/scripts/db/test-database";
import { handleExecutorApi } from "@/lib/executor/api";
import { embeddedKeys, inngestClientOptions, type EmbeddedConnection } from "@/lib/executor/client-options";
import type { EventCatalog } from "@/lib/executor/event-catalog";
import { EmbeddedExecutor, type ExecutorOptions } from "@/lib/executor/executor";
import { createExecutorPool } from "@/lib/executor/pool";
import { httpTransport, inProcessTransport, type Transport } from "@/lib/executor/transport";

export const testKeys = embeddedKeys("conformance-test-secret");
export const serveUrl = "http://app.test/api/inngest";

/** A client whose SDK calls (/fn/register, /e/:key) reach the executor API on `databaseUrl`. */
export function testClient(id: string, databaseUrl: string, catalog: EventCatalog) {
  const pool = createExecutorPool(databaseUrl, 4);
  const connection: EmbeddedConnection = { ...testKeys, api: (request) => handleExecutorApi(request, { ...testKeys, pool, catalog }) };
  const client = new Inngest(inngestClientOptions({ id, logger: quietLogger }, () => connection));
  return { client, pool };
}

export async function testDatabase(label: string) {
  return createTestDatabase(label);
}

export function startExecutor(databaseUrl: string, transport: Transport, options: Partial<ExecutorOptions> = {}) {
  const executor = new EmbeddedExecutor({
    databaseUrl,
    transport,
    serveUrl,
    signingKey: testKeys.signingKey,
    backoffMs: () => 50,
    pollIntervalMs: 500,
    log: process.env.EXECUTOR_TEST_LOG ? (m) => console.error(`[executor] ${m}`) : () => {},
    ...options,
  });
  return executor;
}

export function handlersFor(client: Inngest.Any, functions: InngestFunction.Any[]) {
  return serve({ client, functions });
}

export { httpTransport, inProcessTransport };

export type RunSummary = { id: string; function_id: string; status: string; event_ids: string[]; output: unknown; error: unknown };

/** Waits until `count` runs of `functionId` have ended (completed or failed). */
export async function waitForRuns(pool: pg.Pool, functionId: string, count: number, timeoutMs = 20_000): Promise<RunSummary[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<RunSummary>(
      `SELECT id, function_id, status, event_ids, output, error FROM executor_run WHERE function_id = $1 ORDER BY created_at, id`,
      [functionId],
    );
    const ended = rows.filter((r) => r.status === "COMPLETED" || r.status === "FAILED");
    if (ended.length >= count) return rows;
    if (Date.now() > until) throw new Error(`Timed out: ${ended.length}/${count} runs of ${functionId} ended (${rows.map((r) => r.status).join(",")})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function stepsOf(pool: pg.Pool, runId: string) {
  const { rows } = await pool.query<{ name: string; op: string; data: unknown; error: unknown; attempts: number }>(
    `SELECT name, op, data, error, attempts FROM executor_step WHERE run_id = $1 ORDER BY seq`,
    [runId],
  );
  return rows;
}

const quietLogger = { info() {}, warn() {}, error() {}, debug() {} };
