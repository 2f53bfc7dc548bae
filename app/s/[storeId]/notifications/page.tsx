import type { Metadata } from "next";
import Link from "next/link";
import { describeFilters } from "@/components/notifications/describe-filters";
import { NotificationFilters } from "@/components/notifications/notification-filters";
import { NotificationTable } from "@/components/notifications/notification-table";
import { ProductSummary } from "@/components/notifications/product-summary";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { requireStoreMember } from "@/lib/auth/session";
import {
  countNotificationsByProduct,
  filtersFromSearch,
  listNotifications,
  notificationSearchSchema,
  notificationSearchString,
} from "@/lib/notifications/queries";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ storeId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { store } = await requireStoreMember((await params).storeId);
  const parsed = notificationSearchSchema.parse(await searchParams);
  const base = `/s/${store.id}/notifications`;
  const facets = filtersFromSearch(parsed);
  const counts = await countNotificationsByProduct(store.id, { channel: facets.channel, from: facets.from, to: facets.to });
  // A product the store has no notifications for (or another store's) is no filter at all.
  const product = counts.find((c) => String(c.productId) === parsed.product);
  const search = { ...parsed, product: product ? parsed.product : undefined };
  const { cursor, ...filtersOnly } = search;
  const filtered = Boolean(search.status || search.channel || search.product || search.from || search.to);
  const { rows, nextCursor } = await listNotifications(store.id, filtersFromSearch(search), { cursor });
  const described = describeFilters(search, product?.title);

  return (
    <>
      <PageHeader
        title="Notifications"
        description="Shoppers who asked to be told when a product is back in stock."
        actions={
          <ButtonLink variant="secondary" href={`${base}/messages`}>
            Sent messages
          </ButtonLink>
        }
      />
      <NotificationFilters action={base} search={search} products={counts} />
      <ProductSummary base={base} search={search} counts={counts} />

      {rows.length === 0 ? (
        cursor ? (
          <EmptyState title="No older notifications">
            <Link className="text-indigo-600 hover:text-indigo-500" href={`${base}${notificationSearchString(filtersOnly)}`}>
              Back to the newest
            </Link>
          </EmptyState>
        ) : filtered ? (
          <EmptyState title={`No ${described}`}>
            Nothing matches these filters.{" "}
            <Link className="font-medium text-indigo-600 hover:text-indigo-500" href={base}>
              Clear filters
            </Link>
          </EmptyState>
        ) : (
          <EmptyState title="No notifications yet">When shoppers sign up on your storefront for a sold-out product, they appear here.</EmptyState>
        )
      ) : (
        <NotificationTable base={base} rows={rows} caption={`${filtered ? described[0]!.toUpperCase() + described.slice(1) : "All notifications"}, newest first`} />
      )}

      <Pager first={cursor ? `${base}${notificationSearchString(filtersOnly)}` : null} next={nextCursor ? `${base}${notificationSearchString({ ...filtersOnly, cursor: nextCursor })}` : null} />
    </>
  );
}
