// The events of the product, with the zod schemas of their `data`. The one catalog: the
// executor refuses events that are not here, and domain code writes them through the outbox.
import { eventType } from "inngest";
import { z } from "zod";
import { catalogOf } from "@/lib/executor/event-catalog";

const notificationRef = z.object({
  storeId: z.string().startsWith("sto_"),
  notificationId: z.string().regex(/^\d+$/, "a notification id is a decimal number"),
});

/** A shopper signed up to be told when a variant is back in stock. */
export const notificationCreated = eventType("notification/create", { schema: notificationRef });

/** A back-in-stock message went out to a shopper. */
export const notificationSent = eventType("notification/sent", { schema: notificationRef });

/** Run the delivery-log retention job now (it also runs daily at 03:00 UTC). */
export const deliveryRetentionRequested = eventType("maintenance/delivery-retention.requested", {
  schema: z.object({ reason: z.string().min(1).max(200) }),
});

export const productEvents = [notificationCreated, notificationSent, deliveryRetentionRequested];
export const eventCatalog = catalogOf(productEvents);
