// The embedded durable executor: drives an app's Inngest functions through its real serve()
// handler as the Inngest server would, with all run state in PostgreSQL. Any number of
// processes may run one against the same database: runs are leased with FOR UPDATE SKIP
// LOCKED, wake-ups come by LISTEN/NOTIFY (a slow poll is the backstop), and a worker's
// session advisory lock tells the others, the moment it dies, that its runs are free again.
import { hostname } from "node:os";
import canonicalize from "canonicalize";
import pg from "pg";
import { defaultBackoffMs } from "./backoff";
import { functionRuntime, registeredFunctionSchema, type FunctionRuntime } from "./function-config";
import { errorOf, interpretResponse } from "./interpret-response";
import { createExecutorPool } from "./pool";
import { invocationBody, queueItemId, signRequest, verifySignature, type MemoisedStep } from "./protocol";
import {
  claimRuns,
  dispatchEvents,
  fireDueCrons,
  flushDueBatches,
  loadEvents,
  loadSteps,
  nextDueAt,
  reapDeadWorkers,
  recordProgress,
  workerLockBase,
  type RunRow,
  type RunUpdate,
} from "./store";
import type { Transport } from "./transport";

export type ExecutorOptions = {
  databaseUrl: string;
  transport: Transport;
  /** The app's serve() URL, synced (PUT) at start so the SDK registers its functions. */
  serveUrl: string;
  signingKey: string;
  /** Runs in flight in this process. */
  concurrency?: number;
  /** Backstop poll, in case a notification was missed. */
  pollIntervalMs?: number;
  /** Delay before retrying after a failed attempt (0-based). */
  backoffMs?: (attempt: number) => number;
  /**
   * Let the SDK run consecutive steps in one request, reporting each to the executor's
   * checkpoint endpoint before the next (default true): one call per run instead of one per step.
   */
  checkpointing?: boolean;
  /** Sync at start (default true); tests that registered already may skip it. */
  sync?: boolean;
  log?: (message: string) => void;
};

/**
 * The lock connection's connect and set-up queries fail after this long rather than hang (a
 * reconnect must not wait for ever on a server that neither answers nor refuses).
 */
const listenerTimeoutMs = 5000;

/** Ends a client without waiting on it: one whose socket is already gone may never say 'end'. */
function closeQuietly(client: pg.Client) {
  client.removeAllListeners("end");
  client.removeAllListeners("notification");
  client.removeAllListeners("error");
  client.on("error", () => {});
  void client.end().catch(() => {});
}

export class EmbeddedExecutor {
  readonly pool: pg.Pool;
  private listener?: pg.Client;
  private workerId = 0n;
  private functions = new Map<string, FunctionRuntime>();
  private readonly concurrency: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly log: (message: string) => void;
  private inFlight = new Set<Promise<void>>();
  /** Runs in flight on this worker, per function id (batch functions start at once when they have none). */
  private runsByFunction = new Map<string, number>();
  private stopping = false;
  /** Functions are loaded: until then, wake-ups are noted but no run is claimed. */
  private ready = false;
  private pollTimer?: NodeJS.Timeout;
  private dueTimer?: NodeJS.Timeout;
  private dispatching = false;
  private dispatchAgain = false;
  private pumping = false;
  private pumpAgain = false;
  /** Set when there may be due runs this worker has not claimed (a wake-up came while full). */
  private backlog = true;

  constructor(private readonly options: ExecutorOptions) {
    this.concurrency = options.concurrency ?? 100;
    this.backoffMs = options.backoffMs ?? defaultBackoffMs;
    this.log = options.log ?? ((m) => console.log(`[executor] ${m}`));
    this.pool = createExecutorPool(options.databaseUrl, Math.min(20, this.concurrency + 4));
  }

  get id(): bigint {
    return this.workerId;
  }

  async start(): Promise<void> {
    await this.registerWorker();
    await reapDeadWorkers(this.pool, this.workerId);
    if (this.options.sync !== false) await this.syncFunctions();
    await this.loadFunctions();
    this.ready = true;
    this.pollTimer = setInterval(() => void this.tick(), this.options.pollIntervalMs ?? 2000);
    this.pollTimer.unref();
    void this.dispatch();
    void this.pump();
  }

  /** Stops claiming work, hands back what it holds, and waits for in-flight requests. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.dueTimer);
    await Promise.allSettled([...this.inFlight]);
    if (this.listener) {
      this.listener.removeAllListeners("end");
      await this.pool.query(`DELETE FROM executor_worker WHERE id = $1`, [this.workerId.toString()]).catch(() => {});
      await this.listener.end().catch(() => {});
    }
    await this.pool.end().catch(() => {});
  }

  /** PUT on the serve URL; the SDK answers by registering its functions. Retried while the app starts. */
  async syncFunctions(deadlineMs = 60_000): Promise<void> {
    const until = Date.now() + deadlineMs;
    for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
      try {
        const response = await this.options.transport.sync(this.options.serveUrl);
        const text = await response.text();
        if (response.ok) return;
        throw new Error(`${response.status} ${text.slice(0, 300)}`);
      } catch (error) {
        if (Date.now() > until || this.stopping) throw new Error(`Could not sync functions from ${this.options.serveUrl}: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private async registerWorker() {
    const listener = new pg.Client({
      connectionString: this.options.databaseUrl,
      options: "-c TimeZone=UTC",
      application_name: "bis-executor-listener",
      connectionTimeoutMillis: listenerTimeoutMs,
      query_timeout: listenerTimeoutMs,
      keepAlive: true,
    });
    // Until it is set up, a failure surfaces as the rejected query below, not as an 'error' event
    // with no listener (which would end the process).
    listener.on("error", () => {});
    try {
      await listener.connect();
      await listener.query("BEGIN");
      const { rows } = await listener.query<{ id: string }>(`INSERT INTO executor_worker (host, pid) VALUES ($1, $2) RETURNING id`, [hostname(), process.pid]);
      // Held for the life of this connection: free again the moment this process dies.
      await listener.query(`SELECT pg_advisory_lock($1::bigint)`, [(workerLockBase + BigInt(rows[0]!.id)).toString()]);
      await listener.query("COMMIT");
      await listener.query("LISTEN executor_event; LISTEN executor_wake; LISTEN executor_sync");
      this.workerId = BigInt(rows[0]!.id);
    } catch (error) {
      closeQuietly(listener);
      throw error;
    }
    listener.on("notification", (message) => {
      if (message.channel === "executor_event") void this.dispatch();
      else if (message.channel === "executor_wake") {
        this.backlog = true;
        void this.pump();
      } else if (message.channel === "executor_sync") void this.loadFunctions().catch((error) => this.log(`Reloading functions failed: ${(error as Error).message}`));
    });
    listener.on("error", (error) => void this.reconnect(error));
    listener.on("end", () => void this.reconnect(new Error("connection ended")));
    this.listener = listener;
  }

  /**
   * The lock connection is gone (PostgreSQL restarted, network cut): others may already treat
   * this worker as dead and take its runs, so it stops claiming, and comes back as a new worker
   * once the database answers. Runs it was driving lose their lease (their fenced writes are
   * refused) and are resumed from their recorded steps by whoever claims them.
   */
  private async reconnect(error: Error) {
    if (this.stopping || !this.ready) return;
    this.ready = false;
    this.log(`Lost the database connection (${error.message}); reconnecting as a new worker.`);
    const dropListener = () => {
      const previous = this.listener;
      this.listener = undefined;
      if (previous) closeQuietly(previous);
    };
    dropListener();
    for (let delay = 250; !this.stopping; delay = Math.min(delay * 2, 5000)) {
      await new Promise((r) => setTimeout(r, delay));
      try {
        await this.registerWorker();
        await reapDeadWorkers(this.pool, this.workerId);
        await this.loadFunctions();
        this.ready = true;
        this.backlog = true;
        this.log(`Reconnected (worker ${this.workerId}).`);
        void this.dispatch();
        void this.pump();
        return;
      } catch (retryError) {
        // Registered but not ready (the pool's query failed): this lock connection goes too, or
        // it would live on as a second worker of this process.
        dropListener();
        this.log(`Still no database (${(retryError as Error).message}); retrying in ${Math.min(delay * 2, 5000)} ms.`);
      }
    }
  }

  private async loadFunctions() {
    const { rows } = await this.pool.query<{ id: string; config: unknown }>(`SELECT id, config FROM executor_function WHERE removed_at IS NULL`);
    const functions = new Map<string, FunctionRuntime>();
    for (const row of rows) {
      try {
        functions.set(row.id, functionRuntime(registeredFunctionSchema.parse(row.config)));
      } catch (error) {
        this.log(`Skipping function ${row.id}: ${(error as Error).message}`);
      }
    }
    this.functions = functions;
  }

  private async tick() {
    if (this.stopping || !this.ready) return;
    try {
      await this.pool.query(`UPDATE executor_worker SET heartbeat_at = now() WHERE id = $1`, [this.workerId.toString()]);
      await reapDeadWorkers(this.pool, this.workerId);
      await this.flushBatches();
      await fireDueCrons(this.pool, this.functions);
    } catch (error) {
      this.log(`Housekeeping failed: ${(error as Error).message}`);
    }
    this.backlog = true;
    void this.dispatch();
    void this.pump();
  }

  /** Events → runs, until no undispatched event is left. */
  private async dispatch() {
    if (!this.ready) return;
    if (this.dispatching) {
      this.dispatchAgain = true;
      return;
    }
    this.dispatching = true;
    try {
      do {
        this.dispatchAgain = false;
        if (this.stopping) break;
        const result = await dispatchEvents(this.pool, [...this.functions.values()], {
          limit: 1000,
          workerId: this.workerId,
          leaseUpTo: Math.max(0, this.concurrency - this.inFlight.size),
          idleFunctions: new Set([...this.functions.keys()].filter((id) => !this.runsByFunction.get(id))),
        });
        for (const run of result.leased) this.startRun(run);
        if (result.batchTimeoutMs !== null) this.flushBatchesAfter(result.batchTimeoutMs);
        // Runs of events with a future ts start on time here, not at the next poll.
        if (result.firstStartsAt !== null) this.wakeAt(new Date(result.firstStartsAt));
        if (result.events === 1000) this.dispatchAgain = true;
      } while (this.dispatchAgain);
    } catch (error) {
      this.log(`Dispatching events failed: ${(error as Error).message}`);
    } finally {
      this.dispatching = false;
    }
  }

  /** Claims due runs while there is room, then sets a timer for the next one that falls due. */
  private async pump() {
    if (!this.ready) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        if (this.stopping) break;
        const free = this.concurrency - this.inFlight.size;
        if (free <= 0) break; // a finishing run pumps again while `backlog` is set
        const runs = await claimRuns(this.pool, this.workerId, free);
        for (const run of runs) this.startRun(run);
        this.backlog = runs.length === free;
        if (this.backlog) this.pumpAgain = true;
      } while (this.pumpAgain);
      if (!this.stopping) await this.armDueTimer();
    } catch (error) {
      this.log(`Claiming runs failed: ${(error as Error).message}`);
    } finally {
      this.pumping = false;
    }
  }

  private async armDueTimer() {
    const at = await nextDueAt(this.pool);
    clearTimeout(this.dueTimer);
    if (!at) return;
    // At least 25 ms: something due but failing to fire must not spin the loop.
    const delay = Math.max(25, Math.min(at.getTime() - Date.now(), this.options.pollIntervalMs ?? 2000));
    this.dueTimer = setTimeout(() => {
      this.backlog = true;
      void Promise.all([this.flushBatches(), fireDueCrons(this.pool, this.functions)])
        .catch((error) => this.log(`Due batches or schedules failed: ${(error as Error).message}`))
        .finally(() => void this.pump());
    }, delay);
    this.dueTimer.unref();
  }

  /**
   * A batch this worker opened becomes a run when its timeout passes. Nothing else would wake
   * the worker then: the due timer is armed after claiming runs and the poll comes every 2 s
   * (measured: fan-out's 20 ms batches waited half a second on average).
   */
  private flushBatchesAfter(ms: number) {
    const timer = setTimeout(() => {
      if (this.stopping || !this.ready) return;
      this.backlog = true;
      void this.flushBatches()
        .catch((error) => this.log(`Due batches failed: ${(error as Error).message}`))
        .finally(() => void this.pump());
    }, ms + 1);
    timer.unref();
  }

  /** Due batches (and `idle`'s open ones) → runs, those this worker has room for leased to it and started at once. */
  private async flushBatches(idle?: string) {
    const leased = await flushDueBatches(this.pool, this.functions, { workerId: this.workerId, leaseUpTo: Math.max(0, this.concurrency - this.inFlight.size) }, idle);
    for (const run of leased) this.startRun(run);
  }

  /** This worker resumes its own sleeps and retries on time; others learn of them by the due timer or poll. */
  private wakeAt(at: Date) {
    const timer = setTimeout(() => {
      this.backlog = true;
      void this.pump();
    }, Math.max(0, at.getTime() - Date.now()) + 2);
    timer.unref();
  }

  private startRun(run: RunRow) {
    this.runsByFunction.set(run.function_id, (this.runsByFunction.get(run.function_id) ?? 0) + 1);
    const work = this.processRun(run).catch((error) => this.log(`Run ${run.id} stopped: ${(error as Error).message}`));
    const tracked = work.finally(() => {
      this.inFlight.delete(tracked);
      const left = this.runsByFunction.get(run.function_id)! - 1;
      this.runsByFunction.set(run.function_id, left);
      // A batch function with nothing left running here takes what has gathered meanwhile now,
      // rather than at the end of the batch window.
      if (left === 0 && this.functions.get(run.function_id)?.batch && !this.stopping) {
        void this.flushBatches(run.function_id).catch((error) => this.log(`Flushing ${run.function_id}'s batch failed: ${(error as Error).message}`));
      }
      if (this.backlog && !this.stopping) void this.pump();
    });
    this.inFlight.add(tracked);
  }

  /** Drives one run until it sleeps, backs off, completes or fails. */
  private async processRun(run: RunRow): Promise<void> {
    const release = (update: RunUpdate) => recordProgress(this.pool, run.id, this.workerId, [], update);
    if (!this.functions.has(run.function_id)) await this.loadFunctions(); // registered since the last load?
    const fn = this.functions.get(run.function_id);
    if (!fn) {
      await release({ kind: "fail", error: errorOf(`The function ${run.function_id} is not registered by the app (any more).`) });
      return;
    }
    // A run leased straight from dispatch comes with its event and has no steps yet.
    const events = run.events ?? (await loadEvents(this.pool, run.event_ids));
    if (events.length === 0) {
      await release({ kind: "fail", error: errorOf("The run's events no longer exist.") });
      return;
    }
    const records = run.events ? [] : await loadSteps(this.pool, run.id);
    const steps = new Map<string, MemoisedStep>(records.map((r) => [r.hashedId, r.result]));
    const stack = records.map((r) => r.hashedId);
    let attempt = run.attempt;
    let pending = [...run.pending_step_ids];
    const limited = run.concurrency_limit !== null;

    for (;;) {
      if (this.stopping) {
        // Hand the run back as it stands; another worker (or the next start) resumes it.
        await this.pool.query(`UPDATE executor_run SET lease_owner = NULL, due_at = now(), status = 'QUEUED' WHERE id = $1 AND lease_owner = $2`, [run.id, this.workerId.toString()]);
        return;
      }
      const stepId = pending[0] ?? "step";
      const url = new URL(fn.url);
      url.searchParams.set("stepId", stepId);
      const checkpointed = this.options.checkpointing !== false && stepId === "step";
      const body = invocationBody(
        { id: run.id, attempt, maxAttempts: run.max_attempts },
        events,
        steps,
        stack,
        checkpointed ? { fnId: fn.id, queueItemId: queueItemId(this.workerId, run.id) } : undefined,
      );
      const startedAt = new Date();
      let status: number;
      let headers: Headers;
      let text: string;
      try {
        // The canonical form is valid JSON: serialise once, send and sign the same bytes.
        const payload = canonicalize(body) ?? "{}";
        const response = await this.options.transport.invoke(url.href, payload, {
          "content-type": "application/json",
          "x-inngest-signature": signRequest(payload, this.options.signingKey),
        });
        status = response.status;
        headers = response.headers;
        text = await response.text();
        const signed = !this.options.transport.verifiesResponses || verifySignature(headers.get("x-inngest-signature"), text, this.options.signingKey);
        if ((status === 200 || status === 206) && !signed) {
          [status, text] = [502, JSON.stringify(errorOf("The app's answer was not signed with the executor's signing key."))];
        }
      } catch (error) {
        [status, headers, text] = [502, new Headers(), JSON.stringify(errorOf(`Could not reach the app: ${(error as Error).message}`))];
      }
      const call = { stepId, attempt, maxAttempts: run.max_attempts, pending, nextSeq: stack.length, startedAt, endedAt: new Date(), backoffMs: this.backoffMs };
      let { steps: newSteps, update } = interpretResponse(status, headers, text, call);
      if (checkpointed && !(update.kind === "complete" && newSteps.length === 0)) {
        // Steps checkpointed during the request are recorded already; pick them up before going on.
        const records = run.events ? [] : await loadSteps(this.pool, run.id);
        steps.clear();
        for (const r of records) steps.set(r.hashedId, r.result);
        stack.splice(0, stack.length, ...records.map((r) => r.hashedId));
        ({ steps: newSteps, update } = interpretResponse(status, headers, text, { ...call, nextSeq: stack.length }));
      }
      if (!(await recordProgress(this.pool, run.id, this.workerId, newSteps, update))) {
        this.log(`Run ${run.id}: lease lost; another worker has it.`);
        return;
      }
      if (update.kind === "sleep" || update.kind === "retry") this.wakeAt(update.kind === "sleep" ? update.wakeAt : update.dueAt);
      if (update.kind !== "continue") {
        // A slot of this concurrency key is free: let the runs waiting for it go (in any process).
        if (limited) await this.pool.query("SELECT pg_notify('executor_wake', '')");
        return;
      }
      for (const step of newSteps) {
        steps.set(step.hashedId, step.result);
        stack.push(step.hashedId);
      }
      attempt = 0;
      pending = update.pending;
    }
  }
}
