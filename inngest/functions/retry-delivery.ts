import { deliverOnce } from "@/lib/webhooks/deliver";
import { maxAttempts } from "@/lib/webhooks/retry-schedule";
import { inngest } from "../client";
import { deliveryRetryRequested } from "../events";

/**
 * The retries of one delivery, durable: a sleep until the schedule's next time and the
 * attempt, as a pair of steps per retry, up to 20 attempts in all. At most 10 attempts run
 * at once per webhook. A webhook switched Off, deactivated or deleted ends the retries.
 */
export const retryDeliveryFunction = inngest.createFunction(
  {
    id: "retry-delivery",
    name: "Retry a webhook delivery",
    triggers: [deliveryRetryRequested],
    concurrency: { limit: 10, key: "event.data.webhookId" },
    retries: 5,
  },
  async ({ event, step }) => {
    // A chain after a failed first attempt starts at 2; a resend's chain at the next number,
    // with a full schedule of its own (its first attempt is due at once).
    const first = event.data.firstAttempt ?? 2;
    const chainStart = event.data.firstAttempt ? first : 1;
    const last = chainStart + maxAttempts - 1;
    let due: string | null = event.data.nextAttemptAt;
    for (let attempt = first; attempt <= last && due; attempt++) {
      // A run whose event was scheduled for the attempt (`ts`) starts on time: no sleep first.
      // Decided from the event alone, so every replay of the run takes the same steps.
      const startedOnTime = attempt === first && event.ts !== undefined && event.ts >= Date.parse(due);
      if (!startedOnTime) await step.sleepUntil(`wait-${attempt}`, due);
      const outcome = await step.run(`attempt-${attempt}`, async () => {
        const result = await deliverOnce(event.data.deliveryId, attempt, { chainStart });
        return { status: result.status, nextAttemptAt: result.nextAttemptAt ? new Date(result.nextAttemptAt).toISOString() : null };
      });
      if (outcome.status !== "RETRYING") return { status: outcome.status, attempts: attempt };
      due = outcome.nextAttemptAt;
    }
    return { status: "FAILED", attempts: last };
  },
);
