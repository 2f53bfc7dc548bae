import Link from "next/link";
import { type Column, DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import type { NotificationListRow } from "@/lib/notifications/queries";
import { channelLabel, NotificationStatusBadge } from "./status";

const columns: Column[] = [
  { label: "ID" },
  { label: "Product" },
  { label: "Contact", className: "hidden md:table-cell" },
  { label: "Qty", className: "hidden text-right sm:table-cell" },
  { label: "Status" },
  { label: "Created", className: "hidden lg:table-cell" },
];

export function NotificationTable({ base, rows, caption }: { base: string; rows: NotificationListRow[]; caption: string }) {
  return (
    <DataTable caption={caption} columns={columns}>
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
    </DataTable>
  );
}
