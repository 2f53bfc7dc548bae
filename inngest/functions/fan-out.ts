import type { DeliverableEvent } from "@/lib/webhooks/create-deliveries";
import { inngestModeAtImport } from "@/lib/env";
import { deliverEvents } from "@/lib/webhooks/deliver";
import { inngest } from "../client";
import { notificationCreated, notificationSent } from "../events";

/**
 * Notification events → webhook deliveries. Events come in batches; in one step the batch's
 * deliveries are created in one statement and every first attempt is made, concurrently (at
 * most 10 per webhook), each recorded as it completes, so a re-run of the step skips those
 * already made. One step, not two: the deliveries go out from memory, with no checkpoint and no
 * re-read in between. Only deliveries whose first attempt failed get a run of their own
 * (`retry`): one run per delivery would cap the system near 250 deliveries/s on two cores.
 */
export const fanOutFunction = inngest.createFunction(
  {
    id: "fan-out",
    name: "Fan out notification events to webhooks",
    triggers: [notificationCreated, notificationSent],
    // A full batch (100) goes at once; a partial one waits for the window: 20 ms with the
    // embedded executor (which also starts at once when no fan-out run is in flight, and takes
    // what gathered when the last one ends), 1 s (its minimum) on Inngest.
    batchEvents: { maxSize: 100, timeout: inngestModeAtImport() === "embedded" ? "0.02s" : "1s" },
    retries: 5,
  },
  async ({ events, step }) => {
    const batch: DeliverableEvent[] = events.map((e) => ({
      id: e.id!,
      name: e.name as DeliverableEvent["name"],
      storeId: e.data.storeId,
      notificationId: e.data.notificationId,
      payload: e.data.payload,
    }));
    const { deliveries, retrying } = await step.run("deliver", () => deliverEvents(batch));
    if (retrying.length > 0) {
      await step.sendEvent(
        "schedule-retries",
        retrying.map((r) => ({
          name: "webhook/delivery.retry",
          data: { deliveryId: r.id, webhookId: r.webhookId, nextAttemptAt: r.nextAttemptAt, ...(r.firstAttempt && { firstAttempt: r.firstAttempt }) },
          id: `retry:${r.id}`,
          // The run starts when the attempt is due: until then it holds no slot of the webhook's
          // concurrency and costs nothing (a down endpoint's backlog is not invoked just to sleep).
          ts: Date.parse(r.nextAttemptAt),
        })),
      );
    }
    return { deliveries, retrying: retrying.length };
  },
);
