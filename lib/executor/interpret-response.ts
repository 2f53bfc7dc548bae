// What a serve() answer means for the run: which steps to record and what happens next.
// Status codes and opcodes as in Inngest's SDK spec (see ../shared/INNGEST-PROTOCOL.md).
import { retryAfterMs } from "./backoff";
import { opsSchema, sleepWakeTime, type Op } from "./protocol";
import type { RunUpdate, StepRecord } from "./store";

export type Invocation = {
  stepId: string;
  attempt: number;
  maxAttempts: number;
  pending: string[];
  nextSeq: number;
  startedAt: Date;
  endedAt: Date;
  backoffMs: (attempt: number) => number;
};

export type Interpretation = { steps: StepRecord[]; update: RunUpdate };

const unsupported: Record<string, string> = {
  WaitForEvent: "step.waitForEvent",
  WaitForSignal: "step.waitForSignal",
  InvokeFunction: "step.invoke",
  AIGateway: "step.ai.infer",
  Gateway: "step.fetch",
};

export function errorOf(message: string, name = "Error"): { name: string; message: string } {
  return { name, message };
}

export function interpretResponse(status: number, headers: Headers, text: string, call: Invocation): Interpretation {
  const noRetry = headers.get("x-inngest-no-retry") === "true";
  const retryOrFail = (error: unknown): Interpretation => {
    if (noRetry || call.attempt + 1 >= call.maxAttempts) return { steps: [], update: { kind: "fail", error } };
    const delay = retryAfterMs(headers.get("retry-after")) ?? call.backoffMs(call.attempt);
    return {
      steps: [],
      update: { kind: "retry", attempt: call.attempt + 1, dueAt: new Date(Date.now() + delay), pending: call.pending, error },
    };
  };

  if (status === 200) {
    try {
      return { steps: [], update: { kind: "complete", output: text === "" ? null : JSON.parse(text) } };
    } catch {
      return { steps: [], update: { kind: "fail", error: errorOf(`The function returned output that is not JSON: ${text.slice(0, 200)}`, "NonJsonOutput") } };
    }
  }
  if (status !== 206) {
    let error: unknown = errorOf(`The app answered ${status}${text ? `: ${text.slice(0, 500)}` : ""}`);
    try {
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed === "object") error = parsed;
    } catch {
      /* keep the text */
    }
    if (status === 400) return { steps: [], update: { kind: "fail", error } };
    return retryOrFail(error);
  }

  let ops: Op[];
  try {
    ops = opsSchema.parse(JSON.parse(text));
  } catch {
    return retryOrFail(errorOf(`The app answered 206 with an unreadable body: ${text.slice(0, 200)}`));
  }

  const steps: StepRecord[] = [];
  const planned: string[] = [];
  let wakeAt = 0;
  const record = (op: Op, kind: string, result: StepRecord["result"]) =>
    steps.push(stepRecord(op, kind, result, { ...call, seq: call.nextSeq + steps.length }));

  for (const op of ops) {
    switch (op.op) {
      case "StepRun":
        record(op, stepRunKind(op), { type: "data", data: op.data ?? null });
        break;
      case "Sleep":
        wakeAt = Math.max(wakeAt, sleepWakeTime(op.name));
        record(op, "Sleep", { type: "data", data: null });
        break;
      case "StepPlanned":
        planned.push(op.id);
        break;
      case "StepFailed":
        record(op, "StepFailed", { type: "error", error: op.error ?? errorOf("Step failed") });
        break;
      case "StepError": {
        // Retriable: the same step is asked for again with attempt + 1, after the backoff.
        const delay = retryAfterMs(headers.get("retry-after")) ?? call.backoffMs(call.attempt);
        const rest = call.pending.filter((id) => id !== op.id);
        return {
          steps,
          update: { kind: "retry", attempt: call.attempt + 1, dueAt: new Date(Date.now() + delay), pending: [op.id, ...rest], error: op.error ?? null },
        };
      }
      case "StepNotFound":
        break; // the planned step is gone (code changed): carry on with the function
      case "RunComplete":
        return { steps, update: { kind: "complete", output: op.data ?? null } };
      default:
        return {
          steps,
          update: {
            kind: "fail",
            error: errorOf(`${unsupported[op.op] ?? `The step op "${op.op}"`} is not supported by the embedded executor (step "${op.userland?.id ?? op.name ?? op.id}").`),
          },
        };
    }
  }

  const done = new Set(steps.map((s) => s.hashedId));
  const pending = [...new Set([...call.pending.filter((id) => id !== call.stepId), ...planned])].filter((id) => !done.has(id));
  if (wakeAt > Date.now()) return { steps, update: { kind: "sleep", wakeAt: new Date(wakeAt), pending } };
  return { steps, update: { kind: "continue", pending } };
}

export function stepRunKind(op: Op): string {
  return (op.opts as { type?: string } | undefined)?.type === "step.sendEvent" ? "SendEvent" : "StepRun";
}

export function stepRecord(
  op: Op,
  kind: string,
  result: StepRecord["result"],
  at: { seq: number; attempt: number; startedAt: Date; endedAt: Date },
): StepRecord {
  // The SDK times each step it runs (`timing`: start and duration in ns); prefer that to the request's span.
  const timing = op.timing as { a?: unknown; b?: unknown } | undefined;
  const timed = typeof timing?.a === "number" && typeof timing.b === "number" && timing.a > 0;
  return {
    hashedId: op.id,
    name: op.userland?.id ?? op.displayName ?? op.name ?? op.id,
    op: kind,
    seq: at.seq,
    result,
    attempts: at.attempt + 1,
    startedAt: timed ? new Date(Math.round((timing.a as number) / 1e6)) : at.startedAt,
    endedAt: timed ? new Date(Math.round(((timing.a as number) + (timing.b as number)) / 1e6)) : at.endedAt,
  };
}
