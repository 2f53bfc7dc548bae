// The part of the Inngest server API the SDK calls in embedded mode: function registration
// (`POST /fn/register`) and events (`POST /e/:eventKey`). The app's Inngest client routes its
// requests here in-process (see inngest/client.ts), so no port is opened for it.
import { createHash, timingSafeEqual } from "node:crypto";
import type pg from "pg";
import { newId } from "@/lib/ids";
import { eventProblem, type EventCatalog } from "./event-catalog";
import { functionRuntime, nextCronAt, registerRequestSchema } from "./function-config";
import { z } from "zod";
import { stepRecord, stepRunKind } from "./interpret-response";
import { hashSigningKey, opsSchema, workerOfQueueItem } from "./protocol";
import { appendCheckpointedSteps, insertEvents, type StoredEvent } from "./store";
import { inTransaction } from "./transaction";

export type ExecutorApiDeps = { pool: pg.Pool; signingKey: string; eventKey: string; catalog: EventCatalog };

const maxEventsBody = 3 * 1024 * 1024;

/** What the API reads of a request: a `Request` does, and so does the client's lighter in-process call. */
export type ApiRequest = { method: string; url: string; headers: { get(name: string): string | null }; text(): Promise<string> };

export async function handleExecutorApi(request: ApiRequest, deps: ExecutorApiDeps): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (request.method === "POST" && pathname === "/fn/register") return register(request, deps);
  const checkpointPath = pathname.match(/^\/v1\/checkpoint\/([^/]+)\/async$/);
  if (request.method === "POST" && checkpointPath) return checkpoint(request, decodeURIComponent(checkpointPath[1]!), deps);
  const eventPath = pathname.match(/^\/e\/([^/]+)$/);
  if (request.method === "POST" && eventPath) return receiveEvents(request, decodeURIComponent(eventPath[1]!), deps);
  return json(404, { error: `${request.method} ${pathname} is not served by the embedded executor.` });
}

async function register(request: ApiRequest, deps: ExecutorApiDeps): Promise<Response> {
  // The SDK takes the sync's outcome from `status` in the body.
  if (!signedBySdk(request, deps)) return json(401, { error: "Unauthorized", status: 401 });
  const parsed = registerRequestSchema.safeParse(await jsonOf(request));
  if (!parsed.success) return json(400, { error: `Invalid registration: ${parsed.error.issues[0]?.message}`, status: 400 });
  const { appName, functions } = parsed.data;
  let runtimes;
  try {
    runtimes = functions.map(functionRuntime); // refuse what the executor cannot run, before storing anything
  } catch (error) {
    return json(400, { error: (error as Error).message, status: 400 });
  }
  const now = new Date();
  await inTransaction(deps.pool, async (client) => {
    await client.query(
      `INSERT INTO executor_function (id, app_id, name, url, config, updated_at, removed_at, cron_due_at)
       SELECT f.id, $1, f.name, f.url, f.config, now(), NULL, f.cron_due_at
         FROM json_to_recordset($2::json) AS f(id text, name text, url text, config jsonb, cron_due_at timestamptz)
       ON CONFLICT (id) DO UPDATE SET app_id = excluded.app_id, name = excluded.name, url = excluded.url,
         config = excluded.config, updated_at = now(), removed_at = NULL,
         -- a re-sync keeps a pending fire time of an unchanged schedule (it may be due already)
         cron_due_at = CASE WHEN executor_function.config->'triggers' = excluded.config->'triggers'
                             AND executor_function.cron_due_at IS NOT NULL AND executor_function.removed_at IS NULL
                            THEN executor_function.cron_due_at ELSE excluded.cron_due_at END`,
      [
        appName,
        JSON.stringify(
          functions.map((f, i) => ({
            id: f.id,
            name: f.name ?? f.id,
            url: runtimes[i]!.url,
            config: f,
            cron_due_at: nextCronAt(runtimes[i]!.crons, now)?.toISOString() ?? null,
          })),
        ),
      ],
    );
    await client.query(`UPDATE executor_function SET removed_at = now() WHERE app_id = $1 AND removed_at IS NULL AND NOT (id = ANY($2::text[]))`, [
      appName,
      functions.map((f) => f.id),
    ]);
    await client.query("SELECT pg_notify('executor_sync', '')");
  });
  return json(200, { ok: true, modified: true, status: 200 });
}

const checkpointSchema = z.object({ qi_id: z.string(), request_started_at: z.number().optional(), steps: opsSchema });

/** Async checkpointing: the SDK reports steps it ran mid-request; they are recorded before it goes on. */
async function checkpoint(request: ApiRequest, runId: string, deps: ExecutorApiDeps): Promise<Response> {
  if (!signedBySdk(request, deps)) return json(401, { error: "Unauthorized" });
  const parsed = checkpointSchema.safeParse(await jsonOf(request));
  const workerId = parsed.success ? workerOfQueueItem(parsed.data.qi_id) : null;
  if (!parsed.success || workerId === null) return json(400, { error: "Invalid checkpoint body." });
  const now = new Date();
  const startedAt = parsed.data.request_started_at ? new Date(parsed.data.request_started_at) : now;
  const steps = parsed.data.steps.flatMap((op, i) => {
    const at = { seq: i, attempt: 0, startedAt, endedAt: now };
    if (op.op === "StepRun") return [stepRecord(op, stepRunKind(op), { type: "data", data: op.data ?? null }, at)];
    if (op.op === "StepFailed") return [stepRecord(op, "StepFailed", { type: "error", error: op.error ?? null }, at)];
    return [];
  });
  if (!(await appendCheckpointedSteps(deps.pool, runId, workerId, steps))) return json(409, { error: "Stale dispatch: the run is held by another worker." });
  return json(200, {});
}

async function receiveEvents(request: ApiRequest, key: string, deps: ExecutorApiDeps): Promise<Response> {
  if (!sameSecret(key, deps.eventKey)) return json(401, { error: "Event key not found", status: 401 });
  const text = await request.text();
  if (text.length > maxEventsBody) return json(413, { error: "Event payload too large", status: 413 });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return json(400, { error: "The request body is not JSON.", status: 400 });
  }
  const raw = Array.isArray(body) ? body : [body];
  const events: StoredEvent[] = [];
  const rejected: { name: string; payload: unknown; reason: string }[] = [];
  for (const item of raw) {
    const event = (item ?? {}) as { name?: unknown; data?: unknown; id?: unknown; ts?: unknown };
    const problem = await eventProblem(deps.catalog, event.name, event.data);
    if (problem) rejected.push({ name: typeof event.name === "string" ? event.name : "", payload: item, reason: problem });
    else
      events.push({
        name: event.name as string,
        data: (event.data ?? {}) as Record<string, unknown>,
        idempotencyKey: typeof event.id === "string" && event.id ? event.id : null,
        ts: typeof event.ts === "number" ? event.ts : undefined,
      });
  }
  if (rejected.length > 0) {
    // Nothing of a request with a bad event is accepted; the refusal is kept for support to see.
    await recordRejectedEvents(deps.pool, rejected);
    return json(400, { error: rejected.map((r) => r.reason).join(" "), status: 400 });
  }
  const ids = await insertEvents(deps.pool, events);
  return json(200, { ids, status: 200 });
}

export async function recordRejectedEvents(pool: pg.Pool, rejected: { name: string; payload: unknown; reason: string }[]) {
  const rows = rejected.map((r) => ({
    id: newId("rejectedEvent"),
    // The same bad event again (the SDK retries a refused send; its id and ts change) is one row.
    fingerprint: createHash("sha256").update(JSON.stringify([r.name, (r.payload as { data?: unknown } | null)?.data ?? null, r.reason])).digest("hex"),
    ...r,
  }));
  await pool.query(
    `INSERT INTO executor_rejected_event (id, fingerprint, name, payload, reason)
     SELECT DISTINCT ON (fingerprint) * FROM json_to_recordset($1::json) AS r(id text, fingerprint text, name text, payload jsonb, reason text)
     ON CONFLICT (fingerprint) DO UPDATE SET occurrences = executor_rejected_event.occurrences + 1, last_seen_at = now()`,
    [JSON.stringify(rows)],
  );
}

async function jsonOf(request: ApiRequest): Promise<unknown> {
  try {
    return JSON.parse(await request.text());
  } catch {
    return null;
  }
}

/** The SDK's calls to the server API carry `Bearer <hashed signing key>`. */
function signedBySdk(request: ApiRequest, deps: ExecutorApiDeps): boolean {
  return sameSecret(request.headers.get("authorization") ?? "", `Bearer ${hashSigningKey(deps.signingKey)}`);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}
