import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";

export type AuditActor = { userId: string | null; email: string | null; role: "owner" | "member" | "support" | "api" | "system" };
export type AuditContext = { ip?: string | null; userAgent?: string | null };

export type AuditEntry = {
  actor: AuditActor;
  action: string;
  storeId?: string | null;
  target?: { type: string; id: string };
  details?: Prisma.InputJsonValue;
  context?: AuditContext;
};

/** Writes one audit row and answers its id; pass the transaction so the change and its record commit together. */
export async function recordAudit(entry: AuditEntry, tx: Tx = db): Promise<string> {
  const id = newId("audit");
  await tx.auditLog.create({
    data: {
      id,
      actorUserId: entry.actor.userId,
      actorEmail: entry.actor.email,
      actorRole: entry.actor.role,
      storeId: entry.storeId ?? null,
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      details: entry.details,
      ip: entry.context?.ip ?? null,
      userAgent: entry.context?.userAgent ?? null,
    },
  });
  return id;
}
