import "server-only";
import { notificationCreated } from "@/inngest/events";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeEvent } from "@/lib/executor/write-event";
import type { NotificationInput } from "./notification-input";
import { notificationPayload } from "./notification-payload";

const withProduct = { variant: { select: { id: true, title: true, sku: true, product: { select: { id: true, title: true } } } } } as const;

/**
 * A shopper signs up for a variant. The notification and its `notification/create` event
 * (with the webhook payload) commit together. Signing up again for the same variant with the
 * same contact and channel changes nothing and returns the existing notification.
 */
export async function createNotification(storeId: string, input: NotificationInput) {
  const contact = input.channel === "email" ? input.contact.toLowerCase() : input.contact;
  return db.$transaction(async (tx) => {
    const variant = await tx.variant.findFirst({ where: { id: input.variant_id, storeId }, select: { id: true } });
    if (!variant) throw new AppError("not_found", "This store has no variant with that id.", { fieldErrors: { variant_id: ["Unknown variant."] } });
    const channel = input.channel === "email" ? "EMAIL" : "SMS";
    // ON CONFLICT DO NOTHING: two simultaneous sign-ups of one shopper make one notification.
    const inserted = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO "Notification" ("storeId", "variantId", channel, contact, "quantityRequired", "customerLanguage", "customerUtcOffset", "updatedAt")
      VALUES (${storeId}, ${variant.id}, ${channel}::"NotificationChannel", ${contact}, ${input.quantity_required}, ${input.customer_language}, ${input.customer_utc_offset}, now())
      ON CONFLICT ("variantId", channel, contact) DO NOTHING
      RETURNING id`;
    const notification = await tx.notification.findUniqueOrThrow({
      where: inserted[0] ? { id: inserted[0].id } : { variantId_channel_contact: { variantId: variant.id, channel, contact } },
      include: withProduct,
    });
    if (!inserted[0]) return { notification, created: false };
    await writeEvent(
      tx,
      notificationCreated,
      { storeId, notificationId: notification.id.toString(), payload: notificationPayload(notification, "notification/create", notification.createdAt) },
      { idempotencyKey: `notification/create:${notification.id}` },
    );
    return { notification, created: true };
  });
}
