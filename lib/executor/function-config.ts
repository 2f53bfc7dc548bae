// What the executor needs from a function's registered config (the body of /fn/register),
// parsed once at sync time so a run never meets a config it cannot honour.
import { Cron } from "croner";
import { z } from "zod";
import { durationMs } from "./protocol";

const concurrencySchema = z.union([
  z.number().int().positive().transform((limit) => ({ limit, key: undefined as string | undefined })),
  z.object({ limit: z.number().int().positive(), key: z.string().optional(), scope: z.enum(["fn", "env", "account"]).optional() }),
]);

export const registeredFunctionSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    triggers: z.array(z.union([z.object({ event: z.string(), expression: z.string().optional() }), z.object({ cron: z.string() })])),
    steps: z.record(
      z.string(),
      z.object({ runtime: z.object({ url: z.url() }), retries: z.object({ attempts: z.number().int().min(0).max(20) }).optional() }),
    ),
    concurrency: z.union([concurrencySchema, z.array(concurrencySchema)]).optional(),
    batchEvents: z.object({ maxSize: z.number().int().positive(), timeout: z.string(), key: z.string().optional() }).optional(),
  })
  .loose();
export type RegisteredFunction = z.infer<typeof registeredFunctionSchema>;

export const registerRequestSchema = z
  .object({ url: z.url(), appName: z.string().min(1), functions: z.array(registeredFunctionSchema) })
  .loose();

/** Inngest's default when a function sets no `retries`. */
export const defaultRetries = 3;

export type FunctionRuntime = {
  id: string;
  name: string;
  /** The step endpoint the SDK registered: `<serve url>?fnId=…&stepId=step`. */
  url: string;
  maxAttempts: number;
  triggers: string[];
  /** Cron schedules (UTC; `TZ=Zone/Name expr` picks a zone, as Inngest allows). */
  crons: string[];
  concurrency?: { limit: number; keyOf?: (event: EventLike) => string };
  batch?: { maxSize: number; timeoutMs: number; keyOf?: (event: EventLike) => string };
};
type EventLike = { name: string; data: unknown };

/** Turns a registered config into the executor's view of it; throws on what it cannot run. */
export function functionRuntime(fn: RegisteredFunction): FunctionRuntime {
  const step = fn.steps.step ?? Object.values(fn.steps)[0];
  if (!step) throw new Error(`Function ${fn.id} registered no step endpoint`);
  const triggers: string[] = [];
  const crons: string[] = [];
  for (const trigger of fn.triggers) {
    if ("cron" in trigger) {
      nextCronAt([trigger.cron], new Date()); // throws on an expression croner cannot read
      crons.push(trigger.cron);
      continue;
    }
    if (trigger.expression) throw new Error(`Function ${fn.id}: trigger expressions ("if") are not supported by the embedded executor`);
    triggers.push(trigger.event);
  }
  const constraints = fn.concurrency === undefined ? [] : Array.isArray(fn.concurrency) ? fn.concurrency : [fn.concurrency];
  if (constraints.length > 1) throw new Error(`Function ${fn.id}: only one concurrency limit is supported by the embedded executor`);
  const concurrency = constraints[0];
  return {
    id: fn.id,
    name: fn.name ?? fn.id,
    url: step.runtime.url,
    maxAttempts: (step.retries?.attempts ?? defaultRetries) + 1,
    triggers,
    crons,
    concurrency: concurrency && { limit: concurrency.limit, keyOf: concurrency.key ? keyExpression(concurrency.key) : undefined },
    batch: fn.batchEvents && {
      maxSize: fn.batchEvents.maxSize,
      timeoutMs: durationMs(fn.batchEvents.timeout),
      keyOf: fn.batchEvents.key ? keyExpression(fn.batchEvents.key) : undefined,
    },
  };
}

/** Does `pattern` (an event name, or a prefix ending in `*`) match `name`? */
export function triggerMatches(pattern: string, name: string): boolean {
  return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

/**
 * Inngest keys are CEL expressions; the executor supports the form functions use for keys:
 * a path into the event, `event.data.webhookId`. Anything else is refused at sync time.
 */
export function keyExpression(expression: string): (event: EventLike) => string {
  const trimmed = expression.trim();
  if (!/^event(\.[A-Za-z_$][\w$]*)+$/.test(trimmed)) {
    throw new Error(`Unsupported key expression ${JSON.stringify(expression)}: use a path such as event.data.webhookId`);
  }
  const path = trimmed.split(".").slice(1);
  return (event) => {
    let value: unknown = event;
    for (const part of path) value = value && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
    return value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value);
  };
}

/** The earliest next fire time after `after` of any of the schedules, or null when there are none. */
export function nextCronAt(crons: string[], after: Date): Date | null {
  let next: Date | null = null;
  for (const expression of crons) {
    const zoned = expression.match(/^(?:CRON_)?TZ=(\S+)\s+(.*)$/);
    let at: Date | null;
    try {
      at = new Cron(zoned ? zoned[2]! : expression, { paused: true, timezone: zoned ? zoned[1] : "UTC" }).nextRun(after);
    } catch (error) {
      throw new Error(`Unreadable cron schedule ${JSON.stringify(expression)}: ${(error as Error).message}`);
    }
    if (at && (!next || at < next)) next = at;
  }
  return next;
}
