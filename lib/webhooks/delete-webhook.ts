import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import type { WebhookActor } from "./webhook-actor";
import { isStorableId, webhookNotFound } from "./webhook-view";

/** Deletes a webhook with its delivery log. Allowed on any plan, so a downgraded store can tidy up. */
export async function deleteWebhook({ storeId, actor, context }: WebhookActor, webhookId: string): Promise<void> {
  if (!isStorableId(webhookId)) throw webhookNotFound();
  await db.$transaction(async (tx) => {
    const webhook = await tx.webhook.findFirst({ where: { id: webhookId, storeId }, select: { id: true, topic: true, url: true } });
    if (!webhook) throw webhookNotFound();
    await tx.webhook.delete({ where: { id: webhook.id } });
    await recordAudit({ actor, action: "webhook.deleted", storeId, target: { type: "webhook", id: webhook.id }, details: { topic: webhook.topic, url: webhook.url }, context }, tx);
  });
}
