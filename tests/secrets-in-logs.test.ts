import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { apiKeyPrefix, apiKeyRandomBytes } from "@/lib/api-keys/api-key-format";
import { hashPassword } from "@/lib/auth/password";
import { standardWebhooksSecret } from "@/lib/webhooks/signing";
import { secretsIn } from "./secrets-in-logs";

// The log checks of the e2e and reliability suites rest on this: it must see the real secrets'
// shapes, as the app makes them, and name only their kinds.
describe("secretsIn", () => {
  const apiKey = apiKeyPrefix + randomBytes(apiKeyRandomBytes).toString("base64url");

  it("finds an API key, its signing secret and a password hash as the app makes them", async () => {
    expect(secretsIn(`[WebServer] key created: ${apiKey} for sto_1`)).toEqual(["an API key"]);
    expect(secretsIn(`secret=${standardWebhooksSecret(apiKey)}`)).toEqual(["a Standard Webhooks secret"]);
    expect(secretsIn(`user row ${await hashPassword("correct horse")}`)).toEqual(["a password hash"]);
  });

  it("finds known values, and names kinds, never values", () => {
    const found = secretsIn(`AUTH_SECRET=abc123 and a password: hunter22`, [
      ["AUTH_SECRET", "abc123"],
      ["a typed password", "hunter22"],
      ["an empty value never matches", ""],
    ]);
    expect(found).toEqual(["AUTH_SECRET", "a typed password"]);
    expect(found.join(" ")).not.toContain("hunter22");
  });

  it("passes ordinary log lines: ids, the key's prefix alone, redacted headers", () => {
    expect(secretsIn(`POST /api/v1/webhooks 201 wh_01M8C3QXCE57ZZ79F3YG0DK9FC (${apiKeyPrefix}… masked) x-bis-signature: [redacted]`)).toEqual([]);
  });
});
