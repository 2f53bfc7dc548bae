import { z } from "zod";

/** A notification as the REST API and the storefront answer with it. */
export const notificationViewSchema = z.object({
  id: z.number().int().meta({ description: "The notification id (the payload's notification_id)." }),
  variant_id: z.number().int(),
  channel: z.enum(["email", "sms"]),
  contact: z.string().meta({ description: "The shopper's email address or E.164 phone number." }),
  quantity_required: z.number().int(),
  customer_language: z.string(),
  customer_utc_offset: z.number().int(),
  status: z.enum(["waiting", "sent"]),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  sent_at: z.iso.datetime().nullable(),
});
export type NotificationView = z.infer<typeof notificationViewSchema>;

export function notificationView(n: {
  id: bigint;
  variantId: bigint;
  channel: "EMAIL" | "SMS";
  contact: string;
  quantityRequired: number;
  customerLanguage: string;
  customerUtcOffset: number;
  status: "WAITING" | "SENT";
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}): NotificationView {
  return {
    id: Number(n.id),
    variant_id: Number(n.variantId),
    channel: n.channel === "EMAIL" ? "email" : "sms",
    contact: n.contact,
    quantity_required: n.quantityRequired,
    customer_language: n.customerLanguage,
    customer_utc_offset: n.customerUtcOffset,
    status: n.status === "SENT" ? "sent" : "waiting",
    created_at: n.createdAt.toISOString(),
    updated_at: n.updatedAt.toISOString(),
    sent_at: n.sentAt?.toISOString() ?? null,
  };
}
