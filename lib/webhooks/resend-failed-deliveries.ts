import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { webhookNotFound } from "./webhook-view";
import { assertResendable, restartDeliveryChains } from "./restart-delivery-chains";
import type { WebhookActor } from "./webhook-actor";

/** One press resends at most this many (oldest first); the answer says how many are left. */
export const resendFailedBatch = 500;

/**
 * "Resend failed since …": every real (not test) delivery of the webhook that failed and was
 * created at or after `since` gets a new chain of attempts with its message id, oldest first.
 * Used after re-enabling a deactivated webhook, for what failed while it was down.
 */
export async function resendFailedDeliveries({ storeId, actor, context }: WebhookActor, webhookId: string, since: Date): Promise<{ resent: number; remaining: number }> {
  return db.$transaction(async (tx) => {
    const webhook = await tx.webhook.findFirst({ where: { id: webhookId, storeId }, select: { id: true, isActive: true, state: true, store: { select: { plan: true } } } });
    if (!webhook) throw webhookNotFound();
    assertResendable(webhook);
    const failed = { webhookId, failureStatus: "FAILED" as const, isTest: false, createdAt: { gte: since } };
    // Locked so two presses (or a press and a single resend) cannot start the same chain twice.
    const batch = await tx.$queryRaw<{ id: string; webhookId: string; attemptCount: number }[]>`
      SELECT id, "webhookId", "attemptCount" FROM "Delivery"
       WHERE "webhookId" = ${webhookId} AND "failureStatus" = 'FAILED' AND NOT "isTest" AND "createdAt" >= ${since}
       ORDER BY "createdAt", id
       LIMIT ${resendFailedBatch}
       FOR UPDATE SKIP LOCKED`;
    await restartDeliveryChains(tx, batch);
    const remaining = await tx.delivery.count({ where: failed });
    if (batch.length > 0) {
      await recordAudit(
        { actor, action: "deliveries.resent", storeId, target: { type: "webhook", id: webhookId }, details: { since: since.toISOString(), count: batch.length, remaining }, context },
        tx,
      );
    }
    return { resent: batch.length, remaining };
  });
}
