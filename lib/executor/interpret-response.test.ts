import { describe, expect, it } from "vitest";
import { interpretResponse, type Invocation } from "./interpret-response";

const call: Invocation = {
  stepId: "step",
  attempt: 1,
  maxAttempts: 4,
  pending: [],
  nextSeq: 2,
  startedAt: new Date("2026-11-26T10:00:00Z"),
  endedAt: new Date("2026-11-26T10:00:01Z"),
  backoffMs: (attempt) => 1000 * (attempt + 1),
};
const respond = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  interpretResponse(status, new Headers(headers), typeof body === "string" ? body : JSON.stringify(body), call);

describe("interpretResponse (the SDK's answers)", () => {
  it("200 completes the run with its JSON output; output that is not JSON fails it clearly", () => {
    expect(respond(200, { ok: 1 }).update).toEqual({ kind: "complete", output: { ok: 1 } });
    const bad = respond(200, "<html>");
    expect(bad.update).toMatchObject({ kind: "fail", error: { name: "NonJsonOutput" } });
  });

  it("records a StepRun with the SDK's own timing and goes on", () => {
    const start = Date.parse("2026-11-26T10:00:00.250Z");
    const { steps, update } = respond(206, [{ op: "StepRun", id: "h1", userland: { id: "a" }, data: 5, timing: { a: start * 1e6, b: 40e6 } }]);
    expect(update).toEqual({ kind: "continue", pending: [] });
    expect(steps).toMatchObject([{ hashedId: "h1", name: "a", op: "StepRun", seq: 2, attempts: 2, result: { type: "data", data: 5 } }]);
    expect(steps[0]!.startedAt.toISOString()).toBe("2026-11-26T10:00:00.250Z");
    expect(steps[0]!.endedAt.toISOString()).toBe("2026-11-26T10:00:00.290Z");
  });

  it("StepPlanned queues parallel steps; Sleep becomes a due time", () => {
    expect(respond(206, [{ op: "StepPlanned", id: "x" }, { op: "StepPlanned", id: "y" }]).update).toEqual({ kind: "continue", pending: ["x", "y"] });
    const slept = respond(206, [{ op: "Sleep", id: "z", name: "1h" }]);
    expect(slept.update.kind).toBe("sleep");
    expect(slept.steps[0]).toMatchObject({ op: "Sleep", result: { type: "data", data: null } });
  });

  it("StepError retries that step after the backoff (or retry-after); StepFailed records the error", () => {
    const retried = respond(206, [{ op: "StepError", id: "h2", error: { message: "boom" } }], { "retry-after": "30" });
    expect(retried.update).toMatchObject({ kind: "retry", attempt: 2, pending: ["h2"], error: { message: "boom" } });
    if (retried.update.kind === "retry") expect(retried.update.dueAt.getTime() - Date.now()).toBeGreaterThan(29_000);
    const failed = respond(206, [{ op: "StepFailed", id: "h2", error: { message: "no" } }]);
    expect(failed.steps[0]).toMatchObject({ op: "StepFailed", result: { type: "error", error: { message: "no" } } });
    expect(failed.update.kind).toBe("continue");
  });

  it("500 retries the function until the last attempt; 400 and no-retry fail at once", () => {
    expect(respond(500, { message: "down" }).update).toMatchObject({ kind: "retry", attempt: 2 });
    expect(interpretResponse(500, new Headers(), "{}", { ...call, attempt: 3 }).update.kind).toBe("fail");
    expect(respond(500, { message: "x" }, { "x-inngest-no-retry": "true" }).update.kind).toBe("fail");
    expect(respond(400, { name: "Error", message: "bad" }).update).toEqual({ kind: "fail", error: { name: "Error", message: "bad" } });
  });

  it("refuses ops the embedded executor does not support, naming them", () => {
    const { update } = respond(206, [{ op: "WaitForEvent", id: "w", userland: { id: "wait-for-payment" } }]);
    expect(update).toMatchObject({ kind: "fail", error: { message: 'step.waitForEvent is not supported by the embedded executor (step "wait-for-payment").' } });
  });
});
