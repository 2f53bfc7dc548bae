import "server-only";
import { db } from "@/lib/db";

export type DeliveryDetail = NonNullable<Awaited<ReturnType<typeof getDelivery>>>;

/** One delivery of the store with its webhook and every attempt, oldest first; null when it is not this store's. */
export async function getDelivery(storeId: string, deliveryId: string) {
  if (!/^dlv_[0-9A-Z]{26}$/.test(deliveryId)) return null;
  return db.delivery.findFirst({
    where: { id: deliveryId, storeId },
    include: {
      webhook: { select: { id: true, url: true, topic: true, isActive: true, state: true } },
      attempts: { orderBy: { attemptNumber: "asc" } },
    },
  });
}
