import "server-only";
import { z } from "zod";

// The one place environment variables are read. Parsed once; a bad or missing value stops
// the app at start with a message naming the variable. The launcher (scripts/run-app.ts)
// fills local defaults for DATABASE_URL, AUTH_SECRET and APP_ENCRYPTION_KEY on a dev machine.
const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url({ message: "DATABASE_URL must be a postgresql:// URL" }),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters (openssl rand -base64 32)"),
  APP_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "APP_ENCRYPTION_KEY must be 32 bytes, base64-encoded"),
  APP_URL: z.url().default("http://localhost:3000"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Back in Stock <no-reply@backinstock.test>"),
  WEBHOOKS_ALLOW_INSECURE_URLS: flag,
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  INNGEST_BASE_URL: z.url().optional(),
  INNGEST_DEV: z.string().optional(),
  /** Development and tests only: multiplies the webhook retry schedule's delays (0.001 turns 1 min into 60 ms). */
  WEBHOOK_RETRY_SCALE: z.coerce.number().positive().max(1, "WEBHOOK_RETRY_SCALE shortens the retry schedule: a number above 0, at most 1").default(1),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
/** Parsed lazily so `next build` can load modules without a database configured. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Who runs the background functions: Inngest (Cloud with INNGEST_EVENT_KEY/INNGEST_SIGNING_KEY,
 * self-hosted or a dev server with INNGEST_BASE_URL/INNGEST_DEV) or, with none of those set,
 * the embedded executor.
 */
export function inngestMode(settings: Pick<Env, "INNGEST_EVENT_KEY" | "INNGEST_SIGNING_KEY" | "INNGEST_BASE_URL" | "INNGEST_DEV">): "inngest" | "embedded" {
  const configured = [settings.INNGEST_EVENT_KEY, settings.INNGEST_SIGNING_KEY, settings.INNGEST_BASE_URL, settings.INNGEST_DEV];
  return configured.some((v) => v !== undefined && v !== "") ? "inngest" : "embedded";
}

/**
 * The same answer read straight from the process environment, for function definitions that
 * are evaluated at import time (also by `next build`, when the rest of env may be missing).
 */
export function inngestModeAtImport(): "inngest" | "embedded" {
  return inngestMode({
    INNGEST_EVENT_KEY: process.env.INNGEST_EVENT_KEY,
    INNGEST_SIGNING_KEY: process.env.INNGEST_SIGNING_KEY,
    INNGEST_BASE_URL: process.env.INNGEST_BASE_URL,
    INNGEST_DEV: process.env.INNGEST_DEV,
  });
}
