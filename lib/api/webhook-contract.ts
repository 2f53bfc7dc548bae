// The webhook delivery contract as we publish it: the headers of every delivery and the
// delivery rules (timeouts, retries, deactivation). The /docs/webhooks page and the OpenAPI
// document's `webhooks` section both read this module, so they say the same thing; the
// delivery code should read it too (or be checked against it) so that the docs stay true.

/** The User-Agent of every delivery. */
export const deliveryUserAgent = "BackInStock-Webhooks/1.0";

export type DeliveryHeader = { name: string; example: string; description: string };

export const deliveryHeaders: readonly DeliveryHeader[] = [
  { name: "Content-Type", example: "application/json", description: "The body is JSON, UTF-8." },
  { name: "User-Agent", example: deliveryUserAgent, description: "Names Back in Stock as the sender." },
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
  { name: "X-BIS-Attempt", example: "1", description: "Which attempt this is: 1 for the first, up to 20." },
  {
    name: "X-BIS-Signature",
    example: "T6AtKAc3Hxw3tEyTNLlnMTXbHcnZZSoVbGYZG85KBLk=",
    description: "base64 of HMAC-SHA256 of the raw body bytes, keyed with your API key (the Shopify method). Signed with the current key.",
  },
  { name: "webhook-id", example: "msg_01JD3X0K8R4W2M6P9T5V7Y1B3C", description: "Standard Webhooks: the message id (the same as X-BIS-Webhook-Id)." },
  { name: "webhook-timestamp", example: "1794312825", description: "Standard Webhooks: when this attempt was signed, in Unix seconds. Reject old timestamps to stop replays." },
  {
    name: "webhook-signature",
    example: "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
    description:
      "Standard Webhooks: `v1,` and base64 HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with your API key's bytes (secret `whsec_` + base64 of the key). During a key rotation's 24 h overlap it holds two signatures, space-separated: one per key.",
  },
];

/** The delivery rules, as numbers the docs print. */
export const deliveryRules = {
  timeoutSeconds: 5,
  connectTimeoutSeconds: 1,
  attempts: 20,
  retries: 19,
  retryWindowHours: 48,
  warningAfterFailures: 10,
  deactivationAfterFailures: 19,
  deactivationQuietHours: 24,
  responseBodyKeptBytes: 4096,
} as const;

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
