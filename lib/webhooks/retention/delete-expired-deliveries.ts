import "server-only";
import { db } from "@/lib/db";
import type { Plan } from "@/lib/generated/prisma/enums";
import { plans } from "@/lib/plans";

/**
 * How long a store's delivery log is kept: its plan's retention, and never less than the
 * shortest paid log (7 days), so a downgrade does not wipe the history at once.
 */
export function deliveryRetentionDays(plan: Plan): number {
  const paid = Object.values(plans).map((p) => p.deliveryLogRetentionDays).filter((d) => d > 0);
  return Math.max(plans[plan].deliveryLogRetentionDays, Math.min(...paid));
}

/**
 * Deletes up to `limit` deliveries (their attempts go with them) older than the retention of
 * stores on `plan`; returns how many. Called in batches so no statement holds locks for long.
 */
export async function deleteExpiredDeliveries(plan: Plan, limit: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - deliveryRetentionDays(plan) * 86_400_000);
  return db.$executeRaw`
    DELETE FROM "Delivery" WHERE id IN (
      SELECT d.id FROM "Delivery" d JOIN "Store" s ON s.id = d."storeId"
       WHERE s.plan = ${plan}::"Plan" AND d."createdAt" < ${cutoff}
       LIMIT ${limit})`;
}
