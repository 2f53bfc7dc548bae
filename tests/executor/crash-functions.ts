// The function the crash test kills executors under: five steps, each logging its start and
// end synchronously to a file (so the log survives SIGKILL) and taking a moment in between.
import { appendFileSync } from "node:fs";
import { eventType, type Inngest } from "inngest";
import { z } from "zod";
import { catalogOf } from "@/lib/executor/event-catalog";

export const crashEvent = eventType("test/crash", { schema: z.object({ i: z.number() }) });
export const crashCatalog = catalogOf([crashEvent]);
export const crashSteps = ["s1", "s2", "s3", "s4", "s5"];

export function crashFunctions(client: Inngest.Any, logFile: string) {
  return [
    client.createFunction({ id: "crashy", triggers: [crashEvent] }, async ({ event, step, runId }) => {
      let total = 0;
      for (const name of crashSteps) {
        total += await step.run(name, async () => {
          appendFileSync(logFile, `start ${runId} ${name}\n`);
          await new Promise((r) => setTimeout(r, 20 + (event.data.i % 5) * 10));
          appendFileSync(logFile, `end ${runId} ${name}\n`);
          return 1;
        });
      }
      return total;
    }),
  ];
}
