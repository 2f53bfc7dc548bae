import "server-only";
import { z } from "zod";
import { recordAudit, type AuditContext } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import { resendDelivery } from "@/lib/webhooks/resend-delivery";

// What support staff may do to one delivery of a store, each with a reason for the audit log:
// see the customer's contact details unmasked for a while, and send the delivery again.

export const revealAction = "support.customer_data_revealed";

/** A reveal lasts this long; then the page masks the data again and a new reason is needed. */
export const revealLifetimeMs = 15 * 60_000;

export const supportReasonSchema = z
  .string({ error: "Say why: the reason is recorded in the audit log." })
  .trim()
  .min(10, "Give a reason of at least 10 characters (e.g. the ticket number and what you are checking).")
  .max(500, "Keep the reason to 500 characters or fewer.");

export const supportDeliveryActionSchema = z.object({
  storeId: z.string().trim().min(1, "Which store?").max(100),
  deliveryId: z.string().regex(/^dlv_[0-9A-Z]{26}$/, "Unknown delivery."),
  reason: supportReasonSchema,
});
export type SupportDeliveryInput = z.infer<typeof supportDeliveryActionSchema>;

function supportActor(user: SessionUser) {
  return { userId: user.id, email: user.email, role: "support" as const };
}

async function assertDelivery(storeId: string, deliveryId: string) {
  const delivery = await db.delivery.findFirst({ where: { id: deliveryId, storeId }, select: { id: true } });
  if (!delivery) throw new AppError("not_found", "No delivery with that id in this store.");
}

/** Records why support is looking at a delivery's customer data; the audit row's id unlocks the page for a while. */
export async function revealCustomerData(user: SessionUser, { storeId, deliveryId, reason }: SupportDeliveryInput, context: AuditContext): Promise<string> {
  if (user.role !== "SUPPORT") throw new AppError("forbidden", "Only support staff can do this.");
  await assertDelivery(storeId, deliveryId);
  return recordAudit({ actor: supportActor(user), action: revealAction, storeId, target: { type: "delivery", id: deliveryId }, details: { reason }, context });
}

/**
 * The reveal a page link names, if it still unlocks this delivery for this support user:
 * their own, for this delivery of this store, less than 15 minutes old. Null otherwise.
 */
export async function activeReveal(auditId: string | undefined, userId: string, storeId: string, deliveryId: string, now = new Date()) {
  if (!auditId || !/^aud_[0-9A-Z]{26}$/.test(auditId)) return null;
  const row = await db.auditLog.findFirst({
    where: {
      id: auditId,
      action: revealAction,
      actorUserId: userId,
      storeId,
      targetType: "delivery",
      targetId: deliveryId,
      createdAt: { gt: new Date(now.getTime() - revealLifetimeMs) },
    },
    select: { id: true, createdAt: true, details: true },
  });
  if (!row) return null;
  const details = row.details as { reason?: unknown } | null;
  return { id: row.id, expiresAt: new Date(row.createdAt.getTime() + revealLifetimeMs), reason: typeof details?.reason === "string" ? details.reason : null };
}

/**
 * Resends a delivery on support's behalf, the reason written in the resend's own audit row.
 * The rules are resendDelivery's; only the refusal for a webhook that is Off is reworded,
 * since support cannot switch it On themselves.
 */
export async function supportResendDelivery(user: SessionUser, { storeId, deliveryId, reason }: SupportDeliveryInput, context: AuditContext) {
  if (user.role !== "SUPPORT") throw new AppError("forbidden", "Only support staff can do this.");
  try {
    return await resendDelivery({ storeId, actor: supportActor(user), context }, deliveryId, { reason });
  } catch (error) {
    if (isAppError(error) && error.code === "conflict") {
      const webhook = await db.delivery.findUnique({ where: { id: deliveryId }, select: { webhook: { select: { isActive: true, state: true } } } });
      if (webhook && (!webhook.webhook.isActive || webhook.webhook.state !== "ACTIVE"))
        throw new AppError("conflict", "Not resent: the webhook is Off or deactivated. Only the store owner can switch it On; once they have, resend it.");
    }
    throw error;
  }
}
