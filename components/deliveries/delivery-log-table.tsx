import Link from "next/link";
import { type Column, DataTable } from "@/components/ui/data-table";
import { RelativeTime } from "@/components/ui/relative-time";
import type { DeliveryLogRow } from "@/lib/webhooks/log/list-deliveries";
import { DeliveryStatusBadge } from "./delivery-status-badge";

const columns: Column[] = [
  { label: "Message" },
  { label: "Status" },
  { label: "Attempts", className: "text-right" },
  { label: "Last code", className: "text-right" },
  { label: "Latency", className: "text-right" },
  { label: "Created" },
];

/** The delivery log's rows, newest first; each opens the delivery's attempts. */
export function DeliveryLogTable({ rows, detailBase, showWebhook, caption }: { rows: DeliveryLogRow[]; detailBase: string; showWebhook: boolean; caption: string }) {
  return (
    <DataTable caption={caption} columns={columns} cellPadding="px-4 py-2.5">
      {rows.map((d) => (
        <tr key={d.id} className="hover:bg-slate-50">
          <td className="px-4 py-2.5">
            <Link href={`${detailBase}/${d.id}`} className="font-mono text-xs font-medium text-indigo-700 hover:text-indigo-500">
              {d.messageId}
            </Link>
            <div className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-slate-500">
              <span className="font-mono">{d.topic}</span>
              {d.isTest && <span className="rounded bg-slate-100 px-1.5 py-px text-slate-600">test</span>}
              {showWebhook && <span className="max-w-72 truncate font-mono" title={d.webhook.url}>→ {d.webhook.url}</span>}
            </div>
          </td>
          <td className="whitespace-nowrap px-4 py-2.5">
            <DeliveryStatusBadge status={d.status} />
            {d.status === "RETRYING" && d.nextAttemptAt && (
              <div className="mt-0.5 text-xs text-slate-500">
                next <RelativeTime date={d.nextAttemptAt} />
              </div>
            )}
          </td>
          <td className="px-4 py-2.5 text-right tabular-nums text-slate-700">{d.attemptCount}</td>
          <td className="px-4 py-2.5 text-right tabular-nums text-slate-700">{d.lastStatusCode ?? (d.lastErrorClass ? <span className="text-xs text-slate-500">{d.lastErrorClass}</span> : "—")}</td>
          <td className="px-4 py-2.5 text-right tabular-nums text-slate-700">{d.lastLatencyMs === null ? "—" : `${d.lastLatencyMs} ms`}</td>
          <td className="whitespace-nowrap px-4 py-2.5 text-slate-600">
            <RelativeTime date={d.createdAt} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
