import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { requireStoreMember } from "@/lib/auth/session";
import { countNotifications } from "@/lib/notifications/queries";
import { plans } from "@/lib/plans";
import { getStoreWebhookHealth } from "@/lib/webhooks/metrics";
import { countWebhooks, listWebhookRows } from "@/lib/webhooks/queries";
import { RecentFailures } from "@/components/webhooks/recent-failures";
import { SuccessRate } from "@/components/webhooks/success-rate";
import { WebhookHealthNotice } from "@/components/webhooks/webhook-health-notice";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ params }: { params: Promise<{ storeId: string }> }) {
  const { store } = await requireStoreMember((await params).storeId);
  const plan = plans[store.plan];
  const [notifications, webhooks, rows, health] = await Promise.all([
    countNotifications(store.id),
    countWebhooks(store.id),
    plan.webhooks ? listWebhookRows(store.id) : [],
    plan.webhooks ? getStoreWebhookHealth(store.id) : null,
  ]);
  const unhealthy = rows.filter((r) => r.state === "deactivated" || (r.is_active && r.deactivation_outlook));
  const settings = `/s/${store.id}/settings/webhooks`;
  return (
    <>
      <PageHeader title="Dashboard" description={`${store.name} · ${store.domain}`} />
      {!plan.webhooks && webhooks.total > 0 && (
        <div className="mb-6">
          <Alert tone="warning" title="Webhooks are paused">
            Your {plan.name} plan does not include webhooks, so your {webhooks.total} webhook
            {webhooks.total === 1 ? " is" : "s are"} paused. They resume when you move to a plan that includes them.
          </Alert>
        </div>
      )}
      {unhealthy.length > 0 && (
        <section aria-label="Webhook notices" className="mb-6 space-y-3">
          {unhealthy.map((row) => (
            <WebhookHealthNotice key={row.id} row={row} named>
              <p className="mt-2">
                <Link className="font-medium underline underline-offset-2" href={`${settings}/${row.id}`}>
                  {row.state === "deactivated" ? "Review its deliveries and re-enable it" : "Review its deliveries"}
                </Link>
              </p>
            </WebhookHealthNotice>
          ))}
        </section>
      )}
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Waiting notifications" value={notifications.waiting} hint="Shoppers waiting for a restock" />
        <Stat label="Notifications sent" value={notifications.sent} />
        <Stat
          label="Active webhooks"
          value={plan.webhooks ? webhooks.active : "—"}
          hint={plan.webhooks ? `${webhooks.total} of ${plan.webhookLimit} allowed on ${plan.name}` : `Not included in ${plan.name}`}
        />
        <Stat label="Deactivated webhooks" value={plan.webhooks ? webhooks.deactivated : "—"} />
      </dl>
      {health && webhooks.total > 0 && (
        <section aria-labelledby="webhook-health" className="mt-8 space-y-3">
          <h2 id="webhook-health" className="text-base font-semibold text-slate-900">
            Webhook health, last 24 h
          </h2>
          <div className="grid gap-4 lg:grid-cols-3">
            <dl className="grid content-start gap-4 sm:grid-cols-2 lg:grid-cols-1">
              <Stat
                label="Success rate, 24 h"
                value={<SuccessRate rate={health.successRate} />}
                hint={`Of ${health.attempts} ${health.attempts === 1 ? "attempt" : "attempts"} across your webhooks (test payloads excluded)`}
              />
              <Stat label="Failures, 24 h" value={health.failed} hint="Failed attempts" />
            </dl>
            <div className="min-w-0 lg:col-span-2">
              <RecentFailures storeId={store.id} failures={health.recentFailures} />
            </div>
          </div>
        </section>
      )}
      <p className="mt-8 text-sm text-slate-500">
        See every sign-up on the{" "}
        <Link className="font-medium text-indigo-600 hover:text-indigo-500" href={`/s/${store.id}/notifications`}>
          Notifications
        </Link>{" "}
        page.
      </p>
    </>
  );
}
