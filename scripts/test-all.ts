// `npm test`: every suite in turn — typecheck, lint, unit + integration (Vitest, real
// PostgreSQL), the Playwright e2e suite against a production build, then reliability (load,
// isolation, faults; tests/reliability/run.ts) — and one total.
// The last line is "N passed, N failed" over all suites.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { createTestDatabase } from "./db/test-database";
import { projectRoot } from "./db/schema-engine";
import { secretsIn } from "../tests/secrets-in-logs";

type SuiteResult = { suite: string; passed: number; failed: number; seconds: number };
const results: SuiteResult[] = [];
const bin = (name: string) => path.join(projectRoot, "node_modules/.bin", name);
const only = process.argv.slice(2);

/** Runs a command with its output shown; `capture` also keeps a copy of it (stdout and stderr). */
function run(cmd: string, args: string[], env: Record<string, string> = {}, capture?: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: projectRoot, stdio: capture ? ["inherit", "pipe", "pipe"] : "inherit", env: { ...process.env, ...env } });
    if (capture) {
      child.stdout!.on("data", (chunk: Buffer) => void (process.stdout.write(chunk), capture.push(chunk.toString())));
      child.stderr!.on("data", (chunk: Buffer) => void (process.stderr.write(chunk), capture.push(chunk.toString())));
    }
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Secrets that must never reach a log: anything shaped like one (tests/secrets-in-logs.ts), the
 * password a merchant types in the e2e suite, and the app's own secrets. Not the demo users'
 * password: it is public (the README's), and the demo seed prints it for `npm run dev`.
 */
function leakedIn(log: string): string[] {
  return secretsIn(log, [
    ["a password a merchant typed in the e2e suite", "a long enough password"],
    ["AUTH_SECRET", secrets.AUTH_SECRET],
    ["APP_ENCRYPTION_KEY", secrets.APP_ENCRYPTION_KEY],
  ]);
}

async function suite(name: string, body: () => Promise<{ passed: number; failed: number }>) {
  if (only.length && !only.includes(name)) return;
  console.log(`\n━━ ${name} ━━`);
  const start = Date.now();
  let outcome: { passed: number; failed: number };
  try {
    outcome = await body();
  } catch (e) {
    console.error(`${name} could not run:`, e);
    outcome = { passed: 0, failed: 1 };
  }
  results.push({ suite: name, ...outcome, seconds: Math.round((Date.now() - start) / 1000) });
}

/** A step with no test count of its own counts as one test. */
const asOne = (code: number) => ({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
}

const secrets = { AUTH_SECRET: randomBytes(32).toString("base64url"), APP_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
const resultsDir = path.join(projectRoot, "test-results");

await suite("typecheck", async () => asOne(await run(bin("tsc"), ["--noEmit"])));

await suite("lint", async () => asOne(await run(bin("eslint"), [".", "--max-warnings", "0"])));

await suite("unit+integration", async () => {
  const out = path.join(resultsDir, "vitest.json");
  rmSync(out, { force: true });
  const code = await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  const report = readJson<{ numPassedTests: number; numFailedTests: number }>(out);
  if (!report) return asOne(code || 1);
  // A crash outside any test (setup, import) still fails the suite.
  return { passed: report.numPassedTests, failed: report.numFailedTests + (code !== 0 && report.numFailedTests === 0 ? 1 : 0) };
});

await suite("e2e", async () => {
  const built = await run(bin("next"), ["build"], { NEXT_TELEMETRY_DISABLED: "1" });
  if (built !== 0) return { passed: 0, failed: 1 };
  const database = await createTestDatabase("e2e");
  // A second app on its own database, with no executor inside: the e2e drives it over HTTP.
  const httpDatabase = await createTestDatabase("e2e_http");
  // A third, delivering to a receiver on 127.0.0.1 (insecure URLs allowed, retries scaled down).
  const deliveryDatabase = await createTestDatabase("e2e_delivery");
  const out = path.join(resultsDir, "e2e.json");
  rmSync(out, { force: true });
  // The three apps' logs come through Playwright's output (webServer stdout: "pipe").
  const output: string[] = [];
  try {
    const code = await run(
      bin("playwright"),
      ["test"],
      {
        ...secrets,
        DATABASE_URL: database.url,
        SEED_DEMO_DATA: "1",
        E2E_HTTP_DATABASE_URL: httpDatabase.url,
        E2E_DELIVERY_DATABASE_URL: deliveryDatabase.url,
      },
      output,
    );
    const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(out);
    if (!report) return asOne(code || 1);
    // One more test: signing in, creating and rotating keys, delivering — and no secret logged.
    const leaked = leakedIn(output.join(""));
    console.log(leaked.length ? `✗ the e2e run's logs hold ${leaked.join(", ")}` : "✓ no secret in the e2e run's logs (app servers' output included)");
    return {
      passed: report.stats.expected + report.stats.flaky + (leaked.length ? 0 : 1),
      failed: report.stats.unexpected + (code !== 0 && report.stats.unexpected === 0 ? 1 : 0) + (leaked.length ? 1 : 0),
    };
  } finally {
    await database.drop();
    await httpDatabase.drop();
    await deliveryDatabase.drop();
  }
});

// Load, isolation and faults (issue 9): each scenario one test; see tests/reliability/run.ts.
await suite("reliability", async () => {
  const out = path.join(resultsDir, "reliability.json");
  rmSync(out, { force: true });
  const code = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(projectRoot, "tests/reliability/run.ts")], {
    ...secrets,
    RELIABILITY_SUMMARY_FILE: out,
  });
  const report = readJson<{ passed: number; failed: number }>(out);
  if (!report) return asOne(code || 1);
  return { passed: report.passed, failed: report.failed + (code !== 0 && report.failed === 0 ? 1 : 0) };
});

console.log("\nsuite              passed  failed  seconds");
for (const r of results) console.log(`${r.suite.padEnd(18)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.seconds).padStart(7)}`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || results.length === 0 ? 1 : 0);
