import { deleteExpiredDeliveries } from "@/lib/webhooks/retention/delete-expired-deliveries";
import { planOrder } from "@/lib/plans";
import { inngest } from "../client";
import { deliveryRetentionRequested } from "../events";

const batchSize = 5000;

/**
 * Retention of the delivery log (7/30/90 days by plan), daily and on request. Each batch is a
 * step, so a crash resumes after the last batch deleted instead of starting over.
 */
export const deleteExpiredDeliveriesFunction = inngest.createFunction(
  {
    id: "delete-expired-deliveries",
    name: "Delete expired deliveries",
    triggers: [{ cron: "TZ=UTC 0 3 * * *" }, deliveryRetentionRequested],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const deleted: Record<string, number> = {};
    for (const plan of planOrder) {
      deleted[plan] = 0;
      for (let batch = 1; ; batch++) {
        const n = await step.run(`delete-${plan.toLowerCase()}-${batch}`, () => deleteExpiredDeliveries(plan, batchSize));
        deleted[plan] += n;
        if (n < batchSize) break;
      }
    }
    return { deleted };
  },
);
