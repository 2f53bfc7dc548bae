import type { AuditActor, AuditContext } from "@/lib/audit/record-audit";
import type { MemberRole } from "@/lib/generated/prisma/enums";

/**
 * Who reads or rotates a store's API key, and from where: a member of that store as
 * established by `requireStoreMember` (support staff never see keys, so they have no actor here).
 */
export type ApiKeyActor = { storeId: string; actor: AuditActor & { role: "owner" | "member" }; context: AuditContext };

export function apiKeyActor(
  access: { user: { id: string; email: string }; store: { id: string }; role: MemberRole },
  context: AuditContext = {},
): ApiKeyActor {
  return {
    storeId: access.store.id,
    actor: { userId: access.user.id, email: access.user.email, role: access.role === "OWNER" ? "owner" : "member" },
    context,
  };
}
