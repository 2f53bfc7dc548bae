import { describe, expect, it } from "vitest";
import { longestRetryDelayMs, maxAttempts, nextAttemptAt, retryDelaysMs } from "./retry-schedule";

describe("retry schedule", () => {
  it("is 19 retries over about 48 hours: 20 attempts", () => {
    expect(retryDelaysMs).toHaveLength(19);
    expect(maxAttempts).toBe(20);
    const hours = retryDelaysMs.reduce((a, b) => a + b, 0) / 3_600_000;
    expect(hours).toBeGreaterThan(46);
    expect(hours).toBeLessThanOrEqual(48);
    // Never shorter than the step before.
    for (let i = 1; i < retryDelaysMs.length; i++) expect(retryDelaysMs[i]).toBeGreaterThanOrEqual(retryDelaysMs[i - 1]!);
  });

  it("jitters each step by at most 10%, and has nothing after the 20th attempt", () => {
    const at = new Date("2026-01-01T00:00:00Z");
    expect(nextAttemptAt(2, at, { random: () => 0 })!.getTime() - at.getTime()).toBe(54_000);
    expect(nextAttemptAt(2, at, { random: () => 1 })!.getTime() - at.getTime()).toBe(66_000);
    expect(nextAttemptAt(20, at, { random: () => 0.5 })!.getTime() - at.getTime()).toBe(4 * 3_600_000);
    expect(nextAttemptAt(21, at)).toBeNull();
    expect(nextAttemptAt(1, at)).toBeNull();
  });

  it("honours a receiver's Retry-After, up to the longest step", () => {
    const at = new Date("2026-01-01T00:00:00Z");
    expect(nextAttemptAt(2, at, { retryAfterMs: 600_000, random: () => 0.5 })!.getTime() - at.getTime()).toBe(600_000);
    expect(nextAttemptAt(2, at, { retryAfterMs: 10 * 24 * 3_600_000, random: () => 0.5 })!.getTime() - at.getTime()).toBe(longestRetryDelayMs);
    expect(nextAttemptAt(8, at, { retryAfterMs: 5_000, random: () => 0.5 })!.getTime() - at.getTime()).toBe(2 * 3_600_000);
  });

  it("shrinks every step by WEBHOOK_RETRY_SCALE for development and tests, the table unchanged", () => {
    const at = new Date("2026-01-01T00:00:00Z");
    expect(nextAttemptAt(2, at, { scale: 0.001, random: () => 0.5 })!.getTime() - at.getTime()).toBe(60);
    expect(nextAttemptAt(2, at, { scale: 0.001, retryAfterMs: 3000, random: () => 0.5 })!.getTime() - at.getTime()).toBe(3000);
    expect(retryDelaysMs[0]).toBe(60_000);
  });
});
