import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Webhook } from "@/lib/generated/prisma/client";

/** A webhook id as the app and API hand them out (`wh_` and a ULID). */
export const webhookIdSchema = z.string().regex(/^wh_[0-9A-Z]{26}$/, "Unknown webhook.");

/** A webhook as the UI and the REST API show it (snake_case, as the API documents). */
export function webhookView(w: Pick<Webhook, "id" | "topic" | "url" | "isActive" | "state" | "deactivatedAt" | "deactivationReason" | "createdAt" | "updatedAt">) {
  return {
    id: w.id,
    topic: w.topic,
    url: w.url,
    is_active: w.isActive,
    state: w.state === "DEACTIVATED" ? ("deactivated" as const) : ("active" as const),
    deactivated_at: w.deactivatedAt?.toISOString() ?? null,
    deactivation_reason: w.deactivationReason ?? null,
    created_at: w.createdAt.toISOString(),
    updated_at: w.updatedAt.toISOString(),
  };
}
export type WebhookView = ReturnType<typeof webhookView>;

export function duplicateWebhookError(): AppError {
  const message = "A webhook for this topic and URL already exists.";
  return new AppError("conflict", message, { fieldErrors: { url: [message] } });
}

/**
 * Whether an id can name a stored row at all: PostgreSQL text cannot hold NUL, so a query with
 * such an id (from a URL, /api/v1/webhooks/%00) fails in the database (a 500) instead of
 * finding nothing. Lookups answer "not found" for it first.
 */
export function isStorableId(id: string): boolean {
  return !id.includes("\u0000");
}

export function webhookNotFound(): AppError {
  return new AppError("not_found", "No webhook with that id.");
}
