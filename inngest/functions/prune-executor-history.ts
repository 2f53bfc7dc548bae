import { pruneExecutorHistory } from "@/lib/executor/prune-history";
import { inngest } from "../client";

const batchSize = 5000;

/** Keeps the background-function history bounded: daily, one step per batch. */
export const pruneExecutorHistoryFunction = inngest.createFunction(
  { id: "prune-executor-history", name: "Prune background-function history", triggers: [{ cron: "TZ=UTC 30 3 * * *" }], concurrency: { limit: 1 } },
  async ({ step }) => {
    const total = { runs: 0, events: 0, refused: 0 };
    for (let batch = 1; ; batch++) {
      const deleted = await step.run(`prune-${batch}`, () => pruneExecutorHistory(batchSize));
      total.runs += deleted.runs;
      total.events += deleted.events;
      total.refused += deleted.refused;
      if (Math.max(deleted.runs, deleted.events, deleted.refused) < batchSize) return total;
    }
  },
);
