import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import { Alert } from "@/components/ui/alert";
import { deliverySearchString, parseDeliverySearch } from "@/lib/webhooks/log/delivery-search";
import { listDeliveries } from "@/lib/webhooks/log/list-deliveries";
import { DeliveryFilters } from "./delivery-filters";
import { DeliveryLogTable } from "./delivery-log-table";

/**
 * The delivery log: filters and lookup (in the URL), the page of rows, keyset pagination. One
 * store's log, or one webhook's (`webhookId`); the same component serves the support console,
 * whose rows open its own read-only detail page (`detailBase`).
 */
export async function DeliveryLogSection({
  storeId,
  basePath,
  search: params,
  webhookId,
  detailBase = `/s/${storeId}/deliveries`,
  viewer = "owner",
  keep = {},
}: {
  storeId: string;
  basePath: string;
  search: Record<string, string | string[] | undefined>;
  webhookId?: string;
  detailBase?: string;
  /** Who reads it: the empty state speaks to the store's team, or describes the store to support. */
  viewer?: "owner" | "support";
  /** The host page's own parameters (e.g. its chart period), kept by the filters and page links. */
  keep?: Record<string, string>;
}) {
  const search = parseDeliverySearch(params);
  const { cursor, ...filtersOnly } = search;
  const filtered = Boolean(search.status || search.topic || search.kind || search.from || search.to || search.q);
  const { rows, nextCursor, badLookup } = await listDeliveries(storeId, search, { webhookId });
  const href = (s: typeof search) => {
    const query = new URLSearchParams({ ...keep, ...Object.fromEntries(new URLSearchParams(deliverySearchString(s))) });
    return query.size ? `${basePath}?${query}` : basePath;
  };
  return (
    <section aria-labelledby="delivery-log" className="space-y-3">
      <h2 id="delivery-log" className="text-base font-semibold text-slate-900">
        Delivery log
      </h2>
      <DeliveryFilters action={basePath} search={search} keep={keep} clearHref={href({})} />
      {badLookup ? (
        <Alert tone="error" title="Nothing to look up by that">
          “{search.q}” is not a notification id (digits), a message id (msg_ and 26 characters) or a delivery id (dlv_ and 26 characters).
        </Alert>
      ) : rows.length === 0 ? (
        cursor ? (
          <EmptyState title="No older deliveries">
            <Link className="text-indigo-600 hover:text-indigo-500" href={href(filtersOnly)}>
              Back to the newest
            </Link>
          </EmptyState>
        ) : filtered ? (
          <EmptyState title="No deliveries match">
            Nothing matches these filters.{" "}
            <Link className="font-medium text-indigo-600 hover:text-indigo-500" href={href({})}>
              Clear filters
            </Link>
          </EmptyState>
        ) : (
          <EmptyState title="No deliveries yet">
            {viewer === "support"
              ? "This store has no deliveries in its log (the log keeps its plan's retention period)."
              : `Every event sent to ${webhookId ? "this webhook" : "your webhooks"} appears here, with each attempt and what the endpoint answered. Send a test payload to see one.`}
          </EmptyState>
        )
      ) : (
        <DeliveryLogTable rows={rows} detailBase={detailBase} showWebhook={!webhookId} caption={`Deliveries${filtered ? " matching the filters" : ""}, newest first`} />
      )}
      <Pager first={cursor ? href(filtersOnly) : null} next={nextCursor ? href({ ...filtersOnly, cursor: nextCursor }) : null} />
    </section>
  );
}
