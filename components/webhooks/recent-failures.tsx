import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { errorClassSentence } from "@/lib/webhooks/error-classes";
import type { FailedAttempt } from "@/lib/webhooks/metrics";

/** The store's latest failed attempts, each opening its delivery (every attempt and answer). */
export function RecentFailures({ storeId, failures }: { storeId: string; failures: FailedAttempt[] }) {
  if (failures.length === 0) {
    return <EmptyState title="No failed attempts in the last 24 hours">Every delivery attempt to your webhooks in that time succeeded, or there were none.</EmptyState>;
  }
  return (
    <section aria-labelledby="recent-failures" className="min-w-0 rounded-lg border border-slate-200 bg-white shadow-xs">
      <header className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
        <h3 id="recent-failures" className="text-base font-semibold text-slate-900">
          Latest failed attempts
        </h3>
        <Link href={`/s/${storeId}/deliveries`} className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
          All deliveries
        </Link>
      </header>
      <ul className="divide-y divide-slate-100">
        {failures.map((f) => (
          <li key={f.attemptId}>
            <Link href={`/s/${storeId}/deliveries/${f.deliveryId}`} className="block px-5 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600">
              <span className="block truncate font-mono text-sm text-slate-900">{f.webhookUrl}</span>
              <span className="mt-0.5 block text-sm text-slate-700">
                {f.errorClass ? errorClassSentence(f.errorClass) : "The attempt failed."}
                {f.responseStatus !== null && <span className="text-slate-500"> HTTP {f.responseStatus}.</span>}
              </span>
              <span className="mt-0.5 block text-xs text-slate-500">
                <LocalTime date={f.startedAt} seconds />
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
