import "server-only";
import { db } from "@/lib/db";

// How many waiting shoppers a rise in stock will tell, for the message after "Set stock".
// The restock function decides for real (claimNotificationsForRestock); this mirrors its rule.

/**
 * The waiting notifications a restock of `budget` units pays for: oldest first, each taking
 * its quantity_required, skipping those that do not fit what is left.
 */
export function fittingCount(waitingOldestFirst: readonly { quantityRequired: number }[], budget: number): number {
  let left = budget;
  let count = 0;
  for (const n of waitingOldestFirst) {
    if (left <= 0) break;
    if (n.quantityRequired > left) continue;
    count++;
    left -= n.quantityRequired;
  }
  return count;
}

/** The variant's waiting notifications no restock has claimed yet, oldest first. */
export async function waitingInLine(storeId: string, variantId: bigint) {
  return db.notification.findMany({
    where: { storeId, variantId, status: "WAITING", restockEventId: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { quantityRequired: true },
  });
}
