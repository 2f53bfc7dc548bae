// One scenario of the reliability suite (tests/reliability/run.ts starts one per process, so
// each binds the app's modules to a database of its own). This process is the driver: it
// creates the database, a store and its webhooks, starts the receivers (a child process) and
// the app's background side (tests/webhooks/delivery-worker.ts: the real functions under the
// embedded executor, a child process the faults can SIGKILL), writes notification/create
// events to the outbox at a steady rate (one transaction each, as a sign-up does), injects its
// fault, waits until every delivery to a healthy receiver has arrived, and writes its figures
// as JSON to RELIABILITY_RESULT_FILE.
//
//   node --conditions=react-server --import tsx tests/reliability/scenario.ts <name>
import { fork, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "@/scripts/db/test-database";
import { apiKeyPrefix } from "@/lib/api-keys/api-key-format";
import { secretsIn } from "../secrets-in-logs";
import type { Behaviour, MessageRecord, ReceiverAnswer, ReceiverCommand } from "./receiver-process";
import { scenarioConfig, type ScenarioName, type ScenarioResult } from "./scenarios";

const name = process.argv[2] as ScenarioName;
const config = scenarioConfig(name);
const resultFile = process.env.RELIABILITY_RESULT_FILE;
const logDir = process.env.RELIABILITY_LOG_DIR ?? path.resolve(import.meta.dirname, "../../test-results/reliability");
const epochNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (message: string) => process.stdout.write(`[${name} ${((performance.now() - t0) / 1000).toFixed(1)} s] ${message}\n`);
const t0 = performance.now();

// ─── The receivers (child process) ──────────────────────────────────────────────────────

class Receivers {
  private waiting: ((answer: ReceiverAnswer) => void)[] = [];
  ports: number[] = [];
  private constructor(private readonly child: ChildProcess) {
    child.on("message", (answer: ReceiverAnswer) => this.waiting.shift()?.(answer));
  }
  static async start(hooks: Behaviour[]): Promise<Receivers> {
    const child = fork(path.resolve(import.meta.dirname, "receiver-process.ts"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    await new Promise<void>((resolve, reject) => {
      child.once("message", () => resolve());
      child.once("exit", (code) => reject(new Error(`The receiver process exited (${code}) before it was ready`)));
    });
    const receivers = new Receivers(child);
    receivers.ports = (await receivers.ask<{ ports: number[] }>({ cmd: "listen", hooks })).ports;
    return receivers;
  }
  ask<T extends ReceiverAnswer>(command: ReceiverCommand): Promise<T> {
    return new Promise((resolve) => {
      this.waiting.push(resolve as (answer: ReceiverAnswer) => void);
      this.child.send(command);
    });
  }
  count() {
    return this.ask<{ okByHook: number[]; requests: number; badSignatures: number; connectionsByHook: number[] }>({ cmd: "count" });
  }
  stop() {
    if (this.child.connected) this.child.disconnect();
  }
}

// ─── The app's background side (child process) ──────────────────────────────────────────

const workerLog = createWriteStream(path.join(logDir, `${name}.worker.log`));
const workerLines: string[] = [];
/** The store's API key and what derives from it: none may ever appear in the app's log. */
const secrets: string[] = [];
const unexpectedExits: string[] = [];

function startWorker(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve(import.meta.dirname, "../webhooks/delivery-worker.ts")], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NODE_ENV: "test",
      WEBHOOK_RETRY_SCALE: String(config.retryScale),
      // The SSRF scenario runs with the production URL policy; the others reach 127.0.0.1 receivers.
      WEBHOOKS_ALLOW_INSECURE_URLS: config.rebindTo ? "" : "1",
      RELIABILITY_REBIND: config.rebindTo ? JSON.stringify(Object.fromEntries(config.rebindTo.map((address, i) => [rebindHost(i), address]))) : "",
    },
    stdio: ["pipe", "pipe", "pipe"], // stdin: closes when this process dies, and the worker with it
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    workerLog.write(chunk);
    for (const line of chunk.toString().split("\n")) if (line.trim()) workerLines.push(line.trim());
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (!chunk.toString().includes("ready")) return;
      // Exiting after this is a crash unless the scenario kills it (it removes this listener first).
      child.once("exit", (code, signal) => unexpectedExits.push(`worker ${child.pid} exited (${code ?? signal}) after: ${workerLines.slice(-3).join(" | ").slice(0, 300)}`));
      resolve(child);
    });
    child.once("exit", (code, signal) => reject(new Error(`the delivery worker exited (${code ?? signal}) before it was ready`)));
  });
}

/** The SSRF scenario's host name for webhook i (the worker's resolver answers it with rebindTo[i]). */
const rebindHost = (i: number) => `hook-${i}.rebind.test`;

/** Resident set size of a process, in MB (Linux). */
function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

function run(cmd: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c));
    child.stderr.on("data", (c: Buffer) => (output += c));
    child.on("error", (e) => resolve({ code: 127, output: e.message }));
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// ─── The scenario ───────────────────────────────────────────────────────────────────────

async function main(): Promise<ScenarioResult> {
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.APP_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  process.env.WEBHOOKS_ALLOW_INSECURE_URLS = "1";
  for (const n of ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_BASE_URL", "INNGEST_DEV"]) delete process.env[n];
  const database = await createTestDatabase(`rel_${name.replace(/-/g, "_")}`);
  process.env.DATABASE_URL = database.url;
  (globalThis as { prisma?: unknown }).prisma = undefined;
  const [{ db }, { newId }, { makeStore }, { signingKeysFor }, topics, outbox, events] = await Promise.all([
    import("@/lib/db"),
    import("@/lib/ids"),
    import("@/tests/factories"),
    import("@/lib/api-keys/signing-keys"),
    import("@/lib/webhooks/topics"),
    import("@/lib/executor/write-event"),
    import("@/inngest/events"),
  ]);

  const notes: string[] = [];
  const hooks = config.hooks;
  const receivers = await Receivers.start(hooks);
  let worker: ChildProcess | undefined;
  try {
    const { storeId } = await makeStore("MEDIUM");
    const [key] = await signingKeysFor(storeId);
    secrets.push(key!, Buffer.from(key!).toString("base64"));
    await receivers.ask({ cmd: "key", key: key! });
    const webhookIndex = new Map<string, number>();
    for (const [i, port] of receivers.ports.entries()) {
      const id = newId("webhook");
      webhookIndex.set(id, i);
      // A bad endpoint that used to work (a success yesterday): the 19-failures-with-no-success-in-24-h
      // deactivation, which would end its retries by design, is not what this scenario is about.
      const lastSuccessAt = hooks[i] === "ok" ? null : new Date(Date.now() - 3_600_000);
      const url = config.rebindTo ? `https://${rebindHost(i)}:${port}/hooks/${i}` : `http://127.0.0.1:${port}/hooks/${i}`;
      await db.webhook.create({ data: { id, storeId, topic: "notification/create", url, isActive: true, lastSuccessAt } });
    }
    const healthy = hooks.map((h, i) => (h === "ok" ? i : -1)).filter((i) => i >= 0);

    worker = await startWorker(database.url);
    log(`worker ${worker.pid} ready; ${hooks.length} webhooks (${hooks.join(", ")}); ${config.rate} events/s for ${config.seconds} s`);

    // RSS of the app process, every second while the load runs.
    const rss: { t: number; mb: number }[] = [];
    const rssTimer = setInterval(() => {
      const mb = worker?.pid && worker.exitCode === null && worker.signalCode === null ? rssMb(worker.pid) : null;
      if (mb !== null) rss.push({ t: (performance.now() - loadStarted) / 1000, mb });
    }, 1000);

    // The load: event i at loadStarted + i / rate, each in its own transaction, retried (same
    // idempotency key, so a commit whose answer was lost adds nothing) while the database is away.
    const n = Math.round(config.rate * config.seconds);
    const base = 1_000_000;
    const writeStartedAt = new Float64Array(n);
    let writeRetries = 0;
    let lastWriteError = "";
    const payload = topics.examplePayload("notification/create");
    const writeOne = async (i: number) => {
      const data = { storeId, notificationId: String(base + i), payload: { ...payload, notification_id: base + i } };
      for (;;) {
        try {
          await db.$transaction((tx) => outbox.writeEvent(tx, events.notificationCreated, data, { idempotencyKey: `reliability-${base + i}` }));
          return;
        } catch (error) {
          writeRetries++;
          lastWriteError = (error as Error).message.split("\n").slice(-1)[0]!.slice(0, 120);
          await sleep(250);
        }
      }
    };

    // The fault, at its time into the load.
    let fault: Promise<void> = Promise.resolve();
    const injectFault = async () => {
      if (config.fault === "kill") {
        const victim = worker!;
        const before = (await receivers.count()).okByHook.reduce((a, b) => a + b, 0);
        victim.removeAllListeners("exit");
        const exited = new Promise((r) => victim.once("exit", r));
        victim.kill("SIGKILL");
        await exited;
        log(`SIGKILLed the worker ${victim.pid} (${before} deliveries had arrived)`);
        const restartedAt = performance.now();
        worker = await startWorker(database.url);
        notes.push(`SIGKILL at ${config.faultAtSeconds} s (${before} arrived), restarted in ${((performance.now() - restartedAt) / 1000).toFixed(1)} s`);
      } else if (config.fault === "pg-restart") {
        const started = performance.now();
        log("restarting PostgreSQL (pg_ctlcluster 15 main restart)");
        const { code, output } = await run("pg_ctlcluster", ["15", "main", "restart"]);
        const took = ((performance.now() - started) / 1000).toFixed(1);
        log(`pg_ctlcluster exited ${code} after ${took} s ${output.trim()}`);
        if (code !== 0) throw new Error(`pg_ctlcluster 15 main restart failed (${code}): ${output.trim()}`);
        notes.push(`PostgreSQL restarted at ${config.faultAtSeconds} s (took ${took} s)`);
      } else if (config.fault === "receiver-down") {
        await receivers.ask({ cmd: "down" });
        log(`receivers down (connections refused) for ${config.downSeconds} s`);
        await sleep(config.downSeconds * 1000);
        await receivers.ask({ cmd: "up" });
        log("receivers back up");
        notes.push(`receivers refused connections ${config.faultAtSeconds}–${config.faultAtSeconds + config.downSeconds} s`);
      }
    };

    const loadStarted = performance.now();
    const pending: Promise<void>[] = [];
    let faultStarted = false;
    let maxPending = 0;
    let inFlight = 0;
    for (let i = 0; i < n; i++) {
      const due = loadStarted + (i * 1000) / config.rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      if (config.fault && !faultStarted && performance.now() - loadStarted >= config.faultAtSeconds * 1000) {
        faultStarted = true;
        fault = injectFault();
      }
      writeStartedAt[i] = epochNow();
      inFlight++;
      maxPending = Math.max(maxPending, inFlight);
      pending.push(writeOne(i).finally(() => inFlight--));
      if (i % (config.rate * 10) === 0 && i > 0) log(`${i} events written`);
    }
    const writeSpanMs = performance.now() - loadStarted;
    await Promise.all(pending);
    await fault;
    clearInterval(rssTimer);
    const achievedRate = (n / writeSpanMs) * 1000;
    log(`${n} events written in ${(writeSpanMs / 1000).toFixed(1)} s (${achievedRate.toFixed(1)}/s; most writes pending at once ${maxPending}; ${writeRetries} write retries)`);

    // Wait until every delivery to a healthy receiver has arrived (a 200 answered), or give up.
    const expectedHealthy = n * healthy.length;
    const settleStarted = performance.now();
    let arrived = 0;
    for (const deadline = performance.now() + config.settleSeconds * 1000; performance.now() < deadline; await sleep(250)) {
      const counts = await receivers.count();
      arrived = healthy.reduce((sum, i) => sum + counts.okByHook[i]!, 0);
      if (arrived >= expectedHealthy) break;
    }
    const settleSeconds = (performance.now() - settleStarted) / 1000;
    log(`${arrived} / ${expectedHealthy} healthy deliveries arrived, ${settleSeconds.toFixed(1)} s after the last write`);
    if (config.rebindTo) {
      // No healthy receiver to wait for: wait until fan-out has been through every event.
      for (const deadline = performance.now() + config.settleSeconds * 1000; performance.now() < deadline; await sleep(250)) {
        const [busy] = await db.$queryRaw<{ n: number }[]>`
          SELECT (SELECT count(*) FROM "OutboxEvent" WHERE "sentAt" IS NULL AND name LIKE 'notification/%')::int
               + (SELECT count(*) FROM executor_run WHERE function_id LIKE '%fan-out' AND status IN ('QUEUED', 'RUNNING'))::int AS n`;
        if (busy!.n === 0 && (await db.delivery.count({ where: { storeId } })) === n * hooks.length) break;
      }
    }
    await sleep(1000); // late duplicates, if any, are counted too
    const rssEnd = worker && worker.pid ? rssMb(worker.pid) : null;

    // What the database says, and what the receivers saw.
    const rows = await db.delivery.findMany({ where: { storeId }, select: { id: true, messageId: true, webhookId: true, status: true, notificationId: true } });
    const [stranded] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Delivery" d
       WHERE d."storeId" = ${storeId} AND d.status = 'RETRYING'
         AND NOT EXISTS (
           SELECT 1 FROM "OutboxEvent" e
            WHERE e.name = 'webhook/delivery.retry' AND e.data->>'deliveryId' = d.id
              AND NOT EXISTS (SELECT 1 FROM executor_run r WHERE e.id = ANY(r.event_ids) AND r.status IN ('COMPLETED', 'FAILED', 'CANCELLED')))
         -- its retries are scheduled when the fan-out step that made its first attempt ends (a hanging
         -- webhook in the same batch keeps that step open up to the 5 s attempt timeout): not stranded yet
         AND NOT EXISTS (
           SELECT 1 FROM executor_run r
            WHERE d."eventId" = ANY(r.event_ids) AND r.function_id LIKE '%fan-out' AND r.status IN ('QUEUED', 'RUNNING', 'SLEEPING'))`;
    const dump = await receivers.ask<{ messages: Record<string, MessageRecord>; badSignatures: number }>({ cmd: "dump" });
    const received = new Map(Object.entries(dump.messages));
    const rowIds = new Set(rows.map((r) => r.messageId));
    const unknown = [...received.keys()].filter((id) => !rowIds.has(id)).length;

    // SSRF: every first attempt made to a rebinding host was refused before connecting.
    let ssrf: ScenarioResult["ssrf"];
    if (config.rebindTo) {
      const attempts = await db.deliveryAttempt.findMany({ where: { delivery: { storeId } }, select: { webhookId: true, errorClass: true } });
      const attempted = new Set(attempts.map((a) => a.webhookId));
      const otherOutcomes = [...new Set(attempts.filter((a) => a.errorClass !== "blocked_url").map((a) => a.errorClass ?? "success"))];
      const connections = (await receivers.count()).connectionsByHook.reduce((a, b) => a + b, 0);
      ssrf = { attempts: attempts.length, blocked: attempts.length - attempts.filter((a) => a.errorClass !== "blocked_url").length, otherOutcomes, connections, hooksNeverAttempted: hooks.length - attempted.size };
      notes.push(`${ssrf.blocked} of ${ssrf.attempts} attempts refused as blocked_url (${config.rebindTo.join(", ")}); connections to the internal receivers: ${connections}`);
    }

    // Latency is taken after a warm-up (JIT, connection pools): the first 3 s (or warmupSeconds) of events.
    const latencyFrom = Math.round(config.rate * Math.max(3, config.warmupSeconds));
    let delivered = 0;
    let deliveredHealthy = 0;
    let duplicates = 0;
    let retrying = 0;
    let badFailed = 0;
    const latencies: number[] = [];
    const byStatus: Record<string, number> = {};
    const debugRows: number[][] = [];
    for (const row of rows) {
      byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
      const hook = webhookIndex.get(row.webhookId)!;
      const seen = received.get(row.messageId);
      if (hooks[hook] === "ok") {
        if (seen && seen[4] > 0) deliveredHealthy++;
        if (seen) duplicates += Math.max(0, seen[4] - 1);
        const i = Number(row.notificationId) - base;
        if (seen && i >= latencyFrom) latencies.push(seen[2] - writeStartedAt[i]!);
        if (seen && process.env.RELIABILITY_DEBUG) debugRows.push([i, hook, writeStartedAt[i]!, seen[2] - writeStartedAt[i]!]);
      } else if (row.status === "PENDING" || row.status === "RETRYING") retrying++;
      else if (row.status === "SUCCEEDED") delivered++;
      else badFailed++;
    }
    const bad = hooks.length - healthy.length;
    // Lost: a healthy delivery that never arrived (or never existed), a bad one that is neither
    // retrying nor delivered (missing, FAILED), or one left RETRYING with no live retry run.
    const badSucceeded = delivered;
    delivered += deliveredHealthy;
    const lost = expectedHealthy - deliveredHealthy + (n * bad - retrying - badSucceeded) + stranded!.n;
    latencies.sort((a, b) => a - b);
    if (process.env.RELIABILITY_DEBUG) {
      writeFileSync(path.join(logDir, `${name}.latencies.json`), JSON.stringify(debugRows));
      const hooksNow = await db.webhook.findMany({ where: { storeId }, select: { url: true, state: true, deactivatedAt: true, consecutiveFailures: true } });
      for (const h of hooksNow) if (h.state !== "ACTIVE" || h.consecutiveFailures) log(`${h.url} ${h.state} failures ${h.consecutiveFailures} deactivated at t=${h.deactivatedAt ? ((h.deactivatedAt.getTime() - writeStartedAt[0]!) / 1000).toFixed(2) : "-"} s`);
    }

    const warm = rss.filter((s) => s.t >= config.warmupSeconds);
    const rssStart = warm[0]?.mb ?? rss[0]?.mb ?? null;
    const rssLoadEnd = rss.at(-1)?.mb ?? null;
    const rssPeak = rss.length ? Math.max(...rss.map((s) => s.mb)) : null;
    const reconnects = workerLines.filter((l) => /Reconnected/.test(l)).length;
    const lostConnection = workerLines.filter((l) => /Lost the database connection/.test(l)).length;
    const runStopped = workerLines.filter((l) => /stopped:|failed:/.test(l));
    const stillNoDatabase = workerLines.filter((l) => /Still no database/.test(l));
    if (writeRetries) notes.push(`${writeRetries} event writes retried (last: ${lastWriteError})`);
    if (lostConnection || reconnects) notes.push(`worker: lost DB ${lostConnection}×, reconnected ${reconnects}×`);
    if (lostConnection > reconnects) notes.push(`reconnect attempts failed ${stillNoDatabase.length}× (last: ${stillNoDatabase.at(-1)?.slice(0, 200) ?? "none logged"}); last worker line: ${workerLines.at(-1)?.slice(0, 200)}`);
    for (const exit of unexpectedExits) notes.push(`✗ ${exit}`);
    if (runStopped.length) notes.push(`worker log: ${runStopped.length} errors (first: ${runStopped[0]!.replace(/^\[delivery-worker \d+\] /, "").slice(0, 140)})`);
    if (bad) notes.push(`bad hooks: ${retrying} retrying, ${badFailed} failed, ${stranded!.n} stranded; requests to them ${[...received.values()].filter((m) => hooks[m[0]] !== "ok").reduce((s, m) => s + m[3], 0)}`);

    return {
      name,
      events: n,
      achievedRate,
      deliveries: rows.length,
      expectedDeliveries: n * hooks.length,
      delivered,
      retrying,
      lost,
      duplicates,
      ssrf,
      unknown,
      badSignatures: dump.badSignatures,
      // Even the start of an API key or a Standard Webhooks secret (a truncated one), anything
      // shaped like a secret, or this store's key in any form.
      secretsInLogs: workerLines.filter((l) => l.includes(apiKeyPrefix) || l.includes("whsec_") || secretsIn(l, secrets.map((x) => ["the store's API key", x])).length > 0).length,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.at(-1) ?? null,
      rssStartMb: rssStart,
      rssLoadEndMb: rssLoadEnd,
      rssEndMb: rssEnd,
      rssPeakMb: rssPeak,
      settleSeconds,
      complete: arrived >= expectedHealthy,
      byStatus,
      notes,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    if (worker && worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL");
    receivers.stop();
    await db.$disconnect().catch(() => {});
    if (!process.env.RELIABILITY_KEEP_DB) await database.drop().catch((e) => log(`could not drop the database: ${(e as Error).message}`));
    workerLog.end();
  }
}

main().then(
  (result) => {
    if (resultFile) writeFileSync(resultFile, JSON.stringify(result));
    else console.log(JSON.stringify(result, null, 2));
    process.exit(0);
  },
  (error) => {
    console.error(`[${name}] could not run:`, error);
    if (resultFile) writeFileSync(resultFile, JSON.stringify({ name, error: String((error as Error).stack ?? error) }));
    process.exit(1);
  },
);
