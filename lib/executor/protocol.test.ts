import { describe, expect, it } from "vitest";
import { durationMs, sleepWakeTime } from "./protocol";

describe("durations", () => {
  it("reads the SDK's compound durations, decimals included", () => {
    expect(durationMs("5s")).toBe(5000);
    expect(durationMs("0.02s")).toBe(20);
    expect(durationMs("1h30m")).toBe(5_400_000);
    expect(durationMs("250ms")).toBe(250);
    expect(() => durationMs("soon")).toThrow(/Unreadable duration/);
  });

  it("wakes a sleep after its duration, or at the ISO time of sleepUntil", () => {
    expect(sleepWakeTime("2s", 1000)).toBe(3000);
    expect(sleepWakeTime("2026-11-26T10:00:00.000Z")).toBe(Date.parse("2026-11-26T10:00:00.000Z"));
    expect(() => sleepWakeTime("whenever")).toThrow(/unreadable duration/);
  });
});
