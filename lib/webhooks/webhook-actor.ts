import "server-only";
import type { AuditActor, AuditContext } from "@/lib/audit/record-audit";

/** Who changes a store's webhooks, and from where: an owner or member in the app, or an API key. */
export type WebhookActor = { storeId: string; actor: AuditActor; context: AuditContext };
