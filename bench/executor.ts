// `npm run bench:executor`: how fast the embedded durable executor (lib/executor) drives real
// `inngest` SDK functions through the SDK's serve() handler, next to the same function body
// called as plain async code, on a fresh PostgreSQL database that is dropped at the end.
//
//   baseline   the 2-step body called directly (step.run = call the closure)
//   sdk        the SDK's serve() handler alone, no database: its CPU cost per invocation
//   two-step   the same body as an Inngest function, ≥5,000 runs from client.send of arrays,
//              at the executor's default concurrency, at BENCH_ALT_CONCURRENCY, and (what-if)
//              with process.env copied into a plain object
//   steady     20 events/s (the path's floor), then 100 events/s for 10 s, one send per event:
//              event → first step start latency
//   batch      batchEvents (maxSize 100, timeout 1s): events accepted/s and end-to-end/s
//
// Latency is taken from timestamps the steps record (performance.now(), sub-millisecond, one
// clock with the sender's "just before client.send"): s1 start − send time is event → first
// step; s2 start − s1 start is the executor's added latency per step, as the steps do no work
// (one step's result recorded, the next request signed, the SDK replaying the function).
// Database timestamps (run created/started/ended, millisecond precision) give run totals.
//
// Env: BENCH_RUNS (two-step runs per setting, default 5000), BENCH_BATCH_EVENTS (default
// 100000), BENCH_ALT_CONCURRENCY (default 200), BENCH_ONLY (comma list of phases above),
// BENCH_SQL_STATS=1 (per-statement SQL timing counters; they add overhead, so figures drop),
// BENCH_WHATIF=0 (skip the what-if run with process.env copied into a plain object),
// BENCH_JSON=path (also write the raw figures there).
//
// Profile: npm exec -c 'node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/executor.ts'
//          npx tsx bench/profile-summary.ts /tmp/prof/<largest>.cpuprofile
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { eventType, Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/next";
import type pg from "pg";
import { z } from "zod";
import { handleExecutorApi } from "@/lib/executor/api";
import { embeddedKeys, inngestClientOptions, type EmbeddedConnection } from "@/lib/executor/client-options";
import { catalogOf } from "@/lib/executor/event-catalog";
import { EmbeddedExecutor } from "@/lib/executor/executor";
import { createExecutorPool } from "@/lib/executor/pool";
import { invocationBody, signRequest } from "@/lib/executor/protocol";
import { snapshotProcessEnv } from "@/lib/executor/process-env";
import { inProcessTransport, type Transport } from "@/lib/executor/transport";
import { createTestDatabase } from "@/scripts/db/test-database";
import { cpuSample, cpuSince, installSqlCounters, summary, takeSqlStats, type Summary } from "./measure";

const runsPerSetting = Number(process.env.BENCH_RUNS ?? 5000);
const batchEventCount = Number(process.env.BENCH_BATCH_EVENTS ?? 100_000);
const altConcurrency = Number(process.env.BENCH_ALT_CONCURRENCY ?? 200);
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",").map((s) => s.trim())) : null;
const sqlStats = process.env.BENCH_SQL_STATS === "1";
const phaseEnabled = (name: string) => !only || only.has(name);

const targets = { stepsPerSecond: 1000, acceptedEventsPerSecond: 20_000, firstStepP50Ms: 10, firstStepP99Ms: 50 };

const keys = embeddedKeys("bench-executor-secret");
const serveUrl = "http://app.bench/api/inngest";
const quietLogger = { info() {}, warn() {}, error() {}, debug() {} };
const now = () => performance.now();
/** performance.now() is relative to timeOrigin; this turns a Date.now()-style epoch into it. */
const fromEpoch = (epochMs: number) => epochMs - performance.timeOrigin;
const rssMb = () => process.memoryUsage().rss / 2 ** 20;

/** Event-loop delay over a phase: how long a ready callback waited for the (single) JS thread. */
function loopDelay() {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  return () => {
    histogram.disable();
    return { p50: histogram.percentile(50) / 1e6, p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 };
  };
}

// ─── The function under test, and what its steps record ─────────────────────────────────

/** Per-phase records, indexed by the event's `i`: when each step started and how often it ran. */
type Tape = { s1: Float64Array; s2: Float64Array; c1: Uint8Array; c2: Uint8Array };
const tapes = new Map<string, Tape>();
function tapeFor(tag: string, n: number): Tape {
  const tape = { s1: new Float64Array(n).fill(Number.NaN), s2: new Float64Array(n).fill(Number.NaN), c1: new Uint8Array(n), c2: new Uint8Array(n) };
  tapes.set(tag, tape);
  return tape;
}

type StepTool = { run: (id: string, fn: () => number) => Promise<unknown> };

/** The 2-step body, shared verbatim by the baseline and the Inngest function. */
async function twoStepBody(data: { tag: string; i: number }, step: StepTool) {
  const tape = tapes.get(data.tag)!;
  const a = (await step.run("s1", () => {
    tape.s1[data.i] = now();
    tape.c1[data.i]!++;
    return data.i + 1;
  })) as number;
  const b = (await step.run("s2", () => {
    tape.s2[data.i] = now();
    tape.c2[data.i]!++;
    return a * 2;
  })) as number;
  return { a, b };
}

const twoSteps = eventType("bench/two-steps", { schema: z.object({ tag: z.string(), i: z.number().int() }) });
const batched = eventType("bench/batched", { schema: z.object({ i: z.number().int() }) });
const catalog = catalogOf([twoSteps, batched]);

let batchSeen = new Uint16Array(0);
let batchSeenTotal = 0;
let batchSizes: number[] = [];

// ─── Wiring: database, client, serve() handler, executor ────────────────────────────────

type Bench = {
  database: Awaited<ReturnType<typeof createTestDatabase>>;
  apiPool: pg.Pool;
  observer: pg.Pool;
  client: Inngest.Any;
  transport: Transport;
  invokeMs: number[];
};

function wire(databaseUrl: string): Omit<Bench, "database"> {
  const apiPool = createExecutorPool(databaseUrl, 8);
  const connection: EmbeddedConnection = { ...keys, api: (request) => handleExecutorApi(request, { ...keys, pool: apiPool, catalog }) };
  const client = new Inngest(inngestClientOptions({ id: "bench", logger: quietLogger }, () => connection));
  const functions: InngestFunction.Any[] = [
    client.createFunction({ id: "two-steps", triggers: [twoSteps] }, async ({ event, step }) => twoStepBody(event.data, step as unknown as StepTool)),
    client.createFunction({ id: "batched", triggers: [batched], batchEvents: { maxSize: 100, timeout: "1s" } }, async ({ events, step }) => {
      return step.run("record", () => {
        for (const e of events) {
          batchSeen[e.data.i]!++;
          batchSeenTotal++;
        }
        batchSizes.push(events.length);
        return events.length;
      });
    }),
  ];
  const inner = inProcessTransport(serve({ client, functions }));
  const invokeMs: number[] = [];
  // Times the SDK's serve() handler per invocation (request parse, signature check, the
  // function's replay and its signed answer), so the executor's own share can be told apart.
  // Under load this includes waiting for the event loop, which every run in flight shares.
  const transport: Transport = {
    ...inner,
    invoke: async (url, body, headers) => {
      const started = now();
      const response = await inner.invoke(url, body, headers);
      invokeMs.push(now() - started); // the adapter answers with the whole body in hand
      return response;
    },
  };
  return { apiPool, observer: createExecutorPool(databaseUrl, 2), client, transport, invokeMs };
}

async function startExecutor(bench: Bench, concurrency?: number): Promise<EmbeddedExecutor> {
  const executor = new EmbeddedExecutor({
    databaseUrl: bench.database.url,
    transport: bench.transport,
    serveUrl,
    signingKey: keys.signingKey,
    ...(concurrency === undefined ? {} : { concurrency }),
    log: (m) => executorLog.push(m),
  });
  await executor.start();
  return executor;
}
const executorLog: string[] = [];

const fnId = (id: string) => `bench-${id}`;

async function endedRuns(observer: pg.Pool, functionId: string): Promise<{ ended: number; failed: number }> {
  const { rows } = await observer.query<{ ended: number; failed: number }>(
    `SELECT count(*) FILTER (WHERE status IN ('COMPLETED', 'FAILED'))::int AS ended, count(*) FILTER (WHERE status = 'FAILED')::int AS failed
       FROM executor_run WHERE function_id = $1`,
    [functionId],
  );
  return rows[0]!;
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const until = now() + timeoutMs;
  while (now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return false;
}

type RunTimes = { created: number; started: number; ended: number; status: string };

/** The runs of one tagged phase, with their database timestamps moved onto performance.now(). */
async function runsOfTag(observer: pg.Pool, tag: string): Promise<RunTimes[]> {
  const { rows } = await observer.query<{ created: string; started: string | null; ended: string | null; status: string }>(
    `SELECT extract(epoch FROM r.created_at) * 1000 AS created, extract(epoch FROM r.started_at) * 1000 AS started,
            extract(epoch FROM r.ended_at) * 1000 AS ended, r.status
       FROM executor_run r JOIN "OutboxEvent" e ON e.id = r.event_ids[1]
      WHERE r.function_id = $1 AND e.data->>'tag' = $2`,
    [fnId("two-steps"), tag],
  );
  return rows.map((r) => ({
    created: fromEpoch(Number(r.created)),
    started: r.started === null ? Number.NaN : fromEpoch(Number(r.started)),
    ended: r.ended === null ? Number.NaN : fromEpoch(Number(r.ended)),
    status: r.status,
  }));
}

// ─── Phases ─────────────────────────────────────────────────────────────────────────────

async function baselinePhase() {
  const n = Math.max(runsPerSetting, 5000) * 10;
  const tag = "baseline";
  tapeFor(tag, n);
  const step: StepTool = { run: async (_id, fn) => fn() };
  for (let i = 0; i < 1000; i++) await twoStepBody({ tag, i }, step); // warm-up
  const started = now();
  for (let i = 0; i < n; i++) await twoStepBody({ tag, i }, step);
  const ms = now() - started;
  const tape = tapes.get(tag)!;
  const gaps = Array.from({ length: n }, (_, i) => tape.s2[i]! - tape.s1[i]!);
  tapes.delete(tag);
  return { runs: n, ms, runsPerSecond: (n / ms) * 1000, stepsPerSecond: ((2 * n) / ms) * 1000, stepGapMs: summary(gaps) };
}

/**
 * The SDK's serve() handler alone, no database: signed invocations of the two-step function's
 * first request (no memoised steps: the SDK runs s1 and answers 206), 50 at a time. Its CPU
 * cost per invocation bounds what any executor can drive through serve() in one process.
 * Three variants, side by side: as the executor calls it today; without `version` in body and
 * header (the SDK then decides, and picks the same V2); and that with process.env copied into
 * a plain object (the SDK scans process.env several times per request).
 */
async function sdkOnlyPhase(bench: Bench) {
  const n = 2000;
  const tag = "sdk-only";
  tapeFor(tag, n);
  const url = new URL(serveUrl);
  url.searchParams.set("fnId", fnId("two-steps"));
  url.searchParams.set("stepId", "step");
  const invoke = async (i: number, withVersion: boolean) => {
    const event = { id: `evt_${i}`, name: "bench/two-steps", data: { tag, i }, ts: Date.now() };
    const body: ReturnType<typeof invocationBody> & { version?: number } = invocationBody({ id: `run_${i}`, attempt: 0, maxAttempts: 4 }, [event], new Map(), []);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (withVersion) {
      // How the executor called it before: an explicit request version 2.
      headers["x-inngest-req-version"] = "2";
      body.version = 2;
    }
    headers["x-inngest-signature"] = signRequest(body, keys.signingKey);
    const response = await bench.transport.invoke(url.href, JSON.stringify(body), headers);
    if (response.status !== 206) throw new Error(`SDK answered ${response.status}: ${await response.text()}`);
    await response.text();
  };
  const measure = async (withVersion: boolean) => {
    let next = 0;
    const drive = async () => {
      while (next < n) await invoke(next++, withVersion);
    };
    for (let i = 0; i < 200; i++) await invoke(i, withVersion); // warm-up
    const cpu = cpuSample();
    const started = now();
    await Promise.all(Array.from({ length: 50 }, drive));
    const elapsed = now() - started;
    const cpuUse = cpuSince(cpu);
    return { invocations: n, invocationsPerSecond: (n / elapsed) * 1000, cpuMsPerInvocation: (cpuUse.nodeCores * elapsed) / n };
  };
  const envVars = Object.keys(process.env).length;
  await measure(true); // JIT warm-up of the whole path
  const asToday = await measure(true);
  const noVersion = await measure(false);
  const original = process.env;
  process.env = { ...original };
  let plainEnv;
  try {
    plainEnv = await measure(false);
  } finally {
    process.env = original;
  }
  tapes.delete(tag);
  return { envVars, asToday, noVersion, noVersionPlainEnv: plainEnv };
}

async function sendTwoStepEvents(bench: Bench, tag: string, n: number, chunk: number) {
  const sendMs: number[] = [];
  for (let from = 0; from < n; from += chunk) {
    const events = Array.from({ length: Math.min(chunk, n - from) }, (_, k) => ({ name: "bench/two-steps" as const, data: { tag, i: from + k } }));
    const started = now();
    await bench.client.send(events);
    sendMs.push(now() - started);
  }
  return sendMs;
}

async function twoStepPhase(bench: Bench, label: string, concurrency: number | undefined, n: number, expectedEndedBefore: number, plainEnv = false) {
  const tag = label;
  const tape = tapeFor(tag, n);
  // As `npm start` runs it: the SDK scans process.env on every call; a snapshot makes that cheap.
  const restore = plainEnv ? snapshotProcessEnv() : () => {};
  try {
    return await twoStepRuns(bench, label, tag, tape, concurrency, n, expectedEndedBefore, plainEnv);
  } finally {
    restore();
  }
}

async function twoStepRuns(bench: Bench, label: string, tag: string, tape: Tape, concurrency: number | undefined, n: number, expectedEndedBefore: number, plainEnv: boolean) {
  const executor = await startExecutor(bench, concurrency);
  bench.invokeMs.length = 0;
  takeSqlStats();
  const rssBefore = rssMb();
  const cpu = cpuSample();
  const loop = loopDelay();
  const started = now();
  const chunk = 500;
  const sendMs = await sendTwoStepEvents(bench, tag, n, chunk);
  const sentAt = now();
  let ended = 0;
  const done = await waitFor(async () => {
    ended = (await endedRuns(bench.observer, fnId("two-steps"))).ended - expectedEndedBefore;
    return ended >= n;
  }, 120_000);
  const cpuUse = cpuSince(cpu);
  const eventLoopDelayMs = loop();
  const invocations = bench.invokeMs.length;
  const invoke = summary(bench.invokeMs);
  const sql = sqlStats ? takeSqlStats() : null;
  await executor.stop();

  const runs = await runsOfTag(bench.observer, tag);
  const lastEnded = Math.max(...runs.map((r) => r.ended).filter((x) => !Number.isNaN(x)));
  const elapsedMs = lastEnded - started;
  const stepGap: number[] = [];
  let duplicates = 0;
  let missing = 0;
  for (let i = 0; i < n; i++) {
    if (tape.c1[i]! > 1 || tape.c2[i]! > 1) duplicates++;
    if (tape.c1[i] === 0 || tape.c2[i] === 0) missing++;
    else stepGap.push(tape.s2[i]! - tape.s1[i]!);
  }
  const failed = runs.filter((r) => r.status === "FAILED").length;
  return {
    label,
    concurrency: concurrency ?? "default (100)",
    plainEnv,
    runs: n,
    completed: done,
    endedRuns: ended,
    failed,
    sendChunk: chunk,
    sendMs: { total: sentAt - started, perChunk: summary(sendMs) },
    elapsedMs,
    runsPerSecond: (n / elapsedMs) * 1000,
    stepsPerSecond: ((2 * n) / elapsedMs) * 1000,
    sdkInvocations: invocations,
    invocationsPerRun: invocations / n,
    sdkHandlerMs: invoke,
    /** s1 start → s2 start: one step's round trip through the executor (the step work itself is ~0). */
    stepGapMs: summary(stepGap),
    /** Run leased (started_at) → run recorded complete (ended_at), from the database (ms precision). */
    runActiveMs: summary(runs.map((r) => r.ended - r.started)),
    /** Run created → ended: includes waiting for a free slot under the concurrency limit. */
    runTotalMs: summary(runs.map((r) => r.ended - r.created)),
    duplicates,
    missing,
    cpu: cpuUse,
    eventLoopDelayMs,
    rssMb: { before: rssBefore, after: rssMb() },
    sql,
  };
}

async function steadyPhase(bench: Bench, expectedEndedBefore: number, tag: string, rate: number, seconds: number) {
  const n = rate * seconds;
  const tape = tapeFor(tag, n);
  const executor = await startExecutor(bench);
  // Let the fresh executor settle (sync, first queries) before the clock starts.
  await new Promise((r) => setTimeout(r, 300));
  bench.invokeMs.length = 0;
  takeSqlStats();
  const sentAt = new Float64Array(n);
  const acceptMs = new Float64Array(n);
  const pending: Promise<unknown>[] = [];
  const cpu = cpuSample();
  const loop = loopDelay();
  const t0 = now();
  for (let i = 0; i < n; i++) {
    const due = t0 + i * (1000 / rate);
    const wait = due - now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    else await new Promise((r) => setImmediate(r));
    sentAt[i] = now();
    pending.push(
      bench.client.send({ name: "bench/two-steps", data: { tag, i } }).then(() => {
        acceptMs[i] = now() - sentAt[i]!;
      }),
    );
  }
  const sendSpan = now() - t0;
  await Promise.all(pending);
  await waitFor(async () => (await endedRuns(bench.observer, fnId("two-steps"))).ended - expectedEndedBefore >= n, 30_000);
  const cpuUse = cpuSince(cpu);
  const eventLoopDelayMs = loop();
  const sql = sqlStats ? takeSqlStats() : null;
  const invoke = summary(bench.invokeMs);
  await executor.stop();
  const runs = await runsOfTag(bench.observer, tag);
  const firstStep: number[] = [];
  const stepGap: number[] = [];
  let missing = 0;
  let duplicates = 0;
  for (let i = 0; i < n; i++) {
    if (tape.c1[i] === 0) missing++;
    else firstStep.push(tape.s1[i]! - sentAt[i]!);
    if (tape.c1[i]! > 0 && tape.c2[i]! > 0) stepGap.push(tape.s2[i]! - tape.s1[i]!);
    if (tape.c1[i]! > 1 || tape.c2[i]! > 1) duplicates++;
  }
  return {
    events: n,
    ratePerSecond: rate,
    achievedRatePerSecond: (n / sendSpan) * 1000,
    eventToFirstStepMs: summary(firstStep),
    sendAcceptMs: summary(acceptMs),
    stepGapMs: summary(stepGap),
    /** Event stored (run created_at) → run ended_at, from the database. */
    eventToRunEndMs: summary(runs.map((r) => r.ended - r.created)),
    sdkHandlerMs: invoke,
    missing,
    duplicates,
    cpu: cpuUse,
    eventLoopDelayMs,
    sql,
  };
}

async function batchPhase(bench: Bench) {
  const n = batchEventCount;
  const chunk = 1000;
  batchSeen = new Uint16Array(n);
  batchSeenTotal = 0;
  batchSizes = [];
  const executor = await startExecutor(bench);
  bench.invokeMs.length = 0;
  takeSqlStats();
  const rssBefore = rssMb();
  const cpu = cpuSample();
  const loop = loopDelay();
  const started = now();
  const chunkMs: number[] = [];
  for (let from = 0; from < n; from += chunk) {
    const events = Array.from({ length: Math.min(chunk, n - from) }, (_, k) => ({ name: "bench/batched" as const, data: { i: from + k } }));
    const t = now();
    await bench.client.send(events);
    chunkMs.push(now() - t);
  }
  const sendMs = now() - started;
  const acceptCpu = cpuSince(cpu);
  const expectedRuns = Math.ceil(n / 100);
  let endedAll = false;
  await waitFor(async () => {
    if (batchSeenTotal < n) return false;
    const { ended } = await endedRuns(bench.observer, fnId("batched"));
    endedAll = ended >= expectedRuns;
    return endedAll;
  }, 120_000);
  const endToEndMs = now() - started;
  const cpuUse = cpuSince(cpu);
  const eventLoopDelayMs = loop();
  const sql = sqlStats ? takeSqlStats() : null;
  const invoke = summary(bench.invokeMs);
  await executor.stop();
  let missing = 0;
  let duplicates = 0;
  for (let i = 0; i < n; i++) {
    if (batchSeen[i] === 0) missing++;
    else if (batchSeen[i]! > 1) duplicates++;
  }
  const { rows } = await bench.observer.query<{ runs: number; events: number; distinct: number; completed: number }>(
    `SELECT count(DISTINCT r.id)::int AS runs, count(x)::int AS events, count(DISTINCT x)::int AS distinct,
            count(DISTINCT r.id) FILTER (WHERE r.status = 'COMPLETED')::int AS completed
       FROM executor_run r, unnest(r.event_ids) AS x WHERE r.function_id = $1`,
    [fnId("batched")],
  );
  return {
    events: n,
    sendChunk: chunk,
    sendMs,
    acceptedEventsPerSecond: (n / sendMs) * 1000,
    chunkSendMs: summary(chunkMs),
    endToEndMs,
    endToEndEventsPerSecond: (n / endToEndMs) * 1000,
    allRunsEnded: endedAll,
    batchSizes: summary(batchSizes),
    inMemory: { missing, duplicates, seen: batchSeenTotal },
    database: rows[0],
    exactlyOnce: missing === 0 && duplicates === 0 && rows[0]!.events === n && rows[0]!.distinct === n,
    sdkHandlerMs: invoke,
    cpuWhileSending: acceptCpu,
    cpu: cpuUse,
    eventLoopDelayMs,
    rssMb: { before: rssBefore, after: rssMb() },
    sql,
  };
}

// ─── Report ─────────────────────────────────────────────────────────────────────────────

const fmt = (x: number | undefined, digits = 1) =>
  x === undefined || Number.isNaN(x) ? "n/a" : x >= 1000 ? Math.round(x).toLocaleString("en-US") : x.toFixed(digits);
const ms = (s: Summary) => `p50 ${fmt(s.p50, 2)} / p99 ${fmt(s.p99, 2)} ms`;
const mark = (ok: boolean) => (ok ? "yes" : "NO");
const cpuText = (c: { nodeCores: number; postgresCores: number | null; otherCores: number | null }) =>
  [c.nodeCores, c.postgresCores, c.otherCores].map((x) => fmt(x ?? Number.NaN, 2)).join(" / ");

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

function printSql(title: string, sql: ReturnType<typeof takeSqlStats> | null | undefined) {
  if (!sql) return;
  console.log(`\nSQL (client-side round trips) — ${title}; pool.connect waits: ${sql.poolConnect.count} × mean ${fmt(sql.poolConnect.totalMs / Math.max(1, sql.poolConnect.count), 2)} ms`);
  console.log(
    table([
      ["statement", "calls", "total ms", "mean ms", "max ms", "rows"],
      ...sql.statements.slice(0, 14).map((s) => [s.sql.slice(0, 90), String(s.count), fmt(s.totalMs, 0), fmt(s.meanMs, 2), fmt(s.maxMs, 1), String(s.rows)]),
    ]),
  );
}

async function main() {
  if (sqlStats) installSqlCounters();
  const rssStart = rssMb();
  const loadAtStart = loadavg()[0]!;
  const benchStarted = now();
  const database = await createTestDatabase("bench_executor");
  const bench: Bench = { database, ...wire(database.url) };
  const results: Record<string, unknown> = { runsPerSetting, batchEventCount, altConcurrency, node: process.version, cpus: cpus().length, loadAverageAtStart: loadAtStart, envVars: Object.keys(process.env).length };
  try {
    if (phaseEnabled("baseline")) results.baseline = await baselinePhase();
    if (phaseEnabled("sdk")) results.sdkOnly = await sdkOnlyPhase(bench);
    let ended = 0;
    if (phaseEnabled("two-step")) {
      // Warm-up: JIT, pools, the SDK's first requests; not measured.
      const warm = await twoStepPhase(bench, "warmup", undefined, 300, ended);
      ended += warm.runs;
      const def = await twoStepPhase(bench, "two-step-default", undefined, runsPerSetting, ended);
      ended += def.runs;
      results.twoStepDefault = def;
      const alt = await twoStepPhase(bench, `two-step-c${altConcurrency}`, altConcurrency, runsPerSetting, ended);
      ended += alt.runs;
      results.twoStepAlt = alt;
      if (process.env.BENCH_WHATIF !== "0") {
        const whatIf = await twoStepPhase(bench, "two-step-plain-env", undefined, runsPerSetting, ended, true);
        ended += whatIf.runs;
        results.twoStepPlainEnv = whatIf;
      }
    }
    if (phaseEnabled("steady")) {
      // The path's floor first, with the process mostly idle; then the target's 100 events/s.
      const floor = await steadyPhase(bench, ended, "steady-20", 20, 2.5);
      ended += floor.events;
      results.steadyFloor = floor;
      const steady = await steadyPhase(bench, ended, "steady-100", 100, 10);
      ended += steady.events;
      results.steady = steady;
    }
    if (phaseEnabled("batch")) results.batch = await batchPhase(bench);
  } finally {
    await bench.apiPool.end().catch(() => {});
    await bench.observer.end().catch(() => {});
    await database.drop().catch((e) => console.error(`Could not drop the bench database: ${(e as Error).message}`));
  }
  results.rssMb = { start: rssStart, end: rssMb() };
  results.totalSeconds = (now() - benchStarted) / 1000;
  results.executorLog = executorLog.slice(0, 20);

  const b = results.baseline as Awaited<ReturnType<typeof baselinePhase>> | undefined;
  const k = results.sdkOnly as Awaited<ReturnType<typeof sdkOnlyPhase>> | undefined;
  const d = results.twoStepDefault as Awaited<ReturnType<typeof twoStepPhase>> | undefined;
  const a = results.twoStepAlt as Awaited<ReturnType<typeof twoStepPhase>> | undefined;
  const w = results.twoStepPlainEnv as Awaited<ReturnType<typeof twoStepPhase>> | undefined;
  const s = results.steady as Awaited<ReturnType<typeof steadyPhase>> | undefined;
  const f = results.steadyFloor as Awaited<ReturnType<typeof steadyPhase>> | undefined;
  const t = results.batch as Awaited<ReturnType<typeof batchPhase>> | undefined;
  const rows: string[][] = [["measure", "figure", "target", "met"]];
  if (b) rows.push([`baseline: plain async 2-step body (${fmt(b.runs, 0)} calls)`, `${fmt(b.runsPerSecond)} runs/s (${fmt(b.stepsPerSecond)} steps/s)`, "", ""]);
  if (k) {
    const v = (x: { invocationsPerSecond: number; cpuMsPerInvocation: number }) => `${fmt(x.invocationsPerSecond)} invocations/s, ${fmt(x.cpuMsPerInvocation, 2)} ms CPU each`;
    rows.push([`SDK serve() alone, no database, 50 at a time (${k.envVars} env vars)`, "", "", ""]);
    rows.push([`  with an explicit version 2 (before)`, v(k.asToday), "", ""]);
    rows.push([`  as the executor calls it (SDK picks V2)`, v(k.noVersion), "", ""]);
    rows.push([`  … and process.env as a plain object`, v(k.noVersionPlainEnv), "", ""]);
  }
  for (const r of [d, a, w]) {
    if (!r) continue;
    const name = r.plainEnv ? `as the app runs it (process.env snapshot), concurrency ${r.concurrency}` : `executor, concurrency ${r.concurrency}`;
    rows.push([`${name}: ${fmt(r.runs, 0)} runs`, `${fmt(r.runsPerSecond)} runs/s in ${fmt(r.elapsedMs / 1000, 2)} s${r.completed ? "" : " (INCOMPLETE)"}`, "", ""]);
    rows.push([`  step executions/s`, fmt(r.stepsPerSecond), `≥ ${fmt(targets.stepsPerSecond)}`, mark(r.stepsPerSecond >= targets.stepsPerSecond)]);
    rows.push([`  added latency per step (s1→s2 start)`, ms(r.stepGapMs), "", ""]);
    rows.push([`  run active time (leased→ended) / 2 steps`, `p50 ${fmt(r.runActiveMs.p50 / 2, 2)} / p99 ${fmt(r.runActiveMs.p99 / 2, 2)} ms`, "", ""]);
    rows.push([`  SDK serve() time per invocation (${fmt(r.invocationsPerRun, 2)}/run)`, ms(r.sdkHandlerMs), "", ""]);
    rows.push([`  CPU cores: bench / postgres / other procs`, cpuText(r.cpu), "", ""]);
    rows.push([`  event-loop delay`, `p50 ${fmt(r.eventLoopDelayMs.p50, 2)} / p99 ${fmt(r.eventLoopDelayMs.p99, 2)} ms`, "", ""]);
    rows.push([`  each step exactly once`, `${r.duplicates} dup, ${r.missing} missing, ${r.failed} failed`, "0 / 0 / 0", mark(r.duplicates === 0 && r.missing === 0 && r.failed === 0)]);
  }
  if (f) {
    rows.push([`light load: ${f.ratePerSecond} events/s × ${f.events / f.ratePerSecond} s`, "", "", ""]);
    rows.push([`  event → first step start`, ms(f.eventToFirstStepMs), "", ""]);
    rows.push([`  added latency per step (s1→s2 start)`, ms(f.stepGapMs), "", ""]);
  }
  if (s) {
    rows.push([`steady ${s.ratePerSecond} events/s × ${s.events / s.ratePerSecond} s (${fmt(s.achievedRatePerSecond)}/s achieved)`, "", "", ""]);
    rows.push([`  event → first step start p50`, `${fmt(s.eventToFirstStepMs.p50, 2)} ms`, `≤ ${targets.firstStepP50Ms} ms`, mark(s.eventToFirstStepMs.p50 <= targets.firstStepP50Ms)]);
    rows.push([`  event → first step start p99`, `${fmt(s.eventToFirstStepMs.p99, 2)} ms`, `≤ ${targets.firstStepP99Ms} ms`, mark(s.eventToFirstStepMs.p99 <= targets.firstStepP99Ms)]);
    rows.push([`  client.send accepted`, ms(s.sendAcceptMs), "", ""]);
    rows.push([`  added latency per step (s1→s2 start)`, ms(s.stepGapMs), "", ""]);
    rows.push([`  CPU cores: bench / postgres / other procs`, cpuText(s.cpu), "", ""]);
    rows.push([`  event-loop delay`, `p50 ${fmt(s.eventLoopDelayMs.p50, 2)} / p99 ${fmt(s.eventLoopDelayMs.p99, 2)} ms`, "", ""]);
  }
  if (t) {
    rows.push([`batchEvents (maxSize 100, 1s): ${fmt(t.events, 0)} events, send chunks of ${t.sendChunk}`, "", "", ""]);
    rows.push([`  accepted events/s (client.send)`, `${fmt(t.acceptedEventsPerSecond)} in ${fmt(t.sendMs / 1000, 2)} s`, `≥ ${fmt(targets.acceptedEventsPerSecond)}`, mark(t.acceptedEventsPerSecond >= targets.acceptedEventsPerSecond)]);
    rows.push([`  end-to-end events/s (all batch runs done)`, `${fmt(t.endToEndEventsPerSecond)} in ${fmt(t.endToEndMs / 1000, 2)} s`, "", ""]);
    rows.push([`  every event seen exactly once`, `${t.database?.runs} runs, ${t.inMemory.missing} missing, ${t.inMemory.duplicates} dup`, "exactly once", mark(t.exactlyOnce)]);
    rows.push([`  CPU while sending: bench / pg / other`, cpuText(t.cpuWhileSending), "", ""]);
    rows.push([`  CPU whole phase: bench / pg / other`, cpuText(t.cpu), "", ""]);
  }
  const rss = results.rssMb as { start: number; end: number };
  rows.push([`process RSS before / after`, `${fmt(rss.start, 0)} MB / ${fmt(rss.end, 0)} MB`, "", ""]);
  rows.push([`total bench time`, `${fmt(results.totalSeconds as number, 1)} s`, "", ""]);

  console.log(
    `\nEmbedded executor benchmark — node ${process.version}, ${results.cpus} CPUs (1-min load ${fmt(loadAtStart, 2)} at start), PostgreSQL on ${new URL(database.url).host}, ${results.envVars} env vars\n`,
  );
  console.log(table(rows));
  printSql("two-step, default concurrency", d?.sql);
  printSql(`two-step, concurrency ${altConcurrency}`, a?.sql);
  printSql("two-step, plain process.env", w?.sql);
  printSql("light load 20 events/s", f?.sql);
  printSql("steady 100 events/s", s?.sql);
  printSql("batchEvents", t?.sql);
  const raw = JSON.stringify(results, (key, value) => (key === "sql" ? undefined : value), 2);
  console.log(`\nRaw figures (JSON):\n${raw}`);
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
