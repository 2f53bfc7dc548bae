// The wire format between an Inngest server and the SDK's serve() handler, as the embedded
// executor speaks it (see ../shared/INNGEST-PROTOCOL.md and Inngest's docs/SDK_SPEC.md).
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import canonicalize from "canonicalize";
import { z } from "zod";

/** The event as a function receives it. */
export type InngestEvent = { id: string; name: string; data: Record<string, unknown>; ts: number };

/** A memoised step result, as the SDK expects it in the request's `steps`. */
export type MemoisedStep = { type: "data"; data: unknown } | { type: "error"; error: unknown };

export type InvocationRun = { id: string; attempt: number; maxAttempts: number };

/**
 * The body of `POST <serve url>?fnId=…&stepId=…`. With `checkpoint`, `ctx.fn_id` and `ctx.qi_id`
 * switch the SDK to async checkpointing: it runs step after step in one request and reports
 * each result to `/v1/checkpoint/{runId}/async` (lib/executor/api.ts) before going on.
 */
export function invocationBody(
  run: InvocationRun,
  events: InngestEvent[],
  steps: Map<string, MemoisedStep>,
  stack: string[],
  checkpoint?: { fnId: string; queueItemId: string },
) {
  return {
    event: events[0],
    events,
    steps: Object.fromEntries(steps),
    ctx: {
      run_id: run.id,
      attempt: run.attempt,
      max_attempts: run.maxAttempts,
      disable_immediate_execution: false,
      use_api: false,
      stack: { stack, current: stack.length },
      ...(checkpoint && { fn_id: checkpoint.fnId, qi_id: checkpoint.queueItemId }),
    },
    // No `version`: the SDK then picks its current one (V2) itself, and skips a costly union parse.
  };
}

const prefixPattern = /^signkey-\w+-/;

/** `x-inngest-signature` of a JSON body: HMAC-SHA256 over its canonical form (JCS) + the time. */
export function signRequest(body: unknown, signingKey: string, nowMs = Date.now()): string {
  const t = Math.round(nowMs / 1000).toString();
  return `t=${t}&s=${hmacHex(body, signingKey, t)}`;
}

/** Checks a signature the SDK put on its response, as the Inngest server does. */
export function verifySignature(header: string | null, body: unknown, signingKey: string, nowMs = Date.now()): boolean {
  if (!header) return false;
  const params = new URLSearchParams(header);
  const t = params.get("t");
  const s = params.get("s");
  if (!t || !s || Math.abs(nowMs - Number(t) * 1000) > 5 * 60_000) return false;
  const expected = Buffer.from(hmacHex(body, signingKey, t));
  const given = Buffer.from(s);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function hmacHex(body: unknown, signingKey: string, t: string): string {
  const encoded = typeof body === "string" ? body : (canonicalize(body) ?? "");
  return createHmac("sha256", signingKey.replace(prefixPattern, "")).update(encoded + t).digest("hex");
}

/** The bearer token the SDK sends to the server API: the key's prefix + sha256 of its hex bytes. */
export function hashSigningKey(signingKey: string): string {
  const prefix = signingKey.match(prefixPattern)?.[0] ?? "";
  return prefix + createHash("sha256").update(Buffer.from(signingKey.replace(prefixPattern, ""), "hex")).digest("hex");
}

/** One opcode in a 206 response. */
export const opSchema = z
  .object({
    op: z.string(),
    id: z.string(),
    name: z.string().optional(),
    displayName: z.string().optional(),
    opts: z.unknown().optional(),
    data: z.unknown().optional(),
    error: z.unknown().optional(),
    userland: z.object({ id: z.string(), index: z.number().optional() }).optional(),
    timing: z.unknown().optional(),
  })
  .loose();
export type Op = z.infer<typeof opSchema>;
export const opsSchema = z.array(opSchema);

const periods: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** When a `Sleep` op wakes: its name is a compound duration ("2h30m10s") or an ISO time (sleepUntil). */
export function sleepWakeTime(name: string | undefined, nowMs = Date.now()): number {
  if (!name) throw new Error("Sleep op without a duration");
  const compound = /^(?:\d+(?:ms|w|d|h|m|s))+$/.test(name);
  if (compound) {
    let ms = 0;
    for (const [, n, unit] of name.matchAll(/(\d+)(ms|w|d|h|m|s)/g)) ms += Number(n) * periods[unit!]!;
    return nowMs + ms;
  }
  const at = Date.parse(name);
  if (Number.isNaN(at)) throw new Error(`Sleep op with an unreadable duration: ${JSON.stringify(name)}`);
  return at;
}

/** "5s", "0.02s", "100ms", "1m" (batch timeouts, etc.) → milliseconds. */
export function durationMs(value: string): number {
  if (!/^(?:\d+(?:\.\d+)?(?:ms|w|d|h|m|s))+$/.test(value)) throw new Error(`Unreadable duration ${JSON.stringify(value)}`);
  let ms = 0;
  for (const [, n, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|w|d|h|m|s)/g)) ms += Number(n) * periods[unit!]!;
  return Math.round(ms);
}

/** The queue item id the executor hands the SDK: it names the worker holding the run's lease. */
export function queueItemId(workerId: bigint, runId: string): string {
  return `${workerId}:${runId}`;
}
export function workerOfQueueItem(id: string): bigint | null {
  const match = id.match(/^(\d+):/);
  return match ? BigInt(match[1]!) : null;
}
