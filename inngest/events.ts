// The events of the product, with the zod schemas of their `data`. The one catalog: the
// executor refuses events that are not here, and domain code writes them through the outbox.
import { eventType } from "inngest";
import { z } from "zod";
import { catalogOf } from "@/lib/executor/event-catalog";
import { notificationPayloadSchema } from "@/lib/webhooks/topics";

/**
 * A notification event carries the webhook payload, built once in the transaction that wrote
 * the event: every delivery of it sends these very bytes (the payload is a contract, seed 000).
 */
const notificationEvent = z.object({
  storeId: z.string().startsWith("sto_"),
  notificationId: z.string().regex(/^\d+$/, "a notification id is a decimal number"),
  payload: notificationPayloadSchema,
});

/** A shopper signed up to be told when a variant is back in stock. */
export const notificationCreated = eventType("notification/create", { schema: notificationEvent });

/** A back-in-stock message went out to a shopper. */
export const notificationSent = eventType("notification/sent", { schema: notificationEvent });

/** A variant's stock went up: waiting shoppers may be told (the increase is the budget). */
export const inventoryRestocked = eventType("inventory/restocked", {
  schema: z.object({
    storeId: z.string().startsWith("sto_"),
    variantId: z.string().regex(/^\d+$/, "a variant id is a decimal number"),
    from: z.number().int().min(0),
    to: z.number().int().min(0),
  }),
});

/** A delivery's first attempt failed: its own durable run retries it on the schedule. */
export const deliveryRetryRequested = eventType("webhook/delivery.retry", {
  schema: z.object({
    deliveryId: z.string().startsWith("dlv_"),
    webhookId: z.string().startsWith("wh_"),
    nextAttemptAt: z.iso.datetime(),
    /**
     * The attempt number the chain starts at: 2 after a failed first attempt (the default), 1
     * when fan-out handed the first attempt over (a slow or failing endpoint), later for a resend.
     */
    firstAttempt: z.number().int().min(1).optional(),
  }),
});

/** An email waits for the SMTP transport (SMTP_URL set); the send-mail function sends it. */
export const mailQueued = eventType("mail/queued", { schema: z.object({ mailId: z.string().startsWith("mail_") }) });

/** Run the delivery-log retention job now (it also runs daily at 03:00 UTC). */
export const deliveryRetentionRequested = eventType("maintenance/delivery-retention.requested", {
  schema: z.object({ reason: z.string().min(1).max(200) }),
});

export const productEvents = [notificationCreated, notificationSent, inventoryRestocked, deliveryRetryRequested, mailQueued, deliveryRetentionRequested];
export const eventCatalog = catalogOf(productEvents);
