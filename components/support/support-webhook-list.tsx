import { WebhookHealthNotice } from "@/components/webhooks/webhook-health-notice";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { WebhookRow } from "@/lib/webhooks/queries";

/**
 * A store's webhooks as support reads them: state, On/Off, failure streak, last error and any
 * deactivation or warning notice. Read-only on purpose: switching, editing and testing are the owner's.
 */
export function SupportWebhookList({ rows }: { rows: WebhookRow[] }) {
  return (
    <section aria-labelledby="support-webhooks" className="space-y-3">
      <h2 id="support-webhooks" className="text-base font-semibold text-slate-900">
        Webhooks
      </h2>
      {rows.length === 0 ? (
        <EmptyState title="No webhooks">This store has not subscribed any URL to an event.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {rows.map((row) => {
            const deactivated = row.state === "deactivated";
            return (
              <li key={row.id} className="rounded-lg border border-slate-200 bg-white shadow-xs" aria-label={`Webhook ${row.topic} → ${row.url}`}>
                <div className="flex flex-wrap items-start justify-between gap-4 px-5 py-4">
                  <div className="min-w-0 flex-1 space-y-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{row.topic}</code>
                      {deactivated ? <Badge tone="red">Deactivated</Badge> : <Badge tone="emerald">Active</Badge>}
                      <Badge tone={row.is_active ? "indigo" : "slate"}>{row.is_active ? "On" : "Off"}</Badge>
                    </div>
                    <p className="break-all font-mono text-sm text-slate-900">{row.url}</p>
                    <p className="font-mono text-xs text-slate-500">{row.id}</p>
                  </div>
                </div>
                {(deactivated || row.deactivation_outlook) && (
                  <div className="mx-5 mb-3">
                    <WebhookHealthNotice row={row} />
                  </div>
                )}
                <dl className="grid grid-cols-2 gap-x-6 gap-y-1 border-t border-slate-100 px-5 py-3 text-sm sm:grid-cols-[auto_minmax(0,1fr)]">
                  <div>
                    <dt className="text-xs text-slate-500">Consecutive failures</dt>
                    <dd className={`tabular-nums ${row.consecutive_failures > 0 ? "text-red-700" : "text-slate-800"}`}>{row.consecutive_failures}</dd>
                  </div>
                  <div className="min-w-0">
                    <dt className="text-xs text-slate-500">Last error</dt>
                    <dd className="break-words text-slate-800">{row.last_error ?? <span className="text-slate-500">None</span>}</dd>
                  </div>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
