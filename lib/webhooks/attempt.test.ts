import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attemptDelivery, createDeliveryAgent, keptResponseBytes } from "./attempt";

// A local receiver that succeeds, fails, hangs, redirects and floods on demand.
let server: Server;
let base: string;
const received: { path: string; body: string; headers: Record<string, unknown> }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ path: req.url!, body, headers: req.headers });
      switch (req.url) {
        case "/ok":
          return res.writeHead(200, { "content-type": "text/plain" }).end("thanks");
        case "/fail":
          return res.writeHead(500).end("boom");
        case "/gone":
          return res.writeHead(410).end();
        case "/busy":
          return res.writeHead(429, { "retry-after": "120" }).end();
        case "/redirect":
          return res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data" }).end();
        case "/nul":
          return res.writeHead(200, { "content-type": "text/plain" }).end("ok\u0000done");
        case "/big":
          return res.writeHead(200).end("x".repeat(1024 * 1024));
        case "/hang":
          return; // never answers
        default:
          return res.writeHead(req.url!.startsWith("/query?") ? 204 : 404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const insecure = { allowInsecure: true };
const local = createDeliveryAgent({ policy: insecure });
const send = (path: string, policy = insecure, agent = local) =>
  attemptDelivery(agent, policy, { url: `${base}${path}`, body: '{"a":1}', headers: { "content-type": "application/json", "x-bis-topic": "notification/create" } });

describe("attemptDelivery", () => {
  it("posts the body and headers; any 2xx is a success, the response kept", async () => {
    const result = await send("/ok");
    expect(result).toMatchObject({ ok: true, status: 200, errorClass: null, responseBody: "thanks" });
    expect(received.at(-1)).toMatchObject({ path: "/ok", body: '{"a":1}', headers: { "x-bis-topic": "notification/create" } });
  });

  it.each([
    ["/fail", "http_5xx", 500],
    ["/gone", "http_4xx", 410],
    ["/redirect", "redirect", 302],
  ])("%s is a failure of class %s", async (path, errorClass, status) => {
    const result = await send(path);
    expect(result).toMatchObject({ ok: false, errorClass, status });
  });

  it("does not follow redirects, not even to an internal address", async () => {
    const before = received.length;
    const result = await send("/redirect");
    expect(result.errorMessage).toContain("redirects are not followed");
    expect(received.length).toBe(before + 1);
  });

  it("notes Retry-After on 429 and Gone on 410", async () => {
    expect((await send("/busy")).retryAfterMs).toBe(120_000);
    expect((await send("/gone")).gone).toBe(true);
  });

  it("keeps 4 KiB of a huge response and stops reading", async () => {
    const result = await send("/big");
    expect(result.ok).toBe(true);
    expect(result.responseBody).toHaveLength(keptResponseBytes);
  });

  it("drops NUL characters from the kept response (PostgreSQL text cannot store them)", async () => {
    expect((await send("/nul")).responseBody).toBe("okdone");
  });

  it("posts to the URL's path and query string as saved", async () => {
    expect(await send("/query?shop=leafy&x=%2F")).toMatchObject({ ok: true, status: 204 });
    expect(received.at(-1)!.path).toBe("/query?shop=leafy&x=%2F");
  });

  it("gives up after 5 s on an endpoint that hangs, and on an attempt still waiting for a connection", async () => {
    // One connection: the second attempt queues behind the hanging one and spends its budget waiting.
    const single = createDeliveryAgent({ policy: insecure, connections: 1 });
    const [hung, queued] = await Promise.all([send("/hang", insecure, single), send("/ok", insecure, single)]);
    for (const result of [hung, queued]) {
      expect(result).toMatchObject({ ok: false, errorClass: "timeout", errorMessage: "The endpoint took longer than 5 s to answer." });
      expect(result.durationMs).toBeGreaterThanOrEqual(4900);
      expect(result.durationMs).toBeLessThan(6500);
    }
    await single.close();
  }, 10_000);

  it("classifies a refused connection and a host that does not resolve", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect((await attemptDelivery(local, insecure, { url: `http://127.0.0.1:${port}/x`, body: "{}", headers: {} })).errorClass).toBe("refused");
    expect((await attemptDelivery(local, insecure, { url: "http://nothing-here.invalid/x", body: "{}", headers: {} })).errorClass).toBe("dns");
  });

  it("refuses URLs the policy refuses, and hosts that resolve to private addresses at send time", async () => {
    const strict = {};
    expect((await attemptDelivery(local, strict, { url: "https://10.0.0.7/hook", body: "{}", headers: {} })).errorClass).toBe("blocked_url");
    expect((await attemptDelivery(local, strict, { url: `${base}/ok`, body: "{}", headers: {} })).errorClass).toBe("blocked_url");
    // DNS rebinding: a public-looking name that resolves to loopback or the metadata address.
    for (const address of ["127.0.0.1", "169.254.169.254", "10.1.2.3", "::1"]) {
      const rebinding = createDeliveryAgent({ policy: strict, resolve: async () => [{ address, family: address.includes(":") ? 6 : 4 }] });
      const result = await attemptDelivery(rebinding, strict, { url: "https://hooks.rebind.dev/in", body: "{}", headers: {} });
      expect(result, address).toMatchObject({ ok: false, errorClass: "blocked_url" });
      await rebinding.close();
    }
  });
});
