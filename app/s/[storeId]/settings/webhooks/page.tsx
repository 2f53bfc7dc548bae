import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PlanLocked } from "@/components/plans/plan-locked";
import { requireStoreMember } from "@/lib/auth/session";
import { plans } from "@/lib/plans";
import { listWebhooks } from "@/lib/webhooks/queries";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ storeId: string }> }) {
  const { store } = await requireStoreMember((await params).storeId);
  const plan = plans[store.plan];
  const webhooks = await listWebhooks(store.id);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Receive a signed HTTP POST on your server when a notification is created or sent."
      />
      {!plan.webhooks ? (
        <PlanLocked storeId={store.id} currentPlan={store.plan} pausedCount={webhooks.length} />
      ) : webhooks.length === 0 ? (
        <EmptyState title="No webhooks yet">
          Subscribe a URL to <code className="font-mono">notification/create</code> or{" "}
          <code className="font-mono">notification/sent</code> to receive events. Your {plan.name} plan allows up to{" "}
          {plan.webhookLimit} webhooks.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-xs">
          {webhooks.map((w) => (
            <li key={w.id} className="flex items-center justify-between gap-4 px-5 py-3 text-sm">
              <div className="min-w-0">
                <p className="font-mono text-xs text-slate-500">{w.topic}</p>
                <p className="truncate text-slate-900">{w.url}</p>
              </div>
              <Badge tone={w.state === "DEACTIVATED" ? "red" : w.isActive ? "emerald" : "slate"}>
                {w.state === "DEACTIVATED" ? "Deactivated" : w.isActive ? "On" : "Off"}
              </Badge>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
