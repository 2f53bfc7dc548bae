// What a secret looks like in a log, for the suites that grep the app's output (the e2e run's
// server logs in scripts/test-all.ts, the worker's log in tests/reliability/scenario.ts).
import { apiKeyPrefix, apiKeyRandomBytes } from "../lib/api-keys/api-key-format";

/** Secrets by their shape: any API key (ours or another store's), a signing secret, a password hash. */
const secretShapes: [kind: string, shape: RegExp][] = [
  ["an API key", new RegExp(`${apiKeyPrefix}[A-Za-z0-9_-]{${Math.ceil((apiKeyRandomBytes * 4) / 3)}}`)],
  ["a Standard Webhooks secret", /whsec_[A-Za-z0-9+/=]{40,}/],
  ["a password hash", /scrypt\$\d+\$\d+\$\d+\$/],
];

/**
 * The kinds of secret `text` holds (never the values): anything of a secret's shape, and any of
 * `known` (a kind and the exact value: the app's own secrets, a password typed in a test).
 */
export function secretsIn(text: string, known: [kind: string, value: string][] = []): string[] {
  return [
    ...secretShapes.filter(([, shape]) => shape.test(text)).map(([kind]) => kind),
    ...known.filter(([, value]) => value !== "" && text.includes(value)).map(([kind]) => kind),
  ];
}
