import { describe, expect, it } from "vitest";
import { examplePayload, notificationPayloadSchema } from "@/lib/webhooks/topics";
import { notificationPayload } from "./notification-payload";

/** Every key path with its JSON type, in document order: the payload's shape. */
function shape(value: unknown, path = ""): string[] {
  if (value === null) return [`${path}: null`];
  if (typeof value !== "object") return [`${path}: ${typeof value}`];
  return Object.entries(value).flatMap(([k, v]) => shape(v, path ? `${path}.${k}` : k));
}

// The seed's example body (000), as published.
const seed = JSON.parse(`{
"notification_id": 12345,
"topic": "notification/sent",
"timestamp": "2023-09-11T12:13:45Z",
"channel": "email",
"customer": { "email": "customer@example.com", "sms": null },
"quantity_required": 1,
"customer_language": "en-GB",
"customer_utc_offset": 14400,
"created_at": "2023-09-09T14:33:10Z",
"product": { "product_id": 8339067207909, "product_title": "Black Tea", "variant_id": 44211925318693, "variant_title": "Small", "sku": null }
}`);

const source = {
  id: 12345n,
  channel: "EMAIL" as const,
  contact: "customer@example.com",
  quantityRequired: 1,
  customerLanguage: "en-GB",
  customerUtcOffset: 14400,
  createdAt: new Date("2023-09-09T14:33:10.250Z"),
  variant: { id: 44211925318693n, title: "Small", sku: null, product: { id: 8339067207909n, title: "Black Tea" } },
};

describe("notification payload", () => {
  it("has the seed example's shape, field for field and in order", () => {
    const payload = notificationPayload(source, "notification/sent", new Date("2023-09-11T12:13:45.900Z"));
    expect(shape(payload)).toEqual(shape(seed));
    expect(JSON.stringify(payload)).toBe(JSON.stringify(seed));
    expect(JSON.stringify(examplePayload("notification/sent"))).toBe(JSON.stringify(seed));
    expect(notificationPayloadSchema.parse(payload)).toEqual(payload);
  });

  it("puts an SMS contact under customer.sms", () => {
    const payload = notificationPayload({ ...source, channel: "SMS", contact: "+447700900123" }, "notification/create", new Date());
    expect(payload.customer).toEqual({ email: null, sms: "+447700900123" });
    expect(payload.channel).toBe("sms");
  });
});
