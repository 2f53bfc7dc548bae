import "server-only";
import { deliveryRetryRequested } from "@/inngest/events";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeEvent } from "@/lib/executor/write-event";
import { plans } from "@/lib/plans";
import type { WebhookActor } from "./webhook-actor";

/**
 * Sends a delivery again: a new chain of attempts (the first now, then the retry schedule)
 * with the same message id, so a receiver that already has it can drop the duplicate. Refused
 * while the delivery is still pending or being retried, or when its webhook is Off.
 */
export async function resendDelivery({ storeId, actor, context }: WebhookActor, deliveryId: string): Promise<{ deliveryId: string; firstAttempt: number }> {
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Delivery" WHERE id = ${deliveryId} AND "storeId" = ${storeId} FOR UPDATE`;
    if (!locked) throw new AppError("not_found", "No delivery with that id.");
    const delivery = await tx.delivery.findUniqueOrThrow({
      where: { id: deliveryId },
      select: { id: true, webhookId: true, status: true, attemptCount: true, isTest: true, webhook: { select: { isActive: true, state: true, store: { select: { plan: true } } } } },
    });
    if (!plans[delivery.webhook.store.plan].webhooks) throw new AppError("plan_required", `Webhooks are paused on the ${plans[delivery.webhook.store.plan].name} plan.`);
    if (delivery.status === "PENDING" || delivery.status === "RETRYING") throw new AppError("conflict", "This delivery is still being sent or retried; resend it once it has succeeded or failed.");
    if (!delivery.webhook.isActive || delivery.webhook.state !== "ACTIVE") throw new AppError("conflict", "The webhook is Off or deactivated: switch it On to resend.");
    const firstAttempt = delivery.attemptCount + 1;
    const now = new Date();
    await tx.delivery.update({ where: { id: delivery.id }, data: { status: "RETRYING", nextAttemptAt: now, completedAt: null } });
    await writeEvent(
      tx,
      deliveryRetryRequested,
      { deliveryId: delivery.id, webhookId: delivery.webhookId, nextAttemptAt: now.toISOString(), firstAttempt },
      { idempotencyKey: `resend:${delivery.id}:${firstAttempt}` },
    );
    await recordAudit({ actor, action: "delivery.resent", storeId, target: { type: "delivery", id: delivery.id }, details: { firstAttempt }, context }, tx);
    return { deliveryId: delivery.id, firstAttempt };
  });
}
