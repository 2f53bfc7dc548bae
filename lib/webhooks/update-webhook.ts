import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { plans } from "@/lib/plans";
import type { WebhookActor } from "./webhook-actor";
import type { WebhookPatch } from "./webhook-input";
import { duplicateWebhookError, isStorableId, webhookNotFound, webhookView } from "./webhook-view";

/**
 * Changes a webhook's topic, URL or On/Off. Switching a deactivated webhook On re-enables it:
 * its failure count starts again from zero. Another store's id is simply not found.
 */
export async function updateWebhook({ storeId, actor, context }: WebhookActor, webhookId: string, patch: WebhookPatch) {
  if (!isStorableId(webhookId)) throw webhookNotFound();
  return db.$transaction(async (tx) => {
    const current = await tx.webhook.findFirst({ where: { id: webhookId, storeId }, include: { store: { select: { plan: true } } } });
    if (!current) throw webhookNotFound();
    if (!plans[current.store.plan].webhooks) {
      throw new AppError("plan_required", `Webhooks are paused on the ${plans[current.store.plan].name} plan; upgrade to change them.`);
    }
    const reenable = patch.is_active === true && current.state === "DEACTIVATED";
    try {
      const webhook = await tx.webhook.update({
        where: { id: current.id },
        data: {
          topic: patch.topic,
          url: patch.url,
          isActive: patch.is_active,
          ...(reenable && { state: "ACTIVE", consecutiveFailures: 0, warnedAt: null, deactivatedAt: null, deactivationReason: null }),
        },
      });
      const changes = Object.fromEntries(
        (["topic", "url", "isActive"] as const)
          .filter((k) => webhook[k] !== current[k])
          .map((k) => [k, { from: current[k], to: webhook[k] }]),
      );
      await recordAudit(
        { actor, action: reenable ? "webhook.reenabled" : "webhook.updated", storeId, target: { type: "webhook", id: webhook.id }, details: changes, context },
        tx,
      );
      return webhookView(webhook);
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw duplicateWebhookError();
      throw error;
    }
  });
}
