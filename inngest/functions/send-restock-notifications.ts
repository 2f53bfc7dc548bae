import { claimNotificationsForRestock, sendNotification } from "@/lib/notifications/send-notification";
import { inngest } from "../client";
import { inventoryRestocked } from "../events";

/**
 * A restock tells the waiting shoppers it pays for, oldest first. One run at a time per
 * variant; the claim is tied to the restock's event (a re-run sends to the same shoppers), and
 * each send is its own step that sends at most once.
 */
export const sendRestockNotificationsFunction = inngest.createFunction(
  {
    id: "send-restock-notifications",
    name: "Send restock notifications",
    triggers: [inventoryRestocked],
    concurrency: { limit: 1, key: "event.data.variantId" },
    retries: 5,
  },
  async ({ event, step }) => {
    const variantId = BigInt(event.data.variantId);
    const ids = await step.run("claim", () => claimNotificationsForRestock(event.id!, variantId, event.data.to - event.data.from));
    let sent = 0;
    for (const id of ids) if (await step.run(`send-${id}`, () => sendNotification(BigInt(id)))) sent++;
    return { picked: ids.length, sent };
  },
);
