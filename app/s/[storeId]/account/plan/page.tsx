import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { requireStoreMember } from "@/lib/auth/session";
import { planOrder, plans } from "@/lib/plans";

export const metadata: Metadata = { title: "Plan" };

export default async function PlanPage({ params }: { params: Promise<{ storeId: string }> }) {
  const { store } = await requireStoreMember((await params).storeId);
  return (
    <>
      <PageHeader
        title="Plan"
        description={
          <>
            {store.name} is on the <strong className="text-slate-700">{plans[store.plan].name}</strong> plan. To change plans, contact
            support@backinstock.test.
          </>
        }
      />
      <div className="grid gap-4 md:grid-cols-3 lg:grid-cols-5">
        {planOrder.map((id) => {
          const plan = plans[id];
          const current = id === store.plan;
          return (
            <section
              key={id}
              aria-label={`${plan.name} plan`}
              aria-current={current ? "true" : undefined}
              className={`flex flex-col rounded-lg border bg-white p-5 shadow-xs ${current ? "border-indigo-500 ring-2 ring-indigo-500" : "border-slate-200"}`}
            >
              <div className="flex items-center justify-between">
                <h2 className="font-semibold text-slate-900">{plan.name}</h2>
                {current && <Badge tone="indigo">Current</Badge>}
              </div>
              <p className="mt-2 text-2xl font-semibold text-slate-900">
                {plan.monthlyPrice}
                {plan.monthlyPrice.startsWith("$") && <span className="text-sm font-normal text-slate-500">/mo</span>}
              </p>
              <p className="mt-1 text-xs text-slate-500">{plan.notificationsPerMonth} notifications a month</p>
              <ul className="mt-4 space-y-1.5 text-sm text-slate-700">
                {plan.features.map((f) => (
                  <li key={f} className="flex gap-2">
                    <span aria-hidden className="text-emerald-600">✓</span>
                    {f}
                  </li>
                ))}
                {!plan.webhooks && (
                  <li className="flex gap-2 text-slate-400">
                    <span aria-hidden>—</span>No webhooks
                  </li>
                )}
              </ul>
            </section>
          );
        })}
      </div>
    </>
  );
}
