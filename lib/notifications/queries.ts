import "server-only";
import { db } from "@/lib/db";

export async function countNotifications(storeId: string) {
  const rows = await db.notification.groupBy({ by: ["status"], where: { storeId }, _count: { _all: true } });
  const count = (status: string) => rows.find((r) => r.status === status)?._count._all ?? 0;
  return { waiting: count("WAITING"), sent: count("SENT") };
}

export const notificationPageSize = 25;

/** Newest first, keyset-paginated on the id (a sequence, so it follows creation order). */
export async function listNotifications(storeId: string, before?: bigint) {
  const rows = await db.notification.findMany({
    where: { storeId, ...(before ? { id: { lt: before } } : {}) },
    orderBy: { id: "desc" },
    take: notificationPageSize + 1,
    select: {
      id: true,
      channel: true,
      contact: true,
      quantityRequired: true,
      status: true,
      createdAt: true,
      variant: { select: { title: true, product: { select: { title: true } } } },
    },
  });
  const page = rows.slice(0, notificationPageSize);
  return { rows: page, nextBefore: rows.length > notificationPageSize ? page.at(-1)!.id : null };
}
