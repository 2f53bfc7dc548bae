import "server-only";
import { signingKeysFor } from "@/lib/api-keys/signing-keys";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { plans } from "@/lib/plans";
import { isoSeconds } from "@/lib/notifications/notification-payload";
import type { ErrorClass } from "./attempt";
import { signSendRecord } from "./deliver";
import { eventTopics, examplePayload, notificationPayloadSchema, type EventTopic } from "./topics";
import type { WebhookActor } from "./webhook-actor";
import { isStorableId, webhookNotFound } from "./webhook-view";

export type TestPayloadOutcome = {
  deliveryId: string;
  ok: boolean;
  status: number | null;
  errorClass: ErrorClass | null;
  errorMessage: string | null;
  latencyMs: number;
  responseExcerpt: string | null;
};

/**
 * Sends one signed test payload to a webhook now (On or Off: it is how an endpoint is tried
 * before switching it on) and answers with the outcome. The seed's example with "test": true;
 * one attempt, no retries, kept in the delivery log as a test, not counted as a failure streak.
 */
export async function sendTestPayload({ storeId, actor, context }: WebhookActor, webhookId: string): Promise<TestPayloadOutcome> {
  if (!isStorableId(webhookId)) throw webhookNotFound();
  const webhook = await db.webhook.findFirst({ where: { id: webhookId, storeId }, include: { store: { select: { plan: true } } } });
  if (!webhook) throw webhookNotFound();
  if (!plans[webhook.store.plan].webhooks) throw new AppError("plan_required", `Webhooks are paused on the ${plans[webhook.store.plan].name} plan.`);
  const topic: EventTopic = (eventTopics as readonly string[]).includes(webhook.topic) ? (webhook.topic as EventTopic) : "notification/create";
  const body = JSON.stringify(notificationPayloadSchema.parse({ ...examplePayload(topic), timestamp: isoSeconds(new Date()), test: true }));
  const delivery = await db.delivery.create({
    data: { id: newId("delivery"), messageId: newId("message"), storeId, webhookId: webhook.id, topic, body, isTest: true },
  });
  const { result } = await signSendRecord(delivery, webhook.url, 1, await signingKeysFor(storeId), { test: true });
  await recordAudit({ actor, action: "webhook.test_sent", storeId, target: { type: "webhook", id: webhook.id }, details: { deliveryId: delivery.id, ok: result.ok, status: result.status }, context });
  return {
    deliveryId: delivery.id,
    ok: result.ok,
    status: result.status,
    errorClass: result.errorClass,
    errorMessage: result.errorMessage,
    latencyMs: result.durationMs,
    responseExcerpt: result.responseBody?.slice(0, 500) ?? null,
  };
}
