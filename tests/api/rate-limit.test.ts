import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { apiRateLimit, takeApiToken } from "@/lib/api/rate-limit";
import { hashSecret } from "@/lib/api-keys/secret-box";
import { db } from "@/lib/db";
import { apiAs, callerFor } from "./helpers";

// The per-key token bucket (20 a second, bursts of 40), kept in PostgreSQL.

describe("takeApiToken (GCRA token bucket)", () => {
  it("allows a full burst at once, then refuses with when to retry", async () => {
    const key = `test:${randomUUID()}`;
    const results = [];
    for (let i = 0; i < 12; i++) results.push(await takeApiToken(key, { perSecond: 1, burst: 10 }));
    expect(results.slice(0, 10).every((r) => r.allowed)).toBe(true);
    expect(results.slice(0, 10).map((r) => r.remaining)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(results[10]).toMatchObject({ allowed: false, remaining: 0, limit: 10, retryAfterSeconds: 1 });
    // A full bucket again in about 10 s (one token a second).
    expect(results[10]!.resetSeconds).toBeGreaterThanOrEqual(9);
    expect(results[10]!.resetSeconds).toBeLessThanOrEqual(10);
  });

  it("refills at the sustained rate", async () => {
    const key = `test:${randomUUID()}`;
    // 400 ms a token: the three calls must fit in one token's time even on a loaded machine
    // (at 50 ms a token a slow CI run once refilled one between them).
    const bucket = { perSecond: 2.5, burst: 2 };
    expect((await takeApiToken(key, bucket)).allowed).toBe(true);
    expect((await takeApiToken(key, bucket)).allowed).toBe(true);
    expect((await takeApiToken(key, bucket)).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await takeApiToken(key, bucket)).allowed).toBe(true);
  });

  it("counts concurrent requests exactly (one atomic upsert each)", async () => {
    const key = `test:${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 30 }, () => takeApiToken(key, { perSecond: 0.01, burst: 20 })));
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
  });

  it("treats an expired row as a full bucket", async () => {
    const key = `test:${randomUUID()}`;
    await db.rateLimitBucket.create({ data: { key, count: 0, windowEnds: new Date(Date.now() - 60_000) } });
    expect(await takeApiToken(key)).toMatchObject({ allowed: true, remaining: apiRateLimit.burst - 1 });
  });
});

describe("API rate limit", () => {
  it("sends RateLimit-* headers on every answer", async () => {
    const api = await apiAs("MEDIUM");
    const first = await api.call("GET", "/webhooks");
    expect(first.headers.get("ratelimit-limit")).toBe("40");
    expect(first.headers.get("ratelimit-remaining")).toBe("39");
    expect(Number(first.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(0);
    const notFound = await api.call("GET", "/webhooks/wh_01JD3W5Y6N3Q8G2K7V9X4T1B0C");
    expect(notFound.status).toBe(404);
    expect(Number(notFound.headers.get("ratelimit-remaining"))).toBeLessThanOrEqual(39);
  });

  it("answers 429 with Retry-After once a key's burst is spent", async () => {
    const api = await apiAs("MEDIUM");
    const answers = await Promise.all(Array.from({ length: 60 }, () => api.call("GET", "/webhooks?limit=1")));
    const ok = answers.filter((a) => a.status === 200);
    const limited = answers.filter((a) => a.status === 429);
    expect(ok.length + limited.length).toBe(60);
    // 40 at once, plus whatever refilled (20 a second) while the 60 were being served.
    expect(ok.length).toBeGreaterThanOrEqual(40);
    expect(limited.length).toBeGreaterThan(0);
    const refused = limited[0]!;
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect(refused.body).toEqual({
      error: {
        code: "rate_limited",
        message: "Too many requests: each API key may send 20 a second on average, in bursts of up to 40. Retry after 1 s.",
        details: { retry_after_seconds: 1 },
      },
    });

    // Another key of the same store has a bucket of its own.
    const otherKey = await callerFor(api.storeId);
    expect((await otherKey.call("GET", "/webhooks")).status).toBe(200);

    // After a wait the key may call again.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await api.call("GET", "/webhooks")).status).toBe(200);
  });

  it("says how long to wait when the bucket is far ahead", async () => {
    const api = await apiAs("MEDIUM");
    const { id: keyId } = await db.apiKey.findUniqueOrThrow({ where: { secretHash: hashSecret(api.key) }, select: { id: true } });
    // As if the key had sent 100 more requests than it may: 5 s of tokens owed beyond the burst.
    await db.$executeRaw`INSERT INTO "RateLimitBucket" ("key", "count", "windowEnds") VALUES (${`api:${keyId}`}, 1, (now() AT TIME ZONE 'UTC') + interval '6950 milliseconds')`;
    const refused = await api.call("GET", "/webhooks");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(refused.headers.get("ratelimit-reset")).toBe("7");
  });
});
