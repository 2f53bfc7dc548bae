import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { requireStoreMember } from "@/lib/auth/session";
import { listNotifications } from "@/lib/notifications/queries";

export const metadata: Metadata = { title: "Notifications" };

const query = z.object({ before: z.string().regex(/^\d{1,19}$/).transform(BigInt).optional().catch(undefined) });

export default async function NotificationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ storeId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { store } = await requireStoreMember((await params).storeId);
  const { before } = query.parse(await searchParams);
  const { rows, nextBefore } = await listNotifications(store.id, before);
  const base = `/s/${store.id}/notifications`;
  return (
    <>
      <PageHeader title="Notifications" description="Shoppers who asked to be told when a product is back in stock." />
      {rows.length === 0 ? (
        <EmptyState title={before ? "No older notifications" : "No notifications yet"}>
          {before ? (
            <Link className="text-indigo-600" href={base}>
              Back to the newest
            </Link>
          ) : (
            "When shoppers sign up on your storefront for a sold-out product, they appear here."
          )}
        </EmptyState>
      ) : (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">ID</th>
                <th scope="col" className="px-4 py-3">Product</th>
                <th scope="col" className="px-4 py-3">Contact</th>
                <th scope="col" className="px-4 py-3 text-right">Qty</th>
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3">Created</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((n) => (
                <tr key={String(n.id)}>
                  <td className="px-4 py-3 font-mono text-xs text-slate-500">{String(n.id)}</td>
                  <td className="px-4 py-3">
                    <span className="font-medium text-slate-900">{n.variant.product.title}</span>
                    <span className="text-slate-500"> · {n.variant.title}</span>
                  </td>
                  <td className="px-4 py-3">
                    <span className="mr-2 text-xs uppercase text-slate-400">{n.channel === "EMAIL" ? "Email" : "SMS"}</span>
                    {n.contact}
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums">{n.quantityRequired}</td>
                  <td className="px-4 py-3">
                    <Badge tone={n.status === "SENT" ? "emerald" : "amber"}>{n.status === "SENT" ? "Sent" : "Waiting"}</Badge>
                  </td>
                  <td className="px-4 py-3 text-slate-600">
                    <LocalTime date={n.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(before || nextBefore) && (
        <nav aria-label="Pagination" className="mt-4 flex justify-between">
          {before ? (
            <Link className={buttonClass("secondary")} href={base}>
              ← Newest
            </Link>
          ) : (
            <span />
          )}
          {nextBefore && (
            <Link className={buttonClass("secondary")} href={`${base}?before=${nextBefore}`}>
              Older →
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
