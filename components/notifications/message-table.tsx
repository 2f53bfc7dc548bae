import { Badge } from "@/components/ui/badge";
import { type Column, DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import type { SentMessageRow } from "@/lib/notifications/queries";

const columns: Column[] = [{ label: "Channel" }, { label: "To" }, { label: "Message" }, { label: "Sent", className: "hidden md:table-cell" }];

/** Emails and texts sent for the store (back-in-stock messages, and any notices), newest first. */
export function MessageTable({ rows }: { rows: SentMessageRow[] }) {
  return (
    <DataTable caption="Sent messages, newest first" columns={columns}>
      {rows.map((m) => (
        <tr key={m.id} className="align-top">
          <td className="whitespace-nowrap px-4 py-3">
            <Badge tone={m.channel === "email" ? "indigo" : "slate"}>{m.channel === "email" ? "Email" : "SMS"}</Badge>
          </td>
          <td className="break-all px-4 py-3 text-slate-800">{m.to}</td>
          <td className="px-4 py-3">
            {m.kind !== "back_in_stock" && <p className="text-xs uppercase tracking-wide text-slate-500">{m.kind.replaceAll("_", " ")}</p>}
            {m.subject && <p className="font-medium text-slate-900">{m.subject}</p>}
            <p className="text-slate-600">{m.text}</p>
            <p className="mt-1 text-xs text-slate-500 md:hidden">
              <LocalTime date={m.sentAt ?? m.createdAt} />
            </p>
          </td>
          <td className="hidden whitespace-nowrap px-4 py-3 text-slate-600 md:table-cell">
            <LocalTime date={m.sentAt ?? m.createdAt} seconds />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
