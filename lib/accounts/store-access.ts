import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { MemberRole } from "@/lib/generated/prisma/enums";

export type StoreAccess = {
  store: { id: string; name: string; domain: string; plan: import("@/lib/generated/prisma/enums").Plan };
  role: MemberRole;
};

/**
 * The store as seen by one of its members. Anyone else gets not_found, the same answer as
 * for a store that does not exist, so ids cannot be probed. Every store-scoped read goes
 * through this check.
 */
export async function getStoreAccess(userId: string, storeId: string): Promise<StoreAccess> {
  const membership = await db.membership.findUnique({
    where: { userId_storeId: { userId, storeId } },
    select: { role: true, store: { select: { id: true, name: true, domain: true, plan: true } } },
  });
  if (!membership) throw new AppError("not_found", "Store not found");
  return { store: membership.store, role: membership.role };
}

export async function listStoresForUser(userId: string) {
  const rows = await db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, store: { select: { id: true, name: true, plan: true } } },
  });
  return rows.map((r) => ({ ...r.store, role: r.role }));
}
