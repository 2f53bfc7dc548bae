// Local defaults for a machine with nothing configured: secrets generated once and kept in
// .data/secrets.json (git-ignored). Production sets AUTH_SECRET and APP_ENCRYPTION_KEY itself.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./db/schema-engine";

const secretsFile = path.join(projectRoot, ".data/secrets.json");

/** Fills AUTH_SECRET / APP_ENCRYPTION_KEY from .data when unset; returns the names it filled. */
export function applyLocalSecrets(): string[] {
  const wanted = { AUTH_SECRET: () => randomBytes(32).toString("base64url"), APP_ENCRYPTION_KEY: () => randomBytes(32).toString("base64") };
  const missing = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((k) => !process.env[k]);
  if (missing.length === 0) return [];
  const stored: Record<string, string> = existsSync(secretsFile) ? JSON.parse(readFileSync(secretsFile, "utf8")) : {};
  let changed = false;
  for (const name of Object.keys(wanted) as (keyof typeof wanted)[]) {
    if (!stored[name]) {
      stored[name] = wanted[name]();
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(path.dirname(secretsFile), { recursive: true });
    writeFileSync(secretsFile, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  for (const name of missing) process.env[name] = stored[name];
  return missing;
}
