import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PlanBadge } from "@/components/shell/plan-badge";
import { ChangePlanForm } from "@/components/support/change-plan-form";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { recordAudit } from "@/lib/audit/record-audit";
import { requestContext } from "@/lib/auth/request-context";
import { requireSupport } from "@/lib/auth/session";
import { getStoreForSupport } from "@/lib/support/search-stores";
import { BackLink } from "@/components/ui/back-link";

export const metadata: Metadata = { title: "Store · Support" };

export default async function SupportStorePage({ params }: { params: Promise<{ storeId: string }> }) {
  const user = await requireSupport();
  const store = await getStoreForSupport((await params).storeId);
  if (!store) notFound();
  // Every look at a store by support staff is audit-logged.
  await recordAudit({
    actor: { userId: user.id, email: user.email, role: "support" },
    action: "support.store_viewed",
    storeId: store.id,
    target: { type: "store", id: store.id },
    context: await requestContext(),
  });
  return (
    <>
      <BackLink href="/support">All stores</BackLink>
      <PageHeader title={store.name} description={store.domain} actions={<PlanBadge plan={store.plan} />} />
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
    </>
  );
}
