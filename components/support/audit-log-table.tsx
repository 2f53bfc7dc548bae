import Link from "next/link";
import { type Column, DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import type { AuditLogRow } from "@/lib/support/audit-log";

/** Where a target can be opened in the support console, if anywhere. */
function targetHref(row: AuditLogRow): string | null {
  if (!row.targetId) return null;
  if (row.targetType === "store") return `/support/stores/${row.targetId}`;
  if (row.targetType === "delivery" && row.storeId) return `/support/stores/${row.storeId}/deliveries/${row.targetId}`;
  if (row.targetType === "executor_run") return `/support/runs/${row.targetId}`;
  return null;
}

/** Details as one compact line; a reason is pulled out first so it reads as a sentence. */
function Details({ details }: { details: unknown }) {
  if (details === null || details === undefined) return <span className="text-slate-400">—</span>;
  const isObject = typeof details === "object" && !Array.isArray(details);
  const { reason, ...rest } = isObject ? (details as Record<string, unknown>) : { reason: undefined };
  const restText = isObject ? (Object.keys(rest).length > 0 ? JSON.stringify(rest) : null) : JSON.stringify(details);
  return (
    <>
      {typeof reason === "string" && <p className="text-slate-800">“{reason}”</p>}
      {restText && <p className="break-all font-mono text-xs text-slate-500">{restText}</p>}
    </>
  );
}

const columns: Column[] = [{ label: "Time" }, { label: "Actor" }, { label: "Action" }, { label: "Store" }, { label: "Target" }, { label: "Details" }, { label: "IP" }];

export function AuditLogTable({ rows, caption }: { rows: AuditLogRow[]; caption: string }) {
  return (
    <DataTable caption={caption} columns={columns} cellPadding="px-4 py-2.5" bodyClassName="align-top">
      {rows.map((r) => {
        const href = targetHref(r);
        return (
          <tr key={r.id} className="hover:bg-slate-50">
            <td className="whitespace-nowrap px-4 py-2.5 text-slate-600">
              <LocalTime date={r.createdAt} seconds />
            </td>
            <td className="px-4 py-2.5">
              <p className="whitespace-nowrap text-slate-900">{r.actorEmail ?? <span className="text-slate-500">—</span>}</p>
              <p className="text-xs uppercase text-slate-400">{r.actorRole}</p>
            </td>
            <td className="whitespace-nowrap px-4 py-2.5 font-mono text-xs text-slate-800">{r.action}</td>
            <td className="px-4 py-2.5">
              {r.storeId ? (
                <Link href={`/support/stores/${r.storeId}`} className="text-indigo-700 hover:text-indigo-500">
                  {r.storeName ?? <span className="font-mono text-xs">{r.storeId}</span>}
                </Link>
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </td>
            <td className="px-4 py-2.5">
              {r.targetId ? (
                <>
                  <p className="text-xs text-slate-500">{r.targetType}</p>
                  {href ? (
                    <Link href={href} className="break-all font-mono text-xs text-indigo-700 hover:text-indigo-500">
                      {r.targetId}
                    </Link>
                  ) : (
                    <p className="break-all font-mono text-xs text-slate-800">{r.targetId}</p>
                  )}
                </>
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </td>
            <td className="min-w-56 max-w-md px-4 py-2.5">
              <Details details={r.details} />
            </td>
            <td className="whitespace-nowrap px-4 py-2.5 font-mono text-xs text-slate-600" title={r.userAgent ?? undefined}>
              {r.ip ?? "—"}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
