// The executor over real HTTP (the SDK's handler behind a Node HTTP server, signed requests
// both ways), and two executor processes' worth of workers sharing one database.
import { createServer, type Server } from "node:http";
import { eventType } from "inngest";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { catalogOf } from "@/lib/executor/event-catalog";
import type { EmbeddedExecutor } from "@/lib/executor/executor";
import { signRequest } from "@/lib/executor/protocol";
import { handlersFor, httpTransport, inProcessTransport, startExecutor, stepsOf, testClient, testDatabase, waitForRuns } from "./harness";

const viaHttp = eventType("test/http", { schema: z.object({ n: z.number() }) });
const shared = eventType("test/shared", { schema: z.object({ i: z.number() }) });
const catalog = catalogOf([viaHttp, shared]);

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: ReturnType<typeof testClient>;
let server: Server;
let baseUrl: string;
const executors: EmbeddedExecutor[] = [];
const executions = new Map<string, number>();
let handlers: ReturnType<typeof handlersFor>;

beforeAll(async () => {
  database = await testDatabase("executor_http");
  app = testClient("wire", database.url, catalog);
  const { client } = app;
  handlers = handlersFor(client, [
    client.createFunction({ id: "over-http", triggers: [viaHttp] }, async ({ event, step }) => {
      const doubled = await step.run("double", () => event.data.n * 2);
      await step.sleep("nap", "1s");
      return step.run("add", () => doubled + 1);
    }),
    client.createFunction({ id: "shared", triggers: [shared] }, async ({ runId, step }) => {
      for (const name of ["one", "two", "three"]) {
        await step.run(name, async () => {
          const key = `${runId} ${name}`;
          executions.set(key, (executions.get(key) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 2));
        });
      }
    }),
  ]);
  // A real HTTP server in front of the SDK's Next.js handler.
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new NextRequest(new URL(req.url!, baseUrl), {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    const response = await (req.method === "PUT" ? handlers.PUT : req.method === "GET" ? handlers.GET : handlers.POST)(request, undefined);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(async () => {
  await Promise.all(executors.map((e) => e.stop()));
  server?.close();
  await app?.pool.end();
  await database?.drop();
});

describe("over real HTTP", () => {
  it("syncs, runs two steps around a sleep, and the handler refuses unsigned or forged calls", async () => {
    const executor = startExecutor(database.url, httpTransport(), { serveUrl: `${baseUrl}/api/inngest` });
    executors.push(executor);
    await executor.start();
    await app.client.send({ name: "test/http", data: { n: 20 } });
    const [run] = await waitForRuns(app.pool, "wire-over-http", 1);
    expect(run!.status).toBe("COMPLETED");
    expect(run!.output).toBe(41);
    expect((await stepsOf(app.pool, run!.id)).map((s) => s.name)).toEqual(["double", "nap", "add"]);

    const url = `${baseUrl}/api/inngest?fnId=wire-over-http&stepId=step`;
    const body = { event: { name: "test/http", data: { n: 1 } }, events: [], steps: {}, ctx: { run_id: "forged", attempt: 0, max_attempts: 1, stack: { stack: [], current: 0 } } };
    const unsigned = await fetch(url, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
    expect(unsigned.status).toBe(401);
    const forged = await fetch(url, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", "x-inngest-signature": signRequest(body, "signkey-embedded-" + "ab".repeat(32)) },
    });
    expect(forged.status).toBe(401);
  });
});

describe("two workers on one database", () => {
  it("share the runs (with the HTTP worker: three) and never execute a step twice", async () => {
    const workers = [1, 2].map(() => startExecutor(database.url, inProcessTransport(handlers), { sync: false, concurrency: 10 }));
    executors.push(...workers);
    await Promise.all(workers.map((w) => w.start()));
    await app.client.send(Array.from({ length: 150 }, (_, i) => ({ name: "test/shared" as const, data: { i } })));
    const runs = await waitForRuns(app.pool, "wire-shared", 150, 60_000);
    expect(runs.every((r) => r.status === "COMPLETED")).toBe(true);
    expect(executions.size).toBe(150 * 3);
    expect([...executions.values()].filter((n) => n !== 1)).toEqual([]);
  });
});
