import "server-only";
import { db } from "@/lib/db";

export async function listWebhooks(storeId: string) {
  return db.webhook.findMany({
    where: { storeId },
    orderBy: { createdAt: "asc" },
    select: { id: true, topic: true, url: true, isActive: true, state: true, createdAt: true },
  });
}

export async function countWebhooks(storeId: string) {
  const [total, active, deactivated] = await Promise.all([
    db.webhook.count({ where: { storeId } }),
    db.webhook.count({ where: { storeId, isActive: true, state: "ACTIVE" } }),
    db.webhook.count({ where: { storeId, state: "DEACTIVATED" } }),
  ]);
  return { total, active, deactivated };
}
