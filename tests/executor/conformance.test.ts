// The embedded executor driving real `inngest` SDK functions through the real serve() handler.
import { eventType, NonRetriableError, type InngestFunction } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { catalogOf } from "@/lib/executor/event-catalog";
import type { EmbeddedExecutor } from "@/lib/executor/executor";
import { handlersFor, inProcessTransport, startExecutor, stepsOf, testClient, testDatabase, waitForRuns } from "./harness";

const twoSteps = eventType("test/two-steps", { schema: z.object({ n: z.number() }) });
const flaky = eventType("test/flaky", { schema: z.object({ failures: z.number().int() }) });
const doomed = eventType("test/doomed");
const keyed = eventType("test/keyed", { schema: z.object({ key: z.string(), i: z.number() }) });
const once = eventType("test/once");
const batched = eventType("test/batched", { schema: z.object({ i: z.number() }) });
const fanned = eventType("test/parallel");
const chained = eventType("test/chained", { schema: z.object({ from: z.string() }) });
const weird = eventType("test/weird-output");
const waiter = eventType("test/sleep-until", { schema: z.object({ at: z.string() }) });
const grouped = eventType("test/grouped", { schema: z.object({ shop: z.string(), i: z.number() }) });
const catalog = catalogOf([twoSteps, flaky, doomed, keyed, once, batched, fanned, chained, weird, waiter, grouped]);

const executed: Record<string, number> = {};
const count = (name: string) => (executed[name] = (executed[name] ?? 0) + 1);
const keyedSpans: { key: string; start: number; end: number }[] = [];
const batchesSeen: number[][] = [];

let database: Awaited<ReturnType<typeof testDatabase>>;
let executor: EmbeddedExecutor;
let app: ReturnType<typeof testClient>;
let fnId: (id: string) => string;

beforeAll(async () => {
  database = await testDatabase("executor_conformance");
  app = testClient("conformance", database.url, catalog);
  const { client } = app;
  fnId = (id) => `conformance-${id}`;
  const functions: InngestFunction.Any[] = [
    client.createFunction({ id: "two-steps", triggers: [twoSteps] }, async ({ event, step }) => {
      const a = await step.run("a", () => count("two-steps/a") && event.data.n + 1);
      await step.sleep("pause", "1s");
      const b = await step.run("b", () => count("two-steps/b") && a * 10);
      return { a, b };
    }),
    client.createFunction({ id: "flaky", triggers: [flaky], retries: 3 }, async ({ event, step, attempt }) => {
      return step.run("shaky", () => {
        count("flaky/shaky");
        if (attempt < event.data.failures) throw new Error(`failure ${attempt + 1}`);
        return `ok after ${attempt} retries`;
      });
    }),
    client.createFunction({ id: "doomed", triggers: [doomed], retries: 5 }, async ({ step }) => {
      await step.run("refuse", () => {
        count("doomed/refuse");
        throw new NonRetriableError("this input can never work");
      });
    }),
    client.createFunction({ id: "keyed", triggers: [keyed], concurrency: { limit: 1, key: "event.data.key" } }, async ({ event, step }) => {
      await step.run("hold", async () => {
        const start = Date.now();
        await new Promise((r) => setTimeout(r, 150));
        keyedSpans.push({ key: event.data.key, start, end: Date.now() });
      });
    }),
    client.createFunction({ id: "once", triggers: [once] }, async ({ step }) => step.run("count", () => count("once/count"))),
    client.createFunction({ id: "batched", triggers: [batched], batchEvents: { maxSize: 100, timeout: "1s" } }, async ({ events, step }) => {
      const seen = events.map((e: { data: { i: number } }) => e.data.i);
      await step.run("record", () => batchesSeen.push(seen));
      return seen.length;
    }),
    client.createFunction({ id: "parallel", triggers: [fanned] }, async ({ step }) => {
      const parts = await Promise.all(["x", "y", "z"].map((p) => step.run(p, () => count(`parallel/${p}`) && p.toUpperCase())));
      const sent = await step.sendEvent("emit", { name: "test/chained", data: { from: parts.join("") } });
      return { parts, sent: sent.ids.length };
    }),
    client.createFunction({ id: "chained", triggers: [chained] }, async ({ event }) => `got ${event.data.from}`),
    client.createFunction({ id: "weird-output", triggers: [weird] }, async () => ({ big: 10n }) as unknown as string),
    client.createFunction({ id: "sleep-until", triggers: [waiter] }, async ({ event, step }) => {
      await step.sleepUntil("until", new Date(event.data.at));
      return step.run("woke", () => Date.now());
    }),
    client.createFunction({ id: "grouped", triggers: [grouped], batchEvents: { maxSize: 3, timeout: "1s", key: "event.data.shop" } }, async ({ events }) =>
      events.map((e: { data: { shop: string; i: number } }) => `${e.data.shop}${e.data.i}`),
    ),
  ];
  executor = startExecutor(database.url, inProcessTransport(handlersFor(client, functions)));
  await executor.start();
});

afterAll(async () => {
  await executor?.stop();
  await app?.pool.end();
  await database?.drop();
});

describe("embedded executor, in-process through the SDK's serve() handler", () => {
  it("runs two steps around a 1 s sleep, each step executed once", async () => {
    const started = Date.now();
    await app.client.send({ name: "test/two-steps", data: { n: 4 } });
    const [run] = await waitForRuns(app.pool, fnId("two-steps"), 1);
    expect(run!.status).toBe("COMPLETED");
    expect(run!.output).toEqual({ a: 5, b: 50 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(executed["two-steps/a"]).toBe(1);
    expect(executed["two-steps/b"]).toBe(1);
    expect((await stepsOf(app.pool, run!.id)).map((s) => [s.name, s.op])).toEqual([
      ["a", "StepRun"],
      ["pause", "Sleep"],
      ["b", "StepRun"],
    ]);
  });

  it("retries a throwing step with backoff until it succeeds", async () => {
    await app.client.send({ name: "test/flaky", data: { failures: 2 } });
    const [run] = await waitForRuns(app.pool, fnId("flaky"), 1);
    expect(run!.status).toBe("COMPLETED");
    expect(run!.output).toBe("ok after 2 retries");
    expect(executed["flaky/shaky"]).toBe(3);
    const [step] = await stepsOf(app.pool, run!.id);
    expect(step!.attempts).toBe(3);
  });

  it("fails the run on NonRetriableError without retrying", async () => {
    await app.client.send({ name: "test/doomed", data: {} });
    const [run] = await waitForRuns(app.pool, fnId("doomed"), 1);
    expect(run!.status).toBe("FAILED");
    expect(JSON.stringify(run!.error)).toContain("this input can never work");
    expect(executed["doomed/refuse"]).toBe(1);
  });

  it("serialises runs of one concurrency key while other keys proceed", async () => {
    await app.client.send([0, 1, 2].flatMap((i) => [{ name: "test/keyed" as const, data: { key: "A", i } }, { name: "test/keyed" as const, data: { key: "B", i } }]));
    await waitForRuns(app.pool, fnId("keyed"), 6);
    for (const key of ["A", "B"]) {
      const spans = keyedSpans.filter((s) => s.key === key).sort((x, y) => x.start - y.start);
      expect(spans).toHaveLength(3);
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    }
    // The keys ran beside each other: some A overlapped some B.
    const a = keyedSpans.filter((s) => s.key === "A");
    const b = keyedSpans.filter((s) => s.key === "B");
    expect(a.some((x) => b.some((y) => x.start < y.end && y.start < x.end))).toBe(true);
  });

  it("runs an event sent twice with one idempotency key once", async () => {
    const first = await app.client.send({ name: "test/once", data: {}, id: "order-42" });
    const second = await app.client.send({ name: "test/once", data: {}, id: "order-42" });
    expect(second.ids).toEqual(first.ids);
    await waitForRuns(app.pool, fnId("once"), 1);
    await new Promise((r) => setTimeout(r, 300));
    const { rows } = await app.pool.query(`SELECT id FROM executor_run WHERE function_id = $1`, [fnId("once")]);
    expect(rows).toHaveLength(1);
    expect(executed["once/count"]).toBe(1);
  });

  it("gathers 250 events into batches of at most 100: 3 runs that see each event once", async () => {
    await app.client.send(Array.from({ length: 250 }, (_, i) => ({ name: "test/batched" as const, data: { i } })));
    const runs = await waitForRuns(app.pool, fnId("batched"), 3);
    expect(runs).toHaveLength(3);
    expect(runs.map((r) => r.output).sort()).toEqual([100, 100, 50].sort());
    const seen = batchesSeen.flat().sort((x, y) => x - y);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it("starts a lone event of an idle batch function at once instead of waiting out its 1 s window", async () => {
    const before = (await app.pool.query(`SELECT count(*)::int AS n FROM executor_run WHERE function_id = $1`, [fnId("batched")])).rows[0].n as number;
    const sent = Date.now();
    await app.client.send({ name: "test/batched", data: { i: 1000 } });
    const runs = await waitForRuns(app.pool, fnId("batched"), before + 1);
    expect(Date.now() - sent).toBeLessThan(700); // the window is 1 s
    expect(runs.at(-1)!.output).toBe(1);
  });

  it("runs parallel steps once each and delivers step.sendEvent to the next function", async () => {
    await app.client.send({ name: "test/parallel", data: {} });
    const [run] = await waitForRuns(app.pool, fnId("parallel"), 1);
    expect(run!.status).toBe("COMPLETED");
    expect(run!.output).toEqual({ parts: ["X", "Y", "Z"], sent: 1 });
    for (const p of ["x", "y", "z"]) expect(executed[`parallel/${p}`]).toBe(1);
    const [next] = await waitForRuns(app.pool, fnId("chained"), 1);
    expect(next!.output).toBe("got XYZ");
  });
});

describe("timers and batch keys", () => {
  it("wakes a step.sleepUntil at its time", async () => {
    const at = new Date(Date.now() + 1200);
    await app.client.send({ name: "test/sleep-until", data: { at: at.toISOString() } });
    const [run] = await waitForRuns(app.pool, fnId("sleep-until"), 1);
    expect(run!.status).toBe("COMPLETED");
    expect(run!.output as number).toBeGreaterThanOrEqual(at.getTime());
  });

  it("starts the run of an event with a future ts then, holding no concurrency slot until it is due", async () => {
    const at = Date.now() + 1200;
    await app.client.send({ name: "test/keyed", data: { key: "later", i: 0 }, ts: at });
    await app.client.send({ name: "test/keyed", data: { key: "later", i: 1 } });
    await waitForRuns(app.pool, fnId("keyed"), 8);
    const spans = keyedSpans.filter((s) => s.key === "later").sort((x, y) => x.start - y.start);
    expect(spans).toHaveLength(2);
    // The event without ts ran first, at once: the delayed run did not take the key's only slot.
    expect(spans[0]!.start).toBeLessThan(at - 500);
    expect(spans[1]!.start).toBeGreaterThanOrEqual(at);
  });

  it("batches events per key: 4 of shop a and 2 of shop b make [a,a,a], [a] and [b,b]", async () => {
    const events = [..."aabaab"].map((shop, i) => ({ name: "test/grouped" as const, data: { shop, i } }));
    await app.client.send(events);
    const runs = await waitForRuns(app.pool, fnId("grouped"), 3);
    expect(runs.map((r) => r.output as string[]).sort((x, y) => x.join().localeCompare(y.join()))).toEqual([
      ["a0", "a1", "a3"],
      ["a4"],
      ["b2", "b5"],
    ]);
  });
});

describe("bad input", () => {
  it("refuses an event with an unknown name, and records it", async () => {
    await expect(app.client.send({ name: "test/nobody-knows", data: {} })).rejects.toThrow(/Unknown event "test\/nobody-knows"/);
    // The SDK retries a refused send; the refusal is kept once, with how often it came.
    const { rows } = await app.pool.query(`SELECT reason, occurrences FROM executor_rejected_event WHERE name = 'test/nobody-knows'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].reason).toContain("no such event is defined");
    expect(rows[0].occurrences).toBeGreaterThanOrEqual(1);
    const { rows: events } = await app.pool.query(`SELECT id FROM "OutboxEvent" WHERE name = 'test/nobody-knows'`);
    expect(events).toHaveLength(0);
  });

  it("refuses a payload that fails its schema, naming the field", async () => {
    await expect(app.client.send({ name: "test/keyed", data: { key: 7 } as never })).rejects.toThrow(/Invalid "test\/keyed" event: key: .*; i: /);
    const { rows } = await app.pool.query(`SELECT reason FROM executor_rejected_event WHERE name = 'test/keyed'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].reason).toMatch(/^Invalid "test\/keyed" event: key: /);
  });

  it("fails a run whose function returns output that is not JSON, with a clear message", async () => {
    await app.client.send({ name: "test/weird-output", data: {} });
    const [run] = await waitForRuns(app.pool, fnId("weird-output"), 1);
    expect(run!.status).toBe("FAILED");
    expect(JSON.stringify(run!.error)).toMatch(/BigInt|not JSON/);
  });
});
