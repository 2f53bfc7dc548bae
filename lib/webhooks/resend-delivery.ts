import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertResendable, restartDeliveryChains } from "./restart-delivery-chains";
import type { WebhookActor } from "./webhook-actor";

/**
 * Sends a delivery again: a new chain of attempts with the same message id. Refused while
 * the delivery is still pending or being retried, or when its webhook is Off. Support staff
 * give a `reason`, recorded with the resend in the same audit row.
 */
export async function resendDelivery(
  { storeId, actor, context }: WebhookActor,
  deliveryId: string,
  { reason }: { reason?: string } = {},
): Promise<{ deliveryId: string; firstAttempt: number }> {
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Delivery" WHERE id = ${deliveryId} AND "storeId" = ${storeId} FOR UPDATE`;
    if (!locked) throw new AppError("not_found", "No delivery with that id.");
    const delivery = await tx.delivery.findUniqueOrThrow({
      where: { id: deliveryId },
      select: { id: true, webhookId: true, status: true, attemptCount: true, isTest: true, webhook: { select: { isActive: true, state: true, store: { select: { plan: true } } } } },
    });
    assertResendable(delivery.webhook);
    if (delivery.status === "PENDING" || delivery.status === "RETRYING") throw new AppError("conflict", "This delivery is still being sent or retried; resend it once it has succeeded or failed.");
    const firstAttempt = delivery.attemptCount + 1;
    await restartDeliveryChains(tx, [delivery]);
    await recordAudit({ actor, action: "delivery.resent", storeId, target: { type: "delivery", id: delivery.id }, details: { firstAttempt, ...(reason ? { reason } : {}) }, context }, tx);
    return { deliveryId: delivery.id, firstAttempt };
  });
}
