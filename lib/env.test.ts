import { describe, expect, it } from "vitest";
import { inngestMode, parseEnv } from "./env";

const good = { DATABASE_URL: "postgresql://u@h:5432/db", AUTH_SECRET: "x".repeat(32), APP_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64") };

describe("env", () => {
  it("applies defaults", () => {
    const env = parseEnv(good);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.WEBHOOKS_ALLOW_INSECURE_URLS).toBe(false);
  });

  it("names every bad variable in one message", () => {
    expect(() => parseEnv({ ...good, DATABASE_URL: undefined, APP_ENCRYPTION_KEY: "c2hvcnQ=" })).toThrow(
      /DATABASE_URL: DATABASE_URL must be a postgresql:\/\/ URL[\s\S]*APP_ENCRYPTION_KEY: APP_ENCRYPTION_KEY must be 32 bytes/,
    );
  });

  it("reads the insecure-URL switch only from 1/true", () => {
    expect(parseEnv({ ...good, WEBHOOKS_ALLOW_INSECURE_URLS: "1" }).WEBHOOKS_ALLOW_INSECURE_URLS).toBe(true);
    expect(() => parseEnv({ ...good, WEBHOOKS_ALLOW_INSECURE_URLS: "yes" })).toThrow(/WEBHOOKS_ALLOW_INSECURE_URLS/);
  });

  it("runs the embedded executor unless an Inngest server is configured", () => {
    expect(inngestMode(parseEnv(good))).toBe("embedded");
    expect(inngestMode(parseEnv({ ...good, INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: "signkey-prod-00" }))).toBe("inngest");
    expect(inngestMode(parseEnv({ ...good, INNGEST_BASE_URL: "http://inngest:8288" }))).toBe("inngest");
    expect(inngestMode(parseEnv({ ...good, INNGEST_DEV: "1" }))).toBe("inngest");
    expect(inngestMode(parseEnv({ ...good, INNGEST_EVENT_KEY: "" }))).toBe("embedded");
  });
});
