import { LocalTime } from "@/components/ui/local-time";
import { Stat } from "@/components/ui/stat";
import type { WebhookMetrics, WindowStats } from "@/lib/webhooks/metrics";
import { deactivateAfterFailures, warnAfterFailures } from "@/lib/webhooks/record-attempt";
import { SuccessRate } from "./success-rate";

const dash = <span className="text-slate-500">—</span>;

function latency({ p50Ms, p95Ms }: WindowStats) {
  return p50Ms === null || p95Ms === null ? dash : `${p50Ms} / ${p95Ms} ms`;
}

const attempts = (n: number) => `${n} ${n === 1 ? "attempt" : "attempts"}`;

/** A webhook's health in numbers (lib/webhooks/metrics.ts defines each). */
export function WebhookMetricCards({ metrics: m }: { metrics: WebhookMetrics }) {
  return (
    <section aria-labelledby="webhook-health" className="space-y-3">
      <h2 id="webhook-health" className="text-base font-semibold text-slate-900">
        Health
      </h2>
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Success rate, 24 h" value={<SuccessRate rate={m.last24h.successRate} />} hint={`Of ${attempts(m.last24h.attempts)}`} />
        <Stat label="Success rate, 7 d" value={<SuccessRate rate={m.last7d.successRate} />} hint={`Of ${attempts(m.last7d.attempts)}`} />
        <Stat label="Failures, 24 h" value={m.last24h.failed} hint="Failed attempts" />
        <Stat label="Failures, 7 d" value={m.last7d.failed} hint="Failed attempts" />
        <Stat label="Latency, 24 h" value={latency(m.last24h)} hint="p50 / p95 of attempt durations" />
        <Stat label="Latency, 7 d" value={latency(m.last7d)} hint="p50 / p95 of attempt durations" />
        <Stat
          label="Consecutive failures"
          value={m.consecutiveFailures}
          hint={`The owner is warned at ${warnAfterFailures}; deactivation after ${deactivateAfterFailures} with no success in 24 h`}
        />
        <Stat
          label="Next retry"
          value={m.nextRetryAt ? <span className="text-base">
                <LocalTime date={m.nextRetryAt} seconds />
              </span> : dash}
          hint={m.nextRetryAt ? "The soonest of the retrying deliveries" : "Nothing waiting to be retried"}
        />
      </dl>
    </section>
  );
}
