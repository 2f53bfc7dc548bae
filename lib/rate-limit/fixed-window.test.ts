import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hitRateLimit } from "./fixed-window";

describe("fixed-window rate limit", () => {
  it("allows `limit` hits per window, then reports when to retry", async () => {
    const key = `test:${Date.now()}`;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit(key, 3, 60));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[2]!.remaining).toBe(0);
    expect(results[3]!.retryAfterSeconds).toBeGreaterThan(55);
    expect(results[3]!.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("starts a new window once the old one has ended", async () => {
    const key = `test:expired:${Date.now()}`;
    await db.rateLimitBucket.create({ data: { key, count: 99, windowEnds: new Date(Date.now() - 1000) } });
    expect(await hitRateLimit(key, 3, 60)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it("counts concurrent hits exactly", async () => {
    const key = `test:concurrent:${Date.now()}`;
    const results = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(key, 10, 60)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });
});
