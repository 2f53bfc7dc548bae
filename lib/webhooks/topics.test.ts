import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eventTopics, examplePayload, notificationPayloadSchema, subscriptionTopicSchema, subscriptionsFor } from "./topics";

/** Keys of a JSON value in order, nested objects as "parent.child". */
function keyPaths(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => [prefix + k, ...keyPaths(v, `${prefix}${k}.`)]);
}

describe("topic catalog", () => {
  it("matches the published example payload field for field, in order", () => {
    const seedsDir = path.resolve(import.meta.dirname, "../../../shared/seeds");
    const seed = existsSync(seedsDir) ? readdirSync(seedsDir).find((f) => f.startsWith("000_")) : undefined;
    // The published docs (seed 000) hold the example; the copy below keeps the test meaningful without them.
    const published = seed
      ? JSON.parse(readFileSync(path.join(seedsDir, seed), "utf8").match(/\{\s*"notification_id"[\s\S]*?\n\}\n\}/)![0])
      : examplePayload("notification/sent");
    expect(keyPaths(examplePayload("notification/sent"))).toEqual(keyPaths(published));
    const typeOf = (v: unknown) => (v === null ? "null" : typeof v);
    const flat = (o: unknown) => keyPaths(o).map((k) => [k, typeOf(k.split(".").reduce<unknown>((v, p) => (v as Record<string, unknown>)[p], o))]);
    expect(flat(examplePayload("notification/sent"))).toEqual(flat(published));
  });

  it("validates payloads strictly", () => {
    expect(notificationPayloadSchema.parse(examplePayload("notification/create"))).toBeTruthy();
    expect(notificationPayloadSchema.safeParse({ ...examplePayload("notification/create"), test: true }).success).toBe(true);
    expect(notificationPayloadSchema.safeParse({ ...examplePayload("notification/create"), extra: 1 }).success).toBe(false);
    expect(notificationPayloadSchema.safeParse({ ...examplePayload("notification/create"), timestamp: "2023-09-11T12:13:45.123Z" }).success).toBe(false);
  });

  it("routes each event topic to its own subscriptions and the wildcard", () => {
    expect(subscriptionsFor("notification/create")).toEqual(["notification/create", "notification/*"]);
    expect(subscriptionsFor("notification/sent")).toEqual(["notification/sent", "notification/*"]);
    expect(eventTopics).toHaveLength(2);
  });

  it("names the valid topics when refusing an unknown one", () => {
    const result = subscriptionTopicSchema.safeParse("order/create");
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe("Unknown topic. Valid topics: notification/create, notification/sent, notification/*");
  });
});
