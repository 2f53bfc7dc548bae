import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import type { SentMessageRow } from "@/lib/notifications/queries";

/** Emails and texts sent for the store (back-in-stock messages, and any notices), newest first. */
export function MessageTable({ rows }: { rows: SentMessageRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Sent messages, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">Channel</th>
            <th scope="col" className="px-4 py-3">To</th>
            <th scope="col" className="px-4 py-3">Message</th>
            <th scope="col" className="hidden px-4 py-3 md:table-cell">Sent</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
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
        </tbody>
      </table>
    </div>
  );
}
