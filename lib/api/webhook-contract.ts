// The webhook delivery contract as we publish it: the headers of every delivery and the
// delivery rules (timeouts, retries, deactivation). The /docs/webhooks page and the OpenAPI
// document's `webhooks` section both read this module, so they say the same thing. The numbers
// come from the delivery code itself (lib/webhooks), and a test checks the documented headers
// against the ones a delivery really sends.
import { attemptTimeoutMs, connectTimeoutMs, keptResponseBytes } from "@/lib/webhooks/attempt";
import { deliveryUserAgent } from "@/lib/webhooks/delivery-request";
import { deactivateAfterFailures, warnAfterFailures } from "@/lib/webhooks/record-attempt";
import { maxAttempts, retryDelaysMs } from "@/lib/webhooks/retry-schedule";

export type DeliveryHeader = { name: string; example: string; description: string };

/** The headers of every delivery, with an example value and what they mean. */
export function deliveryHeaderDocs(appUrl: string): DeliveryHeader[] {
  return [
    { name: "Content-Type", example: "application/json", description: "The body is JSON, UTF-8." },
    { name: "User-Agent", example: deliveryUserAgent(appUrl), description: "Names Back in Stock as the sender, and these docs." },
    {
      name: "X-BIS-Topic",
      example: "notification/create",
      description: "The event's topic: notification/create or notification/sent (a notification/* webhook receives both, each with its own topic).",
    },
    {
      name: "X-BIS-Webhook-Id",
      example: "msg_01JD3X0K8R4W2M6P9T5V7Y1B3C",
      description: "The message id: the same on every attempt of one delivery, and unique across deliveries. Deduplicate on it.",
    },
    { name: "X-BIS-Attempt", example: "1", description: `Which attempt this is: 1 for the first, up to ${maxAttempts}.` },
    {
      name: "X-BIS-Signature",
      example: "T6AtKAc3Hxw3tEyTNLlnMTXbHcnZZSoVbGYZG85KBLk=",
      description: "base64 of HMAC-SHA256 of the raw body bytes, keyed with your API key (the Shopify method). Signed with the current key.",
    },
    { name: "webhook-id", example: "msg_01JD3X0K8R4W2M6P9T5V7Y1B3C", description: "Standard Webhooks: the message id (the same as X-BIS-Webhook-Id)." },
    {
      name: "webhook-timestamp",
      example: "1794312825",
      description: "Standard Webhooks: when this attempt was signed, in Unix seconds. Reject old timestamps to stop replays.",
    },
    {
      name: "webhook-signature",
      example: "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
      description:
        "Standard Webhooks: `v1,` and base64 HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with your API key's bytes (secret `whsec_` + base64 of the key). During a key rotation's 24 h overlap it holds two signatures, space-separated: one per key.",
    },
  ];
}

const totalRetryMs = retryDelaysMs.reduce((sum, ms) => sum + ms, 0);

/** The delivery rules, as the docs print them. */
export const deliveryRules = {
  timeoutSeconds: attemptTimeoutMs / 1000,
  connectTimeoutSeconds: connectTimeoutMs / 1000,
  attempts: maxAttempts,
  retries: maxAttempts - 1,
  retryWindowHours: Math.round(totalRetryMs / 3_600_000),
  warningAfterFailures: warnAfterFailures,
  deactivationAfterFailures: deactivateAfterFailures,
  deactivationQuietHours: 24,
  responseBodyKeptBytes: keptResponseBytes,
} as const;

function formatDelay(ms: number): string {
  return ms >= 3_600_000 ? `${ms / 3_600_000} h` : `${ms / 60_000} min`;
}

/** The retry schedule, runs of equal steps grouped: ["1 min", "5 min", …, "3 h × 6", "4 h × 6"]. */
export function retryScheduleSteps(): string[] {
  const steps: { label: string; count: number }[] = [];
  for (const ms of retryDelaysMs) {
    const label = formatDelay(ms);
    const last = steps.at(-1);
    if (last?.label === label) last.count++;
    else steps.push({ label, count: 1 });
  }
  return steps.map((s) => (s.count > 1 ? `${s.label} × ${s.count}` : s.label));
}

/** What each payload field means (the shape itself is the topic catalog's notificationPayloadSchema). */
export const payloadFieldNotes: Record<string, string> = {
  notification_id: "The shopper's sign-up (the notification), the same in its notification/create and notification/sent events.",
  topic: "notification/create or notification/sent.",
  timestamp: "When the event happened, UTC, to the second.",
  channel: "How the shopper asked to be told: `email` or `sms`.",
  customer: "The shopper's contact for that channel.",
  "customer.email": "Their email address, for the email channel; otherwise null.",
  "customer.sms": "Their phone number, for the sms channel; otherwise null.",
  quantity_required: "How many the shopper wants; they are told once at least this many are in stock.",
  customer_language: "The shopper's language, like `en-GB`.",
  customer_utc_offset: "The shopper's offset from UTC, in seconds.",
  created_at: "When the shopper signed up, UTC, to the second.",
  product: "The product variant they are waiting for.",
  "product.product_id": "The product's id in your store.",
  "product.product_title": "The product's title.",
  "product.variant_id": "The variant's id in your store.",
  "product.variant_title": "The variant's title.",
  "product.sku": "The variant's SKU, or null.",
  test: "Only in test payloads (Send test payload), and then true.",
};
