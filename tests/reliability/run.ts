// `npm run test:reliability` (issue 9): load, isolation and faults against the real delivery
// path — the app's background side (the real Inngest functions under the embedded executor) in
// a child process, receivers (node:http, signatures checked) in another, events written to the
// outbox at a steady rate — each scenario ending with lost = 0. Prints a table and one summary
// line; exits non-zero when a scenario loses a delivery or breaks a bound. Each scenario runs in
// its own process on its own database (tests/reliability/scenario.ts); this one only compares.
//
// Env: RELIABILITY_LOAD_SECONDS (120) and RELIABILITY_LOAD_RATE (200 events/s, × 3 webhooks),
// RELIABILITY_ISOLATION_SECONDS (60) and _RATE (10 events/s, × 20 healthy webhooks + 2 bad),
// RELIABILITY_FAULT_SECONDS (20) and _RATE (100), RELIABILITY_RECEIVER_DOWN_SECONDS (30),
// RELIABILITY_RSS_BOUND (1.5), RELIABILITY_ISOLATION_BOUND (2), RELIABILITY_ONLY (comma list
// of scenario names), RELIABILITY_SUMMARY_FILE (JSON {passed, failed}, for scripts/test-all.ts).
// "ssrf" runs the app with the production URL policy against webhooks whose host names a DNS
// rebinding resolver (a test hook) answers with loopback, the metadata address, a private and
// an IPv6 loopback address: each attempt must be refused (blocked_url) with no connection made.
//
// Diagnosis: RELIABILITY_DEBUG=1 writes each healthy delivery's latency (event index, webhook,
// write time, ms) to test-results/reliability/<scenario>.latencies.json and the worker's
// event-loop delay and utilisation every 250 ms to its log; RELIABILITY_KEEP_DB=1 keeps the
// scenario's database (executor_run/executor_step hold each run's and step's timing);
// WORKER_CPU_PROFILE=<file> writes a CPU profile of the worker's first 25 s.
// Fault "pg-restart" runs `pg_ctlcluster 15 main restart`: every database on that cluster sees it.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { scenarioConfig, scenarioNames, settings, type ScenarioName, type ScenarioResult } from "./scenarios";

const root = path.resolve(import.meta.dirname, "../..");
const logDir = path.join(root, "test-results/reliability");
mkdirSync(logDir, { recursive: true });
const only = process.env.RELIABILITY_ONLY?.split(",").map((s) => s.trim()).filter(Boolean);
const s = settings();
const started = Date.now();

function runScenario(name: ScenarioName): Promise<ScenarioResult | { name: ScenarioName; error: string }> {
  const resultFile = path.join(logDir, `${name}.json`);
  rmSync(resultFile, { force: true });
  const config = scenarioConfig(name);
  const budgetMs = (config.seconds + config.downSeconds + config.settleSeconds + 120) * 1000;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "scenario.ts"), name], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, RELIABILITY_RESULT_FILE: resultFile, RELIABILITY_LOG_DIR: logDir },
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), budgetMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(readFileSync(resultFile, "utf8")));
      } catch {
        resolve({ name, error: `the scenario process exited (${code ?? signal}) without a result${signal === "SIGKILL" ? ` (killed after ${budgetMs / 1000} s)` : ""}` });
      }
    });
  });
}

type Row = { name: ScenarioName; result?: ScenarioResult; error?: string; failures: string[]; notes: string[] };
const rows: Row[] = [];
for (const name of scenarioNames) {
  if (only && !only.includes(name) && !(name === "isolation-baseline" && only.includes("isolation"))) continue;
  console.log(`\n── reliability: ${name} ──`);
  const outcome = await runScenario(name);
  if ("error" in outcome) {
    rows.push({ name, error: outcome.error, failures: [`could not run: ${outcome.error.split("\n")[0]}`], notes: [] });
    continue;
  }
  const r = outcome;
  const failures: string[] = [];
  const notes = [...r.notes];
  if (r.lost !== 0) failures.push(`lost ${r.lost}`);
  if (!r.complete) failures.push(`not every healthy delivery arrived within ${scenarioConfig(name).settleSeconds} s of the last write`);
  if (r.deliveries !== r.expectedDeliveries) failures.push(`${r.deliveries} deliveries recorded, ${r.expectedDeliveries} expected`);
  if (r.unknown) failures.push(`${r.unknown} requests with message ids the database does not know`);
  if (r.badSignatures) failures.push(`${r.badSignatures} bad signatures`);
  if (r.secretsInLogs) failures.push(`${r.secretsInLogs} lines of the app's log hold an API key or signing secret`);
  const config = scenarioConfig(name);
  if (r.achievedRate < config.rate * 0.95) failures.push(`the driver wrote only ${r.achievedRate.toFixed(0)} of ${config.rate} events/s`);
  if (name === "load") {
    // Why 1.5×: after warm-up the app holds no per-event state (runs and steps live in PostgreSQL),
    // so RSS should only saw-tooth with GC; growth beyond half again in a steady load is a leak
    // (at 200 events/s × 120 s, ~1 KB retained per delivery would already add ~70 MB).
    if (r.rssStartMb && r.rssLoadEndMb) {
      notes.unshift(`RSS ${r.rssStartMb.toFixed(0)} MB after ${config.warmupSeconds} s → ${r.rssLoadEndMb.toFixed(0)} MB at load end (peak ${r.rssPeakMb?.toFixed(0)}, ${r.rssEndMb?.toFixed(0)} settled)`);
      if (r.rssLoadEndMb > s.rssBound * r.rssStartMb) failures.push(`RSS grew ${(r.rssLoadEndMb / r.rssStartMb).toFixed(2)}× (bound ${s.rssBound}×)`);
    } else failures.push("no RSS samples");
  }
  if (r.ssrf) {
    if (r.ssrf.connections > 0) failures.push(`SSRF: the internal receivers saw ${r.ssrf.connections} connections`);
    if (r.ssrf.otherOutcomes.length > 0) failures.push(`SSRF: attempts to rebinding hosts ended as ${r.ssrf.otherOutcomes.join(", ")}, not blocked_url`);
    if (r.ssrf.hooksNeverAttempted > 0) failures.push(`SSRF: ${r.ssrf.hooksNeverAttempted} webhooks were never attempted (nothing shown)`);
  }
  if (name === "isolation") {
    const baseline = rows.find((x) => x.name === "isolation-baseline")?.result;
    if (!baseline?.p99Ms || r.p99Ms === null) failures.push("no baseline p99 to compare with");
    else {
      notes.unshift(`healthy p99 ${(r.p99Ms / baseline.p99Ms).toFixed(2)}× baseline (bound ${s.isolationBound}×)`);
      if (r.p99Ms > s.isolationBound * baseline.p99Ms) failures.push(`healthy p99 ${r.p99Ms.toFixed(0)} ms > ${s.isolationBound} × baseline ${baseline.p99Ms.toFixed(0)} ms`);
    }
  }
  rows.push({ name, result: r, failures, notes });
}

const fmt = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? "n/a" : x.toFixed(digits));
const table: string[][] = [["scenario", "events", "deliveries", "delivered", "lost", "duplicates", "p50 / p99 event→1st attempt", "time", "result", "notes"]];
for (const row of rows) {
  const r = row.result;
  table.push([
    row.name,
    r ? `${r.events} (${r.achievedRate.toFixed(0)}/s)` : "-",
    r ? `${r.deliveries}/${r.expectedDeliveries}` : "-",
    r ? String(r.delivered) + (r.retrying ? ` (+${r.retrying} retrying)` : "") : "-",
    r ? String(r.lost) : "-",
    r ? String(r.duplicates) : "-",
    r ? `${fmt(r.p50Ms)} / ${fmt(r.p99Ms)} ms` : "-",
    r ? `${r.seconds.toFixed(0)} s` : "-",
    row.failures.length ? "FAIL" : "ok",
    [...row.failures.map((f) => `✗ ${f}`), ...row.notes].join("; "),
  ]);
}
const widths = table[0]!.map((_, c) => Math.max(...table.slice(0, undefined).map((r) => (c === 9 ? 0 : r[c]!.length))));
console.log(`\nReliability — load ${s.loadRate}/s × ${s.loadSeconds} s, isolation ${s.isolationRate}/s × ${s.isolationSeconds} s, faults ${s.faultRate}/s × ${s.faultSeconds} s, receiver down ${s.receiverDownSeconds} s\n`);
for (const r of table) console.log(r.map((cell, c) => (c === 9 ? cell : cell.padEnd(widths[c]!))).join("  "));
const passed = rows.filter((r) => r.failures.length === 0).length;
const failed = rows.length - passed;
if (process.env.RELIABILITY_SUMMARY_FILE) writeFileSync(process.env.RELIABILITY_SUMMARY_FILE, JSON.stringify({ passed, failed }));
const lost = rows.reduce((n, r) => n + (r.result?.lost ?? 0), 0);
console.log(`\nreliability: ${passed} passed, ${failed} failed — lost ${lost} in all, ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed > 0 || rows.length === 0 ? 1 : 0);
