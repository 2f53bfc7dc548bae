// `npm run bench:delivery`: how fast webhook deliveries go out, measured side by side in one run
// against a local keep-alive receiver, on a fresh PostgreSQL database dropped at the end.
//
//   raw      (a) the ceiling: a plain undici request() POST loop, the same bytes (body and
//            headers), the same 30 requests in flight (3 webhooks × 10) through keep-alive
//            connection pools. The core posts through undici's lower-level dispatch API, about
//            half request()'s CPU per request, which is why (b′) comes close to (a).
//   signed   (b′) where (b)'s time goes: the core's request half alone, headers signed and
//            attemptDelivery (policy, deadline, capped read) per delivery, same 30 lanes, no
//            database: (b′) − (b) is the recording's share
//   core     (b) the delivery core alone: deliverFirstAttempts (sign + POST + record), what
//            fan-out's step runs once the deliveries exist, on deliveries created beforehand
//            with createDeliveries, all in one call so 30 are in flight throughout, as in (a);
//            no executor
//   e2e      (c) end to end: notification events written to the outbox (writeEvents, 100 per
//            transaction) → embedded executor → fan-out function → receiver, until every
//            delivery is SUCCEEDED in the database
//   steady   100 events/s, one outbox transaction per event: event → first attempt latency
//            (from just before the event's transaction to the receiver seeing the request)
//
// (a), (b′) and (b) run back to back in rounds (BENCH_ROUNDS, default 3), and the round with the
// median b / a is reported: this machine's speed drifts by tens of per cent within minutes, so a
// ratio of phases run far apart measures the drift. Between rounds and the later phases the
// database is vacuumed and analysed (tidyUp), so each phase measures itself rather than the
// previous one's aftermath.
//
// The receiver (200 "ok", one port per webhook so each has its own connection pool as three
// receivers would; see runReceiver) runs in a child process: in this process its request
// parsing would take turns with the code under test on one event loop, lowering every figure
// and adding queueing to the latencies. The two processes share the wall clock (performance.timeOrigin +
// performance.now(), sub-millisecond) for the latency.
//
// Env: BENCH_RECEIVER=node-http (the receiver on node:http instead of node:net, see runReceiver),
// BENCH_RAW_REQUESTS (default 20000), BENCH_CORE_EVENTS (default 3000), BENCH_E2E_EVENTS
// (default 5000), BENCH_STEADY_SECONDS (default 10), BENCH_ONLY (comma list of the phases
// above; raw always runs, the ratios need it), BENCH_SQL_STATS=1 (per-statement SQL timing
// counters; they add overhead, so figures drop), BENCH_PROFILE=dir (a CPU profile of this
// process per measured phase, written there as <phase>.cpuprofile; summarise one with
// `npx tsx bench/profile-summary.ts dir/core.cpuprofile`).
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Session } from "node:inspector/promises";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { cpus, loadavg } from "node:os";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Agent, request } from "undici";
import type { ActiveWebhook, WaitingDelivery } from "@/lib/webhooks/create-deliveries";
import { createTestDatabase } from "@/scripts/db/test-database";
import { cpuSample, cpuSince, installSqlCounters, summary, takeSqlStats, type Summary } from "./measure";

const webhookCount = 3;
/** (a) runs at what the core runs at: perWebhookConcurrency (10) per webhook. */
const inFlight = 10 * webhookCount;
const rawRequests = Number(process.env.BENCH_RAW_REQUESTS ?? 20_000);
const coreEvents = Number(process.env.BENCH_CORE_EVENTS ?? 3000);
const e2eEvents = Number(process.env.BENCH_E2E_EVENTS ?? 5000);
const steadySeconds = Number(process.env.BENCH_STEADY_SECONDS ?? 10);
const steadyRate = 100;
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",").map((s) => s.trim())) : null;
const phaseEnabled = (name: string) => !only || only.has(name);
const sqlStats = process.env.BENCH_SQL_STATS === "1";
const profileDir = process.env.BENCH_PROFILE;

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
type Round = { raw: Awaited<ReturnType<typeof rawPhase>>; signed?: Awaited<ReturnType<typeof signedPhase>>; core?: Awaited<ReturnType<typeof corePhase>> };
const coreShare = (r: Round) => (r.core ? r.core.perSecond / r.raw.perSecond : 0);
const targets = { coreShareOfRaw: 0.5, e2ePerSecond: 2000, latencyP50Ms: 20, latencyP99Ms: 100 };

/** Wall-clock time in ms, sub-millisecond, comparable between processes on this machine. */
const epochNow = () => performance.timeOrigin + performance.now();

/** Starts measuring a phase: CPU profile (BENCH_PROFILE) and SQL counters reset; call the result to stop. */
async function measuring(phase: string) {
  takeSqlStats();
  let session: Session | null = null;
  if (profileDir) {
    session = new Session();
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  const started = cpuSample();
  // How long a ready callback waited for this process's one JS thread: queueing in every figure.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  return async () => {
    const cpu = cpuSince(started);
    loop.disable();
    // The histogram's values include its 5 ms sampling interval.
    const loopDelayMs = { p50: Math.max(0, loop.percentile(50) / 1e6 - 5), p99: Math.max(0, loop.percentile(99) / 1e6 - 5) };
    const sql = takeSqlStats();
    if (session) {
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(`${profileDir}/${phase}.cpuprofile`, JSON.stringify(profile));
      session.disconnect();
    }
    return { cpu, sql, loopDelayMs };
  };
}

// ─── The receiver (child process) ───────────────────────────────────────────────────────

type ReceiverCommand = { cmd: "count" } | { cmd: "record"; on: boolean } | { cmd: "arrivals" };
type ReceiverAnswer = { ports: number[] } | { count: number } | { ok: true } | { arrivals: number[] };

/**
 * Answers 200 "ok" on one port per webhook; counts requests and, when asked, notes arrivals.
 * A minimal HTTP/1.1 keep-alive responder on node:net by default: it stands for endpoints on
 * other machines, and whatever CPU it takes here is taken from the code under test on the same
 * two cores. node:http cost ~19 µs of CPU per request (0.6 of a core at (a)'s rate), this ~8 µs;
 * BENCH_RECEIVER=node-http runs the node:http one (the figures of earlier notes).
 */
async function runReceiver() {
  let count = 0;
  let recording = false;
  /** Flat pairs: notification id, arrival time (epoch ms). */
  let arrivals: number[] = [];
  const received = (body: Buffer, arrivedAt: number) => {
    count++;
    if (recording) {
      const id = /"notification_id":(\d+)/.exec(body.toString("utf8"))?.[1];
      if (id) arrivals.push(Number(id), arrivedAt);
    }
  };
  const ports: number[] = [];
  for (let i = 0; i < webhookCount; i++) {
    const server = process.env.BENCH_RECEIVER === "node-http" ? createServer({ keepAliveTimeout: 60_000 }, nodeHttpHandler(received)) : createNetServer(netHandler(received));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    ports.push((server.address() as AddressInfo).port);
  }
  const send = (answer: ReceiverAnswer) => process.send!(answer);
  process.on("message", (message: ReceiverCommand) => {
    if (message.cmd === "count") send({ count });
    else if (message.cmd === "record") {
      recording = message.on;
      send({ ok: true });
    } else {
      send({ arrivals });
      arrivals = [];
    }
  });
  process.on("disconnect", () => process.exit(0));
  send({ ports });
}

type Received = (body: Buffer, arrivedAt: number) => void;
const okResponse = Buffer.from("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok");

/**
 * Reads requests off a keep-alive connection (head up to the blank line, then Content-Length
 * bytes of body, as undici sends a string body) and answers each in order. A request without
 * Content-Length stops the bench rather than being miscounted.
 */
function netHandler(received: Received) {
  return (socket: Socket) => {
    let buffered: Buffer = Buffer.alloc(0);
    let arrivedAt = 0;
    socket.setNoDelay(true); // as node:http does
    socket.on("error", () => {});
    socket.on("data", (chunk: Buffer) => {
      if (buffered.length === 0) arrivedAt = epochNow();
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      for (;;) {
        const headEnd = buffered.indexOf("\r\n\r\n");
        if (headEnd < 0) return;
        const length = /\r\ncontent-length: *(\d+)/i.exec(buffered.subarray(0, headEnd).toString("latin1"))?.[1];
        if (length === undefined) throw new Error("The bench receiver reads bodies by Content-Length; a request came without it");
        const end = headEnd + 4 + Number(length);
        if (buffered.length < end) return;
        received(buffered.subarray(headEnd + 4, end), arrivedAt);
        socket.write(okResponse);
        buffered = buffered.subarray(end);
        if (buffered.length === 0) return;
        arrivedAt = epochNow();
      }
    });
  };
}

function nodeHttpHandler(received: Received) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const arrivedAt = epochNow();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received(Buffer.concat(chunks), arrivedAt);
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  };
}

/** The bench's side of the receiver: one command at a time, answers in order. */
class Receiver {
  private waiting: ((answer: ReceiverAnswer) => void)[] = [];
  private constructor(
    private readonly child: ChildProcess,
    readonly ports: number[],
  ) {
    child.on("message", (answer: ReceiverAnswer) => this.waiting.shift()?.(answer));
  }

  static async start(): Promise<Receiver> {
    const child = fork(fileURLToPath(import.meta.url), ["receiver"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const { ports } = await new Promise<{ ports: number[] }>((resolve, reject) => {
      child.once("message", (m) => resolve(m as { ports: number[] }));
      child.once("exit", (code) => reject(new Error(`The receiver exited (${code}) before listening`)));
    });
    return new Receiver(child, ports);
  }

  private ask<T extends ReceiverAnswer>(command: ReceiverCommand): Promise<T> {
    return new Promise((resolve) => {
      this.waiting.push(resolve as (answer: ReceiverAnswer) => void);
      this.child.send(command);
    });
  }

  async count() {
    return (await this.ask<{ count: number }>({ cmd: "count" })).count;
  }
  async record(on: boolean) {
    await this.ask({ cmd: "record", on });
  }
  /** The arrivals noted since the last call: notification id → arrival times (epoch ms). */
  async arrivals(): Promise<Map<number, number[]>> {
    const flat = (await this.ask<{ arrivals: number[] }>({ cmd: "arrivals" })).arrivals;
    const byId = new Map<number, number[]>();
    for (let i = 0; i < flat.length; i += 2) byId.set(flat[i]!, [...(byId.get(flat[i]!) ?? []), flat[i + 1]!]);
    return byId;
  }
  stop() {
    this.child.disconnect();
  }
}

// ─── The app, loaded against the bench's database ───────────────────────────────────────

async function loadApp(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl;
  process.env.WEBHOOKS_ALLOW_INSECURE_URLS = "1"; // the receiver is http://127.0.0.1
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.APP_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  // The embedded executor is what this measures, whatever the shell has configured.
  for (const name of ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_BASE_URL", "INNGEST_DEV"]) delete process.env[name];
  (globalThis as { prisma?: unknown }).prisma = undefined;
  const [{ db }, { newId }, { makeStore }, { signingKeysFor }, { activeWebhooks, createDeliveries }, deliver, { deliveryHeaders, deliveryUserAgent }, topics, outbox, events, { attemptDelivery }, { deliveryAgent }, { urlPolicyOptions }] =
    await Promise.all([
      import("@/lib/db"),
      import("@/lib/ids"),
      import("@/tests/factories"),
      import("@/lib/api-keys/signing-keys"),
      import("@/lib/webhooks/create-deliveries"),
      import("@/lib/webhooks/deliver"),
      import("@/lib/webhooks/delivery-request"),
      import("@/lib/webhooks/topics"),
      import("@/lib/executor/write-event"),
      import("@/inngest/events"),
      import("@/lib/webhooks/attempt"),
      import("@/lib/webhooks/delivery-agent"),
      import("@/lib/webhooks/webhook-input"),
    ]);
  return { db, newId, makeStore, signingKeysFor, activeWebhooks, createDeliveries, deliver, deliveryHeaders, deliveryUserAgent, topics, outbox, events, attemptDelivery, deliveryAgent, urlPolicyOptions };
}
type App = Awaited<ReturnType<typeof loadApp>>;

async function startExecutor(app: App, databaseUrl: string) {
  const [{ inngestHandler }, { embeddedKeys }, { EmbeddedExecutor }, { inProcessTransport }, { snapshotProcessEnv }] = await Promise.all([
    import("@/inngest/handler"),
    import("@/lib/executor/client-options"),
    import("@/lib/executor/executor"),
    import("@/lib/executor/transport"),
    import("@/lib/executor/process-env"),
  ]);
  snapshotProcessEnv(); // as the app does when it runs the executor in-process
  const executor = new EmbeddedExecutor({
    databaseUrl,
    transport: inProcessTransport(inngestHandler),
    serveUrl: "http://app.bench/api/inngest",
    signingKey: embeddedKeys(process.env.AUTH_SECRET!).signingKey,
    log: (m) => executorLog.push(m),
  });
  await executor.start();
  return executor;
}
const executorLog: string[] = [];

type Fixture = { storeId: string; keys: string[]; urls: string[] };

/** A MEDIUM store (its owner and API key included) with three webhooks on the receiver. */
async function setUpStore(app: App, receiver: Receiver): Promise<Fixture> {
  const { storeId } = await app.makeStore("MEDIUM");
  const topics = ["notification/create", "notification/*", "notification/create"];
  const urls = receiver.ports.map((port, i) => `http://127.0.0.1:${port}/hooks/${i}`);
  for (const [i, url] of urls.entries()) await app.db.webhook.create({ data: { id: app.newId("webhook"), storeId, topic: topics[i]!, url, isActive: true } });
  return { storeId, keys: await app.signingKeysFor(storeId), urls };
}

/** The `notification/create` event of notification `id`: the payload every delivery of it sends. */
function eventData(app: App, storeId: string, id: number) {
  return { storeId, notificationId: String(id), payload: { ...app.topics.examplePayload("notification/create"), notification_id: id } };
}

// Each phase uses its own range of notification ids, so its deliveries are easy to count.
const idRanges = { core: 1_000_000, coreWarmup: 1_500_000, e2e: 2_000_000, e2eWarmup: 2_500_000, steady: 3_000_000 };

async function deliveryCounts(app: App, from: number, n: number) {
  const [row] = await app.db.$queryRaw<{ succeeded: number; other: number; lastCompleted: Date | null }[]>`
    SELECT count(*) FILTER (WHERE status = 'SUCCEEDED')::int AS succeeded,
           count(*) FILTER (WHERE status IN ('RETRYING', 'FAILED'))::int AS other, max("completedAt") AS "lastCompleted"
      FROM "Delivery" WHERE "notificationId" >= ${from} AND "notificationId" < ${from + n}`;
  return row!;
}

async function attemptCount(app: App, from: number, n: number) {
  const [row] = await app.db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "DeliveryAttempt" a JOIN "Delivery" d ON d.id = a."deliveryId"
     WHERE d."notificationId" >= ${from} AND d."notificationId" < ${from + n}`;
  return row!.n;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return false;
}

// ─── Phases ─────────────────────────────────────────────────────────────────────────────

/** (a) The same bytes as a delivery's first attempt, posted in a loop: no signing, no database. */
async function rawPhase(app: App, fixture: Fixture, receiver: Receiver) {
  const body = JSON.stringify(app.topics.notificationPayloadSchema.parse(eventData(app, fixture.storeId, 1).payload));
  const headers = app.deliveryHeaders({
    messageId: app.newId("message"),
    topic: "notification/create",
    attempt: 1,
    body,
    keys: fixture.keys,
    now: new Date(),
    userAgent: app.deliveryUserAgent("http://localhost:3000"),
  });
  const agent = new Agent({ connections: 16, keepAliveTimeout: 30_000 });
  const post = async (url: string) => {
    const response = await request(url, { method: "POST", body, headers, dispatcher: agent });
    await response.body.text();
    if (response.statusCode !== 200) throw new Error(`The receiver answered ${response.statusCode}`);
  };
  const measured = await postInLanes(fixture, receiver, "raw", rawRequests, post);
  await agent.close();
  return measured;
}

/**
 * `n` posts (after 2,000 to warm up connections and the JIT), `inFlight` at a time, the lanes
 * spread over the webhooks' URLs: the loop (a) and (b′) share.
 */
async function postInLanes(fixture: Fixture, receiver: Receiver, phase: string, n: number, post: (url: string) => Promise<void>) {
  const loop = async (count: number) => {
    let next = 0;
    const lane = async (url: string) => {
      while (next++ < count) await post(url);
    };
    await Promise.all(Array.from({ length: inFlight }, (_, i) => lane(fixture.urls[i % webhookCount]!)));
  };
  await loop(2000);
  const before = await receiver.count();
  const stop = await measuring(phase);
  const started = performance.now();
  await loop(n);
  const ms = performance.now() - started;
  const { cpu } = await stop();
  return { requests: n, received: (await receiver.count()) - before, ms, perSecond: (n / ms) * 1000, cpu };
}

/**
 * (b′) The request half of the core, per delivery as deliverFirstAttempts makes it (headers
 * signed for its message id and attempt, attemptDelivery through the delivery agent), on 30
 * lanes as in (a) and (b), with nothing read or written in the database.
 */
async function signedPhase(app: App, fixture: Fixture, receiver: Receiver) {
  const body = JSON.stringify(app.topics.notificationPayloadSchema.parse(eventData(app, fixture.storeId, 1).payload));
  const userAgent = app.deliveryUserAgent("http://localhost:3000");
  const post = async (url: string) => {
    const headers = app.deliveryHeaders({ messageId: app.newId("message"), topic: "notification/create", attempt: 1, body, keys: fixture.keys, now: new Date(), userAgent });
    const result = await app.attemptDelivery(app.deliveryAgent(), app.urlPolicyOptions(), { url, body, headers });
    if (!result.ok) throw new Error(`The receiver answered ${result.status ?? result.errorClass}`);
  };
  return postInLanes(fixture, receiver, "signed", coreEvents * webhookCount, post);
}

/** Deliveries of `n` events from `from` on, created as fan-out creates them, 100 events at a time. */
async function createBatches(app: App, fixture: Fixture, webhooks: ActiveWebhook[], from: number, n: number) {
  const deliveries: WaitingDelivery[] = [];
  for (let start = 0; start < n; start += 100) {
    const events = Array.from({ length: Math.min(100, n - start) }, (_, k) => {
      const id = from + start + k;
      const data = eventData(app, fixture.storeId, id);
      return { id: `evt_bench_${id}`, name: "notification/create" as const, storeId: data.storeId, notificationId: data.notificationId, payload: data.payload };
    });
    deliveries.push(...(await app.createDeliveries(events, webhooks)));
  }
  return deliveries;
}

/**
 * (b)'s deliveries of round `round`, created as fan-out creates them (after a warm-up batch sent
 * in full), so that (b) itself only sends and records.
 */
async function prepareCore(app: App, fixture: Fixture, round: number) {
  const webhooks = await app.activeWebhooks([fixture.storeId]);
  await app.deliver.deliverFirstAttempts(await createBatches(app, fixture, webhooks, idRanges.coreWarmup + round * 300, 300), webhooks);
  const from = idRanges.core + round * coreEvents;
  const deliveries = await createBatches(app, fixture, webhooks, from, coreEvents);
  // As autovacuum does for a growing table in a running system: the statistics learn that
  // Delivery holds these deliveries, and the plans cached for them are made again. Left as
  // tidyUp analysed it (empty), the warm-up's cached plans of the recording statement scan
  // Delivery whole per batch: measured, 1.1 million rows read in the phase instead of 61,000,
  // and 115 instead of 66 µs of PostgreSQL CPU per recorded success. (Not VACUUM: fresh rows
  // are recorded before any vacuum reaches them, so setting their hint bits is the recording's.)
  await app.db.$executeRawUnsafe('ANALYZE "Delivery"');
  return { from, deliveries };
}

/**
 * (b) deliverFirstAttempts (what fan-out's step runs once the deliveries exist) on the prepared
 * deliveries, all in one call: 10 in flight per webhook throughout, as in (a). (Fan-out calls
 * it per batch of 100 events; the gaps between batches are in (c).)
 */
async function corePhase(app: App, fixture: Fixture, receiver: Receiver, { from, deliveries }: Awaited<ReturnType<typeof prepareCore>>) {
  const before = await receiver.count();
  const justRead = await app.activeWebhooks([fixture.storeId]);
  const stop = await measuring("core");
  const started = performance.now();
  await app.deliver.deliverFirstAttempts(deliveries, justRead);
  const ms = performance.now() - started;
  const { cpu, sql } = await stop();
  const counts = await deliveryCounts(app, from, coreEvents);
  return {
    events: coreEvents,
    deliveries: deliveries.length,
    received: (await receiver.count()) - before,
    succeeded: counts.succeeded,
    attempts: await attemptCount(app, from, coreEvents),
    ms,
    perSecond: (deliveries.length / ms) * 1000,
    cpu,
    sql,
  };
}

/** Writes events `from`…`from + n - 1` to the outbox, `perTransaction` to a transaction. */
async function writeEvents(app: App, fixture: Fixture, from: number, n: number, perTransaction: number) {
  for (let start = 0; start < n; start += perTransaction) {
    const events = Array.from({ length: Math.min(perTransaction, n - start) }, (_, k) => ({ data: eventData(app, fixture.storeId, from + start + k) }));
    await app.db.$transaction((tx) => app.outbox.writeEvents(tx, app.events.notificationCreated, events));
  }
}

/** (c) Outbox → executor → fan-out → receiver, until every delivery is recorded SUCCEEDED. */
async function e2ePhase(app: App, fixture: Fixture, receiver: Receiver) {
  await writeEvents(app, fixture, idRanges.e2eWarmup, 300, 100);
  await waitFor(async () => (await deliveryCounts(app, idRanges.e2eWarmup, 300)).succeeded === 300 * webhookCount, 60_000);
  const expected = e2eEvents * webhookCount;
  const before = await receiver.count();
  const stop = await measuring("e2e");
  const startedEpoch = Date.now();
  const started = performance.now();
  await writeEvents(app, fixture, idRanges.e2e, e2eEvents, 100);
  const writtenMs = performance.now() - started;
  let counts = await deliveryCounts(app, idRanges.e2e, e2eEvents);
  const done = await waitFor(async () => {
    counts = await deliveryCounts(app, idRanges.e2e, e2eEvents);
    return counts.succeeded >= expected;
  }, 120_000);
  const { cpu, sql } = await stop();
  // The last delivery's recorded completion, not the poll that noticed it.
  const ms = done && counts.lastCompleted ? counts.lastCompleted.getTime() - startedEpoch : performance.now() - started;
  return {
    events: e2eEvents,
    expected,
    done,
    succeeded: counts.succeeded,
    retryingOrFailed: counts.other,
    received: (await receiver.count()) - before,
    writtenMs,
    ms,
    perSecond: (counts.succeeded / ms) * 1000,
    cpu,
    sql,
  };
}

/** 100 events/s, one outbox transaction each: event → first attempt latency per delivery. */
async function steadyPhase(app: App, fixture: Fixture, receiver: Receiver) {
  const n = steadyRate * steadySeconds;
  const writeStartedAt = new Float64Array(n);
  const writeMs = new Float64Array(n);
  await receiver.record(true);
  const stop = await measuring("steady");
  const t0 = performance.now();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const wait = t0 + i * (1000 / steadyRate) - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    writeStartedAt[i] = epochNow();
    pending.push(
      app.db
        .$transaction((tx) => app.outbox.writeEvent(tx, app.events.notificationCreated, eventData(app, fixture.storeId, idRanges.steady + i)))
        .then(() => (writeMs[i] = epochNow() - writeStartedAt[i]!)),
    );
  }
  const sendSpanMs = performance.now() - t0;
  await Promise.all(pending);
  const done = await waitFor(async () => (await deliveryCounts(app, idRanges.steady, n)).succeeded >= n * webhookCount, 30_000);
  const { cpu, sql, loopDelayMs } = await stop();
  await receiver.record(false);
  const arrivals = await receiver.arrivals();
  const latency: number[] = [];
  let missing = 0;
  let duplicates = 0;
  for (let i = 0; i < n; i++) {
    const times = arrivals.get(idRanges.steady + i) ?? [];
    missing += Math.max(0, webhookCount - times.length);
    duplicates += Math.max(0, times.length - webhookCount);
    for (const t of times) latency.push(t - writeStartedAt[i]!);
  }
  // Where the time went, per event, from the database's timestamps (millisecond precision): the
  // outbox row handed to the executor (sentAt), the fan-out run leased (the batch window and its
  // flush), and from there to the receiver seeing the event's first request.
  const stages = await app.db.$queryRaw<{ nid: bigint; dispatched: number; started: number }[]>`
    SELECT (e.data->>'notificationId')::bigint AS nid, extract(epoch FROM e."sentAt") * 1000 AS dispatched, extract(epoch FROM r.started_at) * 1000 AS started
      FROM "OutboxEvent" e JOIN executor_run r ON e.id = ANY(r.event_ids) AND r.function_id LIKE '%fan-out'
     WHERE e.name = 'notification/create' AND (e.data->>'notificationId')::bigint >= ${idRanges.steady}`;
  const toDispatched: number[] = [];
  const toRunStarted: number[] = [];
  const toFirstRequest: number[] = [];
  for (const stage of stages) {
    const i = Number(stage.nid) - idRanges.steady;
    toDispatched.push(Number(stage.dispatched) - writeStartedAt[i]!);
    toRunStarted.push(Number(stage.started) - Number(stage.dispatched));
    toFirstRequest.push(Math.min(...(arrivals.get(Number(stage.nid)) ?? [Number.NaN])) - Number(stage.started));
  }
  const breakdown = { toDispatched: summary(toDispatched), toRunStarted: summary(toRunStarted), toFirstRequest: summary(toFirstRequest) };
  return { events: n, achievedRate: (n / sendSpanMs) * 1000, done, latency: summary(latency), writeMs: summary(writeMs), breakdown, missing, duplicates, cpu, sql, loopDelayMs };
}

/**
 * PostgreSQL's upkeep of what the previous phase wrote, done before the next one measures: a
 * phase leaves up to ~50,000 new rows in tables that were empty when last analysed, and their
 * autovacuum and stale statistics would otherwise land in the next phase's figures.
 */
async function tidyUp(app: App) {
  await app.db.$executeRawUnsafe("VACUUM (ANALYZE)");
  await app.db.$executeRawUnsafe("CHECKPOINT");
}

// ─── Report ─────────────────────────────────────────────────────────────────────────────

const fmt = (x: number | undefined, digits = 1) =>
  x === undefined || Number.isNaN(x) ? "n/a" : x >= 1000 ? Math.round(x).toLocaleString("en-US") : x.toFixed(digits);
const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const mark = (ok: boolean) => (ok ? "yes" : "NO");
const cpuText = (c: { nodeCores: number; postgresCores: number | null; otherCores: number | null }) =>
  [c.nodeCores, c.postgresCores, c.otherCores].map((x) => fmt(x ?? Number.NaN, 2)).join(" / ");
const ms = (s: Summary) => `p50 ${fmt(s.p50, 2)} / p99 ${fmt(s.p99, 2)} ms`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

function printSql(title: string, sql: ReturnType<typeof takeSqlStats> | undefined) {
  if (!sqlStats || !sql) return;
  console.log(`\nSQL (client-side round trips) — ${title}; pool.connect waits: ${sql.poolConnect.count} × mean ${fmt(sql.poolConnect.totalMs / Math.max(1, sql.poolConnect.count), 2)} ms`);
  console.log(
    table([
      ["statement", "calls", "total ms", "mean ms", "max ms", "rows"],
      ...sql.statements.slice(0, 16).map((s) => [s.sql.slice(0, 100), String(s.count), fmt(s.totalMs, 0), fmt(s.meanMs, 2), fmt(s.maxMs, 1), String(s.rows)]),
    ]),
  );
}

async function main() {
  if (sqlStats) installSqlCounters();
  const benchStarted = performance.now();
  const loadAtStart = loadavg()[0]!;
  const receiver = await Receiver.start();
  const database = await createTestDatabase("bench_delivery");
  let app: App | undefined;
  let executor: Awaited<ReturnType<typeof startExecutor>> | undefined;
  const results: {
    rounds: Round[];
    e2e?: Awaited<ReturnType<typeof e2ePhase>>;
    steady?: Awaited<ReturnType<typeof steadyPhase>>;
  } = { rounds: [] };
  try {
    app = await loadApp(database.url);
    const fixture = await setUpStore(app, receiver);
    // (a), (b′) and (b) back to back, in rounds (see the top of this file).
    for (let round = 0; round < (phaseEnabled("core") ? rounds : 1); round++) {
      await tidyUp(app);
      const prepared = phaseEnabled("core") ? await prepareCore(app, fixture, round) : null;
      const raw = await rawPhase(app, fixture, receiver);
      if (!prepared) results.rounds.push({ raw });
      else results.rounds.push({ raw, signed: await signedPhase(app, fixture, receiver), core: await corePhase(app, fixture, receiver, prepared) });
    }
    if (phaseEnabled("e2e") || phaseEnabled("steady")) {
      executor = await startExecutor(app, database.url);
      if (phaseEnabled("e2e")) {
        await tidyUp(app);
        results.e2e = await e2ePhase(app, fixture, receiver);
      }
      if (phaseEnabled("steady")) {
        await new Promise((r) => setTimeout(r, 500)); // let the previous phase's runs settle
        await tidyUp(app);
        results.steady = await steadyPhase(app, fixture, receiver);
      }
    }
  } finally {
    await executor?.stop().catch(() => {});
    await app?.db.$disconnect().catch(() => {});
    await database.drop().catch((e) => console.error(`Could not drop the bench database: ${(e as Error).message}`));
    receiver.stop();
  }

  const { e2e, steady } = results;
  // The round whose b / a is the median stands for all (for (a) alone, the only one).
  const byRatio = [...results.rounds].sort((x, y) => coreShare(x) - coreShare(y));
  const { raw, signed, core } = byRatio[Math.floor((byRatio.length - 1) / 2)] ?? {};
  // Every round's deliveries must all be recorded, not only the reported round's.
  const cores = results.rounds.flatMap((r) => (r.core ? [r.core] : []));
  const total = (pick: (c: (typeof cores)[number]) => number) => cores.reduce((sum, c) => sum + pick(c), 0);
  const recorded = { deliveries: total((c) => c.deliveries), succeeded: total((c) => c.succeeded), attempts: total((c) => c.attempts), received: total((c) => c.received) };
  const roundRatios = results.rounds.length > 1 ? ` (median of ${results.rounds.length} rounds: ${results.rounds.map((r) => pct(coreShare(r))).join(", ")})` : "";
  const rows: string[][] = [["measure", "figure", "target", "met"]];
  if (raw) {
    rows.push([`(a) raw undici request() POST loop, ${inFlight} in flight (${fmt(raw.requests, 0)} requests)`, `${fmt(raw.perSecond)} requests/s`, "", ""]);
    rows.push([`    CPU cores: bench / postgres / other (receiver)`, cpuText(raw.cpu), "", ""]);
  }
  if (raw && signed) {
    rows.push([`(b′) the core's sign + POST alone, not recorded (${fmt(signed.requests, 0)})`, `${fmt(signed.perSecond)} deliveries/s`, "", ""]);
    rows.push([`    b′ / a`, pct(signed.perSecond / raw.perSecond), "", ""]);
    rows.push([`    CPU cores: bench / postgres / other (receiver)`, cpuText(signed.cpu), "", ""]);
  }
  if (raw && core) {
    rows.push([`(b) delivery core: sign + POST + record (${fmt(core.deliveries, 0)} deliveries)`, `${fmt(core.perSecond)} deliveries/s`, "", ""]);
    rows.push([`    b / a${roundRatios}`, pct(core.perSecond / raw.perSecond), `≥ ${pct(targets.coreShareOfRaw)}`, mark(core.perSecond / raw.perSecond >= targets.coreShareOfRaw)]);
    rows.push([
      `    recorded in ${cores.length === 1 ? "the round" : `all ${cores.length} rounds`}: succeeded / attempts / requests seen`,
      `${recorded.succeeded} / ${recorded.attempts} / ${recorded.received}`,
      `${recorded.deliveries} each`,
      mark(recorded.succeeded === recorded.deliveries && recorded.attempts === recorded.deliveries && recorded.received === recorded.deliveries),
    ]);
    rows.push([`    CPU cores: bench / postgres / other (receiver)`, cpuText(core.cpu), "", ""]);
  }
  if (raw && e2e) {
    rows.push([`(c) end to end: outbox → executor → fan-out (${fmt(e2e.events, 0)} events × ${webhookCount})`, `${fmt(e2e.perSecond)} deliveries/s${e2e.done ? "" : " (INCOMPLETE)"}`, `≥ ${fmt(targets.e2ePerSecond)}`, mark(e2e.done && e2e.perSecond >= targets.e2ePerSecond)]);
    rows.push([`    c / a`, pct(e2e.perSecond / raw.perSecond), "", ""]);
    rows.push([`    events written (100 per transaction) in`, `${fmt(e2e.writtenMs, 0)} ms`, "", ""]);
    rows.push([`    succeeded / retrying or failed / requests seen`, `${e2e.succeeded} / ${e2e.retryingOrFailed} / ${e2e.received}`, `${e2e.expected} / 0 / ${e2e.expected}`, mark(e2e.succeeded === e2e.expected && e2e.retryingOrFailed === 0 && e2e.received === e2e.expected)]);
    rows.push([`    CPU cores: bench / postgres / other (receiver)`, cpuText(e2e.cpu), "", ""]);
  }
  if (steady) {
    rows.push([`steady ${steadyRate} events/s × ${steadySeconds} s (${fmt(steady.achievedRate)}/s achieved), per delivery`, "", "", ""]);
    rows.push([`    event → first attempt p50`, `${fmt(steady.latency.p50, 2)} ms`, `≤ ${targets.latencyP50Ms} ms`, mark(steady.latency.p50 <= targets.latencyP50Ms)]);
    rows.push([`    event → first attempt p99`, `${fmt(steady.latency.p99, 2)} ms`, `≤ ${targets.latencyP99Ms} ms`, mark(steady.latency.p99 <= targets.latencyP99Ms)]);
    rows.push([`    of which: outbox transaction`, ms(steady.writeMs), "", ""]);
    rows.push([`    per event: write → dispatched by the executor`, ms(steady.breakdown.toDispatched), "", ""]);
    rows.push([`    per event: dispatched → fan-out run started (batch window)`, ms(steady.breakdown.toRunStarted), "", ""]);
    rows.push([`    per event: run started → first request seen`, ms(steady.breakdown.toFirstRequest), "", ""]);
    rows.push([`    requests missing / duplicated`, `${steady.missing} / ${steady.duplicates}`, "0 / 0", mark(steady.done && steady.missing === 0 && steady.duplicates === 0)]);
    rows.push([`    CPU cores: bench / postgres / other (receiver)`, cpuText(steady.cpu), "", ""]);
    rows.push([`    event-loop delay (bench process)`, `p50 ${fmt(steady.loopDelayMs.p50, 2)} / p99 ${fmt(steady.loopDelayMs.p99, 2)} ms`, "", ""]);
  }
  rows.push([`total bench time`, `${fmt((performance.now() - benchStarted) / 1000, 1)} s`, "", ""]);
  console.log(`\nWebhook delivery benchmark — node ${process.version}, ${cpus().length} CPUs (1-min load ${fmt(loadAtStart, 2)} at start), PostgreSQL on ${new URL(database.url).host}\n`);
  console.log(table(rows));
  printSql("(b) delivery core", core?.sql);
  printSql("(c) end to end", e2e?.sql);
  printSql(`steady ${steadyRate} events/s`, steady?.sql);
  if (executorLog.length > 0) console.log(`\nExecutor log (first lines):\n${executorLog.slice(0, 10).join("\n")}`);
}

if (process.argv[2] === "receiver") void runReceiver();
else {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
