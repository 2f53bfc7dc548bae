// SIGKILL the process running the executor mid-run, twice, and let a fresh one finish:
// every run completes and no step whose result was recorded before a kill runs again.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { crashCatalog, crashSteps } from "./crash-functions";
import { testClient, testDatabase, waitForRuns } from "./harness";

const runs = 40;
let database: Awaited<ReturnType<typeof testDatabase>>;
let app: ReturnType<typeof testClient>;
const logFile = path.join(tmpdir(), `executor-crash-${process.pid}-${Date.now()}.log`);
const children: ChildProcess[] = [];

beforeAll(async () => {
  database = await testDatabase("executor_crash");
  app = testClient("crash", database.url, crashCatalog);
  writeFileSync(logFile, "");
});

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await app?.pool.end();
  await database?.drop();
});

function startWorker(): Promise<ChildProcess> {
  // `node --import tsx`, not the tsx CLI: the CLI runs the script in a grandchild that SIGKILL would miss.
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("tests/executor/crash-worker.ts"), database.url, logFile], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve(child));
    child.on("exit", (code) => reject(new Error(`crash worker exited with ${code} before it was ready`)));
  });
}

const lines = () => readFileSync(logFile, "utf8").trim().split("\n").filter(Boolean);

async function until(condition: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Kills the worker while at least one step is inside its body; returns the steps recorded by then. */
async function killMidStep(child: ChildProcess, afterEnds: number): Promise<Set<string>> {
  const ends = () => lines().filter((l) => l.startsWith("end")).length;
  await until(() => ends() >= afterEnds);
  await until(() => {
    const open = new Map<string, number>();
    for (const l of lines()) {
      const [kind, run, step] = l.split(" ");
      const key = `${run} ${step}`;
      open.set(key, (open.get(key) ?? 0) + (kind === "start" ? 1 : -1));
    }
    return [...open.values()].some((n) => n > 0);
  });
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
  appendFileSync(logFile, "KILL\n");
  const { rows } = await app.pool.query<{ run_id: string; name: string }>(`SELECT run_id, name FROM executor_step`);
  return new Set(rows.map((r) => `${r.run_id} ${r.name}`));
}

it(
  "completes every run after SIGKILLs between and inside steps, never re-running a recorded step",
  async () => {
    const first = await startWorker();
    await app.client.send(Array.from({ length: runs }, (_, i) => ({ name: "test/crash" as const, data: { i } })));

    const recordedAtFirstKill = await killMidStep(first, 30);
    const second = await startWorker();
    const recordedAtSecondKill = await killMidStep(second, lines().filter((l) => l.startsWith("end")).length + 40);
    await startWorker();

    const finished = await waitForRuns(app.pool, "crash-crashy", runs, 60_000);
    expect(finished.filter((r) => r.status !== "COMPLETED").map((r) => r.error)).toEqual([]);
    expect(finished.every((r) => r.output === crashSteps.length)).toBe(true);

    // Starts of each step, split at the kills.
    const log = lines();
    const kills = log.flatMap((l, i) => (l === "KILL" ? [i] : []));
    expect(kills).toHaveLength(2);
    const startsAfter = (index: number, key: string) => log.slice(index + 1).filter((l) => l === `start ${key}`).length;
    for (const key of recordedAtFirstKill) expect(startsAfter(kills[0]!, key), `${key} ran again after the first kill`).toBe(0);
    for (const key of recordedAtSecondKill) expect(startsAfter(kills[1]!, key), `${key} ran again after the second kill`).toBe(0);

    // Every step is recorded once; steps cut off mid-body ran again (allowed): count them.
    const { rows } = await app.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM executor_step`);
    expect(rows[0]!.n).toBe(runs * crashSteps.length);
    const starts = log.filter((l) => l.startsWith("start")).length;
    const rerunInterrupted = starts - runs * crashSteps.length;
    console.log(
      `crash test: ${runs} runs, 2 SIGKILLs; steps recorded before the kills: ${recordedAtFirstKill.size} and ${recordedAtSecondKill.size}; ` +
        `re-run after a recorded result: 0; interrupted mid-step and run again: ${rerunInterrupted}`,
    );
    expect(rerunInterrupted).toBeGreaterThanOrEqual(1); // a kill did land inside a step
  },
  120_000,
);
