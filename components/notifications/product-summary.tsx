import Link from "next/link";
import { notificationSearchString, type NotificationSearch, type ProductCount } from "@/lib/notifications/queries";

/**
 * Waiting and sent notifications per product (under the channel and date filters), compact;
 * each entry filters the list: the name by product, the counts by product and status.
 */
export function ProductSummary({ base, search, counts }: { base: string; search: NotificationSearch; counts: ProductCount[] }) {
  const shown = counts.filter((c) => c.waiting + c.sent > 0 || String(c.productId) === search.product);
  if (shown.length === 0) return null;
  const href = (product: string | undefined, status: NotificationSearch["status"]) =>
    `${base}${notificationSearchString({ ...search, cursor: undefined, product, status })}`;
  const chip = "rounded px-1.5 py-0.5 tabular-nums hover:bg-slate-100";
  return (
    <nav aria-label="Notifications per product" className="mb-4">
      <ul className="flex flex-wrap gap-2">
        {shown.map((c) => {
          const id = String(c.productId);
          const current = search.product === id;
          const currentStatus = current ? search.status : undefined;
          return (
            <li
              key={id}
              className={`flex items-center gap-1 rounded-full border py-1 pl-3 pr-1.5 text-sm ${
                current ? "border-indigo-300 bg-indigo-50" : "border-slate-200 bg-white"
              }`}
            >
              <Link
                href={current ? href(undefined, search.status) : href(id, search.status)}
                aria-current={current && !currentStatus ? "true" : undefined}
                title={current ? `Show every product` : `Only ${c.title}`}
                className={`mr-1 font-medium ${current ? "text-indigo-700" : "text-slate-800 hover:text-indigo-600"}`}
              >
                {c.title}
              </Link>
              <Link
                href={href(id, "waiting")}
                aria-current={current && currentStatus === "waiting" ? "true" : undefined}
                className={`${chip} ${current && currentStatus === "waiting" ? "bg-amber-100 text-amber-900" : "text-amber-800"}`}
              >
                {c.waiting} waiting
              </Link>
              <span aria-hidden className="text-slate-300">
                ·
              </span>
              <Link
                href={href(id, "sent")}
                aria-current={current && currentStatus === "sent" ? "true" : undefined}
                className={`${chip} ${current && currentStatus === "sent" ? "bg-emerald-100 text-emerald-900" : "text-emerald-700"}`}
              >
                {c.sent} sent
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
