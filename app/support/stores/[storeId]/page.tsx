import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeliveryLogSection } from "@/components/deliveries/delivery-log-section";
import { PlanBadge } from "@/components/shell/plan-badge";
import { ChangePlanForm } from "@/components/support/change-plan-form";
import { SupportWebhookList } from "@/components/support/support-webhook-list";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { recordAudit } from "@/lib/audit/record-audit";
import { requestContext } from "@/lib/auth/request-context";
import { requireSupport } from "@/lib/auth/session";
import { getStoreForSupport } from "@/lib/support/search-stores";
import { parseDeliverySearch } from "@/lib/webhooks/log/delivery-search";
import { listWebhookRows } from "@/lib/webhooks/queries";
import { BackLink } from "@/components/ui/back-link";

export const metadata: Metadata = { title: "Store · Support" };

// Read-only views of the store's webhooks and delivery log. Nothing here shows or links to
// the store's API key: support never sees it.
export default async function SupportStorePage({
  params,
  searchParams,
}: {
  params: Promise<{ storeId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSupport();
  const store = await getStoreForSupport((await params).storeId);
  if (!store) notFound();
  const search = await searchParams;
  const { cursor: _cursor, ...logFilters } = parseDeliverySearch(search);
  const filtered = Object.fromEntries(Object.entries(logFilters).filter(([, v]) => v));
  // Every look at a store by support staff is audit-logged, with what the delivery log was filtered by.
  await recordAudit({
    actor: { userId: user.id, email: user.email, role: "support" },
    action: "support.store_viewed",
    storeId: store.id,
    target: { type: "store", id: store.id },
    details: Object.keys(filtered).length > 0 ? { deliveryLog: filtered } : undefined,
    context: await requestContext(),
  });
  const webhooks = await listWebhookRows(store.id);
  return (
    <>
      <BackLink href="/support">All stores</BackLink>
      <PageHeader
        title={store.name}
        description={store.domain}
        actions={
          <div className="flex items-center gap-3">
            <PlanBadge plan={store.plan} />
            <ButtonLink variant="secondary" href={`/support/audit?store=${encodeURIComponent(store.id)}`}>
              Audit log for this store
            </ButtonLink>
          </div>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Store">
          <dl className="grid grid-cols-2 gap-y-2 text-sm">
            <dt className="text-slate-500">Store id</dt>
            <dd className="font-mono text-xs">{store.id}</dd>
            <dt className="text-slate-500">Created</dt>
            <dd><LocalTime date={store.createdAt} /></dd>
            <dt className="text-slate-500">Products</dt>
            <dd>{store._count.products}</dd>
            <dt className="text-slate-500">Notifications</dt>
            <dd>{store._count.notifications}</dd>
            <dt className="text-slate-500">Webhooks</dt>
            <dd>{store._count.webhooks}</dd>
          </dl>
          <h3 className="mt-6 text-sm font-semibold text-slate-900">Team</h3>
          <ul className="mt-2 space-y-1 text-sm">
            {store.memberships.map((m) => (
              <li key={m.user.email}>
                {m.user.name} · <span className="text-slate-500">{m.user.email}</span>{" "}
                <span className="text-xs uppercase text-slate-400">{m.role.toLowerCase()}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Change plan" description="Downgrading pauses webhooks; it never deletes them.">
          <ChangePlanForm storeId={store.id} currentPlan={store.plan} />
        </Card>
      </div>
      <div className="mt-8 space-y-8">
        <SupportWebhookList rows={webhooks} />
        <DeliveryLogSection
          storeId={store.id}
          basePath={`/support/stores/${store.id}`}
          search={search}
          detailBase={`/support/stores/${store.id}/deliveries`}
          viewer="support"
        />
      </div>
    </>
  );
}
