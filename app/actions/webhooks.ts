"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { AuditActor } from "@/lib/audit/record-audit";
import { requestContext } from "@/lib/auth/request-context";
import { requireStoreMember } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { validatedAction } from "@/lib/forms/validated-action";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { resendDelivery } from "@/lib/webhooks/resend-delivery";
import { resendFailedBatch, resendFailedDeliveries } from "@/lib/webhooks/resend-failed-deliveries";
import { sendTestPayload, type TestPayloadOutcome } from "@/lib/webhooks/send-test-payload";
import { listWebhookRows, type WebhookRow } from "@/lib/webhooks/queries";
import { subscriptionTopicSchema } from "@/lib/webhooks/topics";
import { updateWebhook } from "@/lib/webhooks/update-webhook";
import type { WebhookActor } from "@/lib/webhooks/webhook-actor";
import { urlPolicyOptions } from "@/lib/webhooks/webhook-input";
import { webhookIdSchema } from "@/lib/webhooks/webhook-view";
import { webhookUrlSchema } from "@/lib/webhooks/url-policy";

// Settings → Webhooks. Every action checks the session's membership of the store first; the
// rules themselves live in lib/webhooks (the REST API calls the same functions).

async function actorIn(storeId: string): Promise<WebhookActor> {
  const { user, role } = await requireStoreMember(storeId);
  const actor: AuditActor = { userId: user.id, email: user.email, role: role === "OWNER" ? "owner" : "member" };
  return { storeId, actor, context: await requestContext() };
}

const ids = { storeId: z.string().min(1), webhookId: webhookIdSchema };
const fields = { topic: subscriptionTopicSchema, url: webhookUrlSchema(urlPolicyOptions()) };

export const createWebhookAction = validatedAction(z.object({ storeId: ids.storeId, ...fields }), async ({ storeId, topic, url }) => {
  await createWebhook(await actorIn(storeId), { topic, url });
  revalidatePath(`/s/${storeId}/settings/webhooks`);
  return { ok: true, message: "Webhook created. It is Off: switch it On when your endpoint is ready." };
});

export const editWebhookAction = validatedAction(z.object({ ...ids, ...fields }), async ({ storeId, webhookId, topic, url }) => {
  await updateWebhook(await actorIn(storeId), webhookId, { topic, url });
  revalidatePath(`/s/${storeId}/settings/webhooks`);
  return { ok: true, message: "Webhook saved." };
});

type Outcome = { ok: true; rows: WebhookRow[]; message?: string } | { ok: false; message: string };

/** Runs a change and answers with the fresh list (and what happened), or with the reason it was refused. */
async function change(storeId: string, work: (who: WebhookActor) => Promise<unknown>, done?: (result: unknown) => string): Promise<Outcome> {
  let result: unknown;
  try {
    result = await work(await actorIn(storeId));
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message };
    throw error;
  }
  revalidatePath(`/s/${storeId}`, "layout");
  return { ok: true, rows: await listWebhookRows(storeId), message: done?.(result) };
}

export async function setWebhookActiveAction(storeId: string, webhookId: string, isActive: boolean): Promise<Outcome> {
  const input = z.object({ ...ids, isActive: z.boolean() }).safeParse({ storeId, webhookId, isActive });
  if (!input.success) return { ok: false, message: input.error.issues[0]!.message };
  return change(storeId, (who) => updateWebhook(who, webhookId, { is_active: isActive }));
}

export async function deleteWebhookAction(storeId: string, webhookId: string): Promise<Outcome> {
  const input = z.object(ids).safeParse({ storeId, webhookId });
  if (!input.success) return { ok: false, message: input.error.issues[0]!.message };
  return change(storeId, (who) => deleteWebhook(who, webhookId));
}

/** "Resend failed since …": the webhook's failed deliveries since then get new attempts. */
export async function resendFailedDeliveriesAction(storeId: string, webhookId: string, since: string): Promise<Outcome> {
  const input = z.object({ ...ids, since: z.iso.datetime({ offset: true }) }).safeParse({ storeId, webhookId, since });
  if (!input.success) return { ok: false, message: input.error.issues[0]!.message };
  return change(
    storeId,
    (who) => resendFailedDeliveries(who, webhookId, new Date(input.data.since)),
    (result) => {
      const { resent, remaining } = result as Awaited<ReturnType<typeof resendFailedDeliveries>>;
      const sent = resent === 0 ? "Nothing left to resend." : resent === 1 ? "1 delivery is on its way again." : `${resent} deliveries are on their way again.`;
      return remaining > 0 ? `${sent} ${remaining} more failed: press Resend again for the next ${Math.min(remaining, resendFailedBatch)}.` : sent;
    },
  );
}

/** Resends one delivery (a new chain of attempts, same message id). */
export async function resendDeliveryAction(storeId: string, deliveryId: string): Promise<{ ok: boolean; message: string }> {
  const input = z.object({ storeId: ids.storeId, deliveryId: z.string().regex(/^dlv_[0-9A-Z]{26}$/, "Unknown delivery.") }).safeParse({ storeId, deliveryId });
  if (!input.success) return { ok: false, message: input.error.issues[0]!.message };
  try {
    await resendDelivery(await actorIn(storeId), deliveryId);
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message };
    throw error;
  }
  revalidatePath(`/s/${storeId}`, "layout");
  return { ok: true, message: "Resent: a new attempt is on its way." };
}

export async function listWebhookRowsAction(storeId: string): Promise<WebhookRow[]> {
  await requireStoreMember(z.string().min(1).parse(storeId));
  return listWebhookRows(storeId);
}

/** Sends a signed test payload now and answers with what the endpoint did. */
export async function sendTestPayloadAction(storeId: string, webhookId: string): Promise<{ ok: true; outcome: TestPayloadOutcome } | { ok: false; message: string }> {
  const input = z.object(ids).safeParse({ storeId, webhookId });
  if (!input.success) return { ok: false, message: input.error.issues[0]!.message };
  try {
    const outcome = await sendTestPayload(await actorIn(storeId), webhookId);
    revalidatePath(`/s/${storeId}/settings/webhooks`);
    return { ok: true, outcome };
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message };
    throw error;
  }
}
