import type { Metadata } from "next";
import Link from "next/link";
import { PlanLocked } from "@/components/plans/plan-locked";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CreateWebhookForm } from "@/components/webhooks/create-webhook-form";
import { WebhookList } from "@/components/webhooks/webhook-list";
import { requireStoreMember } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { plans } from "@/lib/plans";
import { listWebhookRows } from "@/lib/webhooks/queries";
import { topics } from "@/lib/webhooks/topics";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ storeId: string }> }) {
  const { store } = await requireStoreMember((await params).storeId);
  const plan = plans[store.plan];
  const rows = await listWebhookRows(store.id);
  const atLimit = rows.length >= plan.webhookLimit;
  return (
    <>
      <PageHeader
        title="Webhooks"
        description={
          <>
            Receive a signed HTTP POST on your server when a notification is created or sent.{" "}
            <Link href="/docs/webhooks" className="text-indigo-600 hover:text-indigo-500">
              How webhooks work
            </Link>
          </>
        }
      />
      {!plan.webhooks ? (
        <PlanLocked storeId={store.id} currentPlan={store.plan} pausedCount={rows.length} />
      ) : (
        <div className="space-y-6">
          {env().WEBHOOKS_ALLOW_INSECURE_URLS && (
            <Alert tone="warning" title="Insecure webhook URLs are allowed">
              WEBHOOKS_ALLOW_INSECURE_URLS is on: http:// and localhost URLs are accepted. Use this for local development and tests only.
            </Alert>
          )}
          {rows.some((r) => r.state === "deactivated") && (
            <Alert tone="error" title="A webhook was deactivated">
              Deliveries to it stopped after repeated failures. Fix the endpoint, then switch it On below.
            </Alert>
          )}
          <CreateWebhookForm
            storeId={store.id}
            topics={topics}
            atLimit={atLimit}
            limitMessage={`Your ${plan.name} plan allows up to ${plan.webhookLimit} webhooks. Delete one, or move to a bigger plan, to add another.`}
          />
          <p className="text-sm text-slate-500">
            {rows.length} of {plan.webhookLimit} webhooks used on the {plan.name} plan.
          </p>
          {rows.length === 0 ? (
            <EmptyState title="No webhooks yet">
              Choose a topic, enter your endpoint&apos;s https:// URL and press Create Webhook. It starts Off, so you can switch it On when your
              server is ready.
            </EmptyState>
          ) : (
            <WebhookList storeId={store.id} initialRows={rows} topics={topics} />
          )}
        </div>
      )}
    </>
  );
}
