// Small measuring helpers for the benchmarks: percentiles, CPU time of this process and of the
// local PostgreSQL server, and (opt-in) per-statement SQL timing counters.
import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import pg from "pg";

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function sortedOf(values: Iterable<number>): Float64Array {
  return Float64Array.from(values).sort();
}

export function summary(values: Iterable<number>) {
  const sorted = sortedOf(values);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}
export type Summary = ReturnType<typeof summary>;

// ─── CPU ────────────────────────────────────────────────────────────────────────────────

const ticksPerSecond = 100; // USER_HZ on Linux

function procStat(pid: string): { comm: string; ppid: number; self: number; children: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const fields = text.slice(close + 2).split(" ");
    // fields[0] is state (field 3); utime = field 14, stime 15, cutime 16, cstime 17.
    return { comm, ppid: Number(fields[1]), self: Number(fields[11]) + Number(fields[12]), children: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return null;
  }
}

/**
 * CPU seconds used so far by every PostgreSQL process on this machine: the live ones plus the
 * backends already reaped by the postmaster. Null when /proc is not readable.
 */
export function postgresCpuSeconds(): number | null {
  try {
    let ticks = 0;
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      const stat = procStat(pid);
      if (!stat || stat.comm !== "postgres") continue;
      ticks += stat.self;
      const parent = procStat(String(stat.ppid));
      if (parent?.comm !== "postgres") ticks += stat.children; // the postmaster: its reaped backends
    }
    return ticks / ticksPerSecond;
  } catch {
    return null;
  }
}

/** CPU seconds the whole machine spent busy (all cores), from /proc/stat; null when unreadable. */
export function machineBusySeconds(): number | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return (user! + nice! + system! + irq! + softirq! + steal!) / ticksPerSecond;
  } catch {
    return null;
  }
}

export type CpuSample = { wall: number; node: NodeJS.CpuUsage; postgres: number | null; machine: number | null };

export function cpuSample(): CpuSample {
  return { wall: performance.now(), node: process.cpuUsage(), postgres: postgresCpuSeconds(), machine: machineBusySeconds() };
}

/** Busy share of one core over the interval (1.0 = one core fully busy). */
export function cpuSince(start: CpuSample) {
  const end = cpuSample();
  const wall = (end.wall - start.wall) / 1000;
  const nodeSeconds = (end.node.user - start.node.user + end.node.system - start.node.system) / 1e6;
  const pgSeconds = start.postgres !== null && end.postgres !== null ? end.postgres - start.postgres : null;
  const machineSeconds = start.machine !== null && end.machine !== null ? end.machine - start.machine : null;
  // What the rest of the machine used meanwhile: a busy neighbour skews every figure.
  const otherSeconds = machineSeconds === null || pgSeconds === null ? null : Math.max(0, machineSeconds - nodeSeconds - pgSeconds);
  return {
    wallSeconds: wall,
    nodeCores: nodeSeconds / wall,
    postgresCores: pgSeconds === null ? null : pgSeconds / wall,
    otherCores: otherSeconds === null ? null : otherSeconds / wall,
  };
}

// ─── SQL timing counters (BENCH_SQL_STATS=1) ────────────────────────────────────────────

type StatementStats = { count: number; totalMs: number; maxMs: number; rows: number };
const statements = new Map<string, StatementStats>();
let poolWait = { count: 0, totalMs: 0, maxMs: 0 };
let installed = false;

function label(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 110);
}

/**
 * Wraps pg's Client.query and Pool.connect to count statements and their round-trip time as
 * the client sees it (queueing on the connection and event-loop delay included).
 */
export function installSqlCounters(): void {
  if (installed) return;
  installed = true;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === "string" ? first : first && typeof first === "object" && "text" in first ? String((first as { text: unknown }).text) : null;
    if (text === null) return original.apply(this, args);
    const started = performance.now();
    const key = label(text);
    const record = (value: unknown) => {
      const ms = performance.now() - started;
      const stats = statements.get(key) ?? { count: 0, totalMs: 0, maxMs: 0, rows: 0 };
      stats.count++;
      stats.totalMs += ms;
      stats.maxMs = Math.max(stats.maxMs, ms);
      stats.rows += (value as { rowCount?: number } | undefined)?.rowCount ?? 0;
      statements.set(key, stats);
    };
    const last = args[args.length - 1];
    if (typeof last === "function") {
      // Callback form (pg-pool's pool.query uses it).
      args[args.length - 1] = (error: unknown, value: unknown) => {
        record(value);
        return (last as (e: unknown, v: unknown) => unknown)(error, value);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (!(result instanceof Promise)) return result;
    return result.then((value: unknown) => {
      record(value);
      return value;
    });
  };
  const poolProto = pg.Pool.prototype as unknown as { connect: (...args: unknown[]) => unknown };
  const connect = poolProto.connect;
  poolProto.connect = function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    const record = () => {
      const ms = performance.now() - started;
      poolWait = { count: poolWait.count + 1, totalMs: poolWait.totalMs + ms, maxMs: Math.max(poolWait.maxMs, ms) };
    };
    const callback = args[0];
    if (typeof callback === "function") {
      return connect.call(this, (error: unknown, client: unknown, done: unknown) => {
        record();
        return (callback as (e: unknown, c: unknown, d: unknown) => unknown)(error, client, done);
      });
    }
    const result = connect.apply(this, args);
    if (!(result instanceof Promise)) return result;
    return result.then((client: unknown) => {
      record();
      return client;
    });
  };
}

export function takeSqlStats() {
  const rows = [...statements.entries()].map(([sql, s]) => ({ sql, ...s, meanMs: s.totalMs / s.count })).sort((a, b) => b.totalMs - a.totalMs);
  const wait = poolWait;
  statements.clear();
  poolWait = { count: 0, totalMs: 0, maxMs: 0 };
  return { statements: rows, poolConnect: wait };
}
