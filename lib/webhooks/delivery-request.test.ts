import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { deliveryHeaders, deliveryUserAgent, loggedHeaders } from "./delivery-request";
import { bisSignature, standardWebhooksSecret } from "./signing";

const current = "bis_live_current-key-0123456789abcdefghijklmnopqrstu";
const previous = "bis_live_previous-key-0123456789abcdefghijklmnopqrst";
const body = JSON.stringify({ notification_id: 1, topic: "notification/create" });

describe("delivery headers", () => {
  const now = new Date();
  const headers = deliveryHeaders({ messageId: "msg_01J0000000000000000000000", topic: "notification/create", attempt: 3, body, keys: [current, previous], now, userAgent: deliveryUserAgent("https://app.backinstock.dev") });

  it("carries the contract's headers", () => {
    expect(headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "BackInStock-Webhooks/1.0 (+https://app.backinstock.dev/docs/webhooks)",
      "x-bis-topic": "notification/create",
      "x-bis-webhook-id": "msg_01J0000000000000000000000",
      "x-bis-attempt": "3",
      "x-bis-signature": bisSignature(current, body),
      "webhook-id": "msg_01J0000000000000000000000",
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    });
  });

  it("verifies with the Standard Webhooks library under the new and the previous key", () => {
    for (const key of [current, previous]) expect(() => new Webhook(standardWebhooksSecret(key)).verify(body, headers)).not.toThrow();
  });

  it("keeps no signature in the log", () => {
    const logged = loggedHeaders(headers);
    expect(logged["x-bis-signature"]).toBe("[redacted]");
    expect(logged["webhook-signature"]).toBe("[redacted]");
    expect(JSON.stringify(logged)).not.toContain(headers["x-bis-signature"]!);
  });
});
