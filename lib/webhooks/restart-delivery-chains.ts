import "server-only";
import { deliveryRetryRequested } from "@/inngest/events";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeEvents } from "@/lib/executor/write-event";
import type { Plan } from "@/lib/generated/prisma/client";
import { plans } from "@/lib/plans";

/**
 * Puts finished deliveries back on their way: each gets a new chain of attempts (the first
 * now, then the retry schedule from its first step) under the same message id, so a receiver
 * that already has it can drop the duplicate. The caller has locked the rows and checked that
 * they may be resent; the chains start when its transaction commits.
 */
export async function restartDeliveryChains(tx: Tx, deliveries: { id: string; webhookId: string; attemptCount: number }[]): Promise<void> {
  if (deliveries.length === 0) return;
  const now = new Date();
  await tx.delivery.updateMany({ where: { id: { in: deliveries.map((d) => d.id) } }, data: { status: "RETRYING", nextAttemptAt: now, completedAt: null } });
  await writeEvents(
    tx,
    deliveryRetryRequested,
    deliveries.map((d) => ({
      data: { deliveryId: d.id, webhookId: d.webhookId, nextAttemptAt: now.toISOString(), firstAttempt: d.attemptCount + 1 },
      idempotencyKey: `resend:${d.id}:${d.attemptCount + 1}`,
    })),
  );
}

/** Why a webhook's deliveries cannot be resent now (its plan has no webhooks, or it is Off). */
export function assertResendable(webhook: { isActive: boolean; state: "ACTIVE" | "DEACTIVATED"; store: { plan: Plan } }): void {
  const plan = plans[webhook.store.plan];
  if (!plan.webhooks) throw new AppError("plan_required", `Webhooks are paused on the ${plan.name} plan.`);
  if (!webhook.isActive || webhook.state !== "ACTIVE") throw new AppError("conflict", "The webhook is Off or deactivated: switch it On to resend.");
}
