import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import type { NotificationListRow } from "@/lib/notifications/queries";
import { channelLabel, NotificationStatusBadge } from "./status";

export function NotificationTable({ base, rows, caption }: { base: string; rows: NotificationListRow[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">ID</th>
            <th scope="col" className="px-4 py-3">Product</th>
            <th scope="col" className="hidden px-4 py-3 md:table-cell">Contact</th>
            <th scope="col" className="hidden px-4 py-3 text-right sm:table-cell">Qty</th>
            <th scope="col" className="px-4 py-3">Status</th>
            <th scope="col" className="hidden px-4 py-3 lg:table-cell">Created</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((n) => (
            <tr key={String(n.id)} className="hover:bg-slate-50">
              <td className="px-4 py-3">
                <Link
                  href={`${base}/${n.id}`}
                  aria-label={`Notification ${n.id}`}
                  className="font-mono text-xs font-medium text-indigo-600 hover:text-indigo-500"
                >
                  {String(n.id)}
                </Link>
              </td>
              <td className="px-4 py-3">
                <span className="font-medium text-slate-900">{n.variant.product.title}</span>
                <span className="text-slate-500"> · {n.variant.title}</span>
                {/* Narrow screens: the contact under the product. */}
                <p className="mt-0.5 break-all text-xs text-slate-500 md:hidden">
                  {channelLabel(n.channel)} · {n.contact}
                </p>
              </td>
              <td className="hidden px-4 py-3 md:table-cell">
                <span className="mr-2 text-xs uppercase text-slate-400">{channelLabel(n.channel)}</span>
                <span className="break-all">{n.contact}</span>
              </td>
              <td className="hidden px-4 py-3 text-right tabular-nums sm:table-cell">{n.quantityRequired}</td>
              <td className="whitespace-nowrap px-4 py-3">
                <NotificationStatusBadge status={n.status} />
              </td>
              <td className="hidden whitespace-nowrap px-4 py-3 text-slate-600 lg:table-cell">
                <LocalTime date={n.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
