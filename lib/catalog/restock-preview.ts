import "server-only";
import { db } from "@/lib/db";
import { fitToBudget } from "@/lib/notifications/send-notification";

// How many waiting shoppers a rise in stock will tell, for the message after "Set stock":
// the restock function's own rule (fitToBudget), on the notifications no restock has claimed.

export function fittingCount(waitingOldestFirst: readonly { quantityRequired: number }[], budget: number): number {
  return fitToBudget(waitingOldestFirst, budget).length;
}

/** The variant's waiting notifications no restock has claimed yet, oldest first. */
export async function waitingInLine(storeId: string, variantId: bigint) {
  return db.notification.findMany({
    where: { storeId, variantId, status: "WAITING", restockEventId: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { quantityRequired: true },
  });
}
