import type { EventTopic, NotificationPayload } from "@/lib/webhooks/topics";

/** What a payload is built from: a notification with its variant and product. */
export type NotificationSource = {
  id: bigint;
  channel: "EMAIL" | "SMS";
  contact: string;
  quantityRequired: number;
  customerLanguage: string;
  customerUtcOffset: number;
  createdAt: Date;
  variant: { id: bigint; title: string; sku: string | null; product: { id: bigint; title: string } };
};

/** UTC to the second, as the seed writes times: 2023-09-11T12:13:45Z. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The webhook payload of a notification event, field for field and in the order of the
 * published example (seed 000). Built once, when the event is written, and delivered as is.
 */
export function notificationPayload(n: NotificationSource, topic: EventTopic, at: Date): NotificationPayload {
  return {
    notification_id: Number(n.id),
    topic,
    timestamp: isoSeconds(at),
    channel: n.channel === "EMAIL" ? "email" : "sms",
    customer: { email: n.channel === "EMAIL" ? n.contact : null, sms: n.channel === "SMS" ? n.contact : null },
    quantity_required: n.quantityRequired,
    customer_language: n.customerLanguage,
    customer_utc_offset: n.customerUtcOffset,
    created_at: isoSeconds(n.createdAt),
    product: {
      product_id: Number(n.variant.product.id),
      product_title: n.variant.product.title,
      variant_id: Number(n.variant.id),
      variant_title: n.variant.title,
      sku: n.variant.sku,
    },
  };
}
