import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { plans, webhookPlans } from "@/lib/plans";
import type { WebhookActor } from "./webhook-actor";
import type { WebhookInput } from "./webhook-input";
import { duplicateWebhookError, webhookView } from "./webhook-view";

/**
 * Subscribes a URL to a topic. A new webhook starts Off unless asked otherwise (the seed's
 * flow: create, then switch it On). Refused: plans without webhooks, the plan's limit, and a
 * second webhook with the same topic and URL.
 */
export async function createWebhook({ storeId, actor, context }: WebhookActor, input: WebhookInput) {
  return db.$transaction(async (tx) => {
    // Lock the store row so two concurrent creates cannot both pass the limit.
    const [store] = await tx.$queryRaw<{ plan: keyof typeof plans }[]>`SELECT plan FROM "Store" WHERE id = ${storeId} FOR UPDATE`;
    if (!store) throw new AppError("not_found", "Store not found.");
    const plan = plans[store.plan];
    if (!plan.webhooks) {
      throw new AppError("plan_required", `Webhooks are not included in the ${plan.name} plan. They come with the ${webhookPlans.join(", ").replace(/, ([^,]*)$/, " and $1")} plans.`, {
        plans: webhookPlans,
      });
    }
    const count = await tx.webhook.count({ where: { storeId } });
    if (count >= plan.webhookLimit) {
      throw new AppError("conflict", `Your ${plan.name} plan allows up to ${plan.webhookLimit} webhooks; delete one or move to a bigger plan to add more.`, {
        limit: plan.webhookLimit,
      });
    }
    try {
      const webhook = await tx.webhook.create({
        data: { id: newId("webhook"), storeId, topic: input.topic, url: input.url, isActive: input.is_active ?? false },
      });
      await recordAudit(
        { actor, action: "webhook.created", storeId, target: { type: "webhook", id: webhook.id }, details: { topic: webhook.topic, url: webhook.url, isActive: webhook.isActive }, context },
        tx,
      );
      return webhookView(webhook);
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw duplicateWebhookError();
      throw error;
    }
  });
}
