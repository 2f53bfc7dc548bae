import { z } from "zod";

// The topic catalog: the one list of webhook topics, read by the UI, the REST API, the
// docs pages and validation. The payload shape is a contract (../shared/seeds/000): field
// names, order and types match the published example exactly.

const isoSeconds = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, "UTC time to the second, like 2023-09-11T12:13:45Z");

export const eventTopics = ["notification/create", "notification/sent"] as const;
export type EventTopic = (typeof eventTopics)[number];

export const notificationPayloadSchema = z.strictObject({
  notification_id: z.number().int().positive(),
  topic: z.enum(eventTopics),
  timestamp: isoSeconds,
  channel: z.enum(["email", "sms"]),
  customer: z.strictObject({ email: z.string().nullable(), sms: z.string().nullable() }),
  quantity_required: z.number().int().positive(),
  customer_language: z.string(),
  customer_utc_offset: z.number().int(),
  created_at: isoSeconds,
  product: z.strictObject({
    product_id: z.number().int().positive(),
    product_title: z.string(),
    variant_id: z.number().int().positive(),
    variant_title: z.string(),
    sku: z.string().nullable(),
  }),
  test: z.literal(true).optional(),
});
export type NotificationPayload = z.infer<typeof notificationPayloadSchema>;

/** The documented example (seed 000), in the documented field order. */
export function examplePayload(topic: EventTopic): NotificationPayload {
  return {
    notification_id: 12345,
    topic,
    timestamp: "2023-09-11T12:13:45Z",
    channel: "email",
    customer: { email: "customer@example.com", sms: null },
    quantity_required: 1,
    customer_language: "en-GB",
    customer_utc_offset: 14400,
    created_at: "2023-09-09T14:33:10Z",
    product: {
      product_id: 8339067207909,
      product_title: "Black Tea",
      variant_id: 44211925318693,
      variant_title: "Small",
      sku: null,
    },
  };
}

export type TopicInfo = { name: string; description: string; wildcard: boolean; matches: readonly EventTopic[] };

export const topics: readonly TopicInfo[] = [
  {
    name: "notification/create",
    description: "A shopper signed up to be notified when a product variant is back in stock.",
    wildcard: false,
    matches: ["notification/create"],
  },
  {
    name: "notification/sent",
    description: "A shopper was sent their back-in-stock email or SMS.",
    wildcard: false,
    matches: ["notification/sent"],
  },
  {
    name: "notification/*",
    description: "Every notification event: both notification/create and notification/sent.",
    wildcard: true,
    matches: eventTopics,
  },
];

export const topicNames = topics.map((t) => t.name) as [string, ...string[]];

/** Subscription topics, with a message that lists the valid ones. */
export const subscriptionTopicSchema = z.enum(topicNames, {
  error: () => `Unknown topic. Valid topics: ${topicNames.join(", ")}`,
});

/** The subscription topics whose webhooks receive an event of `topic` (for fan-out queries). */
export function subscriptionsFor(topic: EventTopic): string[] {
  return topics.filter((t) => t.matches.includes(topic)).map((t) => t.name);
}
