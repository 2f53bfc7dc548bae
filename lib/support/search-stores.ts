import "server-only";
import { db } from "@/lib/db";
import { likeLiteral } from "@/lib/search/like-literal";

export const storeSearchPageSize = 20;

/** Stores whose name, domain or owner email contains `q`, name order, keyset on (name, id). */
export async function searchStores(q: string, after?: { name: string; id: string }) {
  const term = likeLiteral(q.trim());
  const rows = await db.store.findMany({
    where: {
      AND: [
        term
          ? {
              OR: [
                { name: { contains: term, mode: "insensitive" } },
                { domain: { contains: term, mode: "insensitive" } },
                { memberships: { some: { role: "OWNER", user: { email: { contains: term, mode: "insensitive" } } } } },
              ],
            }
          : {},
        after ? { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] } : {},
      ],
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: storeSearchPageSize + 1,
    select: {
      id: true,
      name: true,
      domain: true,
      plan: true,
      memberships: { where: { role: "OWNER" }, select: { user: { select: { email: true } } }, take: 1 },
    },
  });
  const page = rows.slice(0, storeSearchPageSize);
  const last = page.at(-1);
  return {
    rows: page.map(({ memberships, ...s }) => ({ ...s, ownerEmail: memberships[0]?.user.email ?? null })),
    next: rows.length > storeSearchPageSize && last ? { name: last.name, id: last.id } : null,
  };
}

export async function getStoreForSupport(storeId: string) {
  return db.store.findUnique({
    where: { id: storeId },
    select: {
      id: true,
      name: true,
      domain: true,
      plan: true,
      createdAt: true,
      memberships: { orderBy: { createdAt: "asc" }, select: { role: true, user: { select: { name: true, email: true } } } },
      _count: { select: { webhooks: true, notifications: true, products: true } },
    },
  });
}
