import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DeliveryLogSection } from "@/components/deliveries/delivery-log-section";
import { PlanLocked } from "@/components/plans/plan-locked";
import { BackLink } from "@/components/ui/back-link";
import { Badge } from "@/components/ui/badge";
import { AttemptsChartPanel } from "@/components/webhooks/attempts-chart-panel";
import { WebhookMetricCards } from "@/components/webhooks/webhook-metric-cards";
import { WebhookActiveSwitch } from "@/components/webhooks/webhook-on-off";
import { WebhookRecovery } from "@/components/webhooks/webhook-recovery";
import { requireStoreMember } from "@/lib/auth/session";
import { plans } from "@/lib/plans";
import { chartRanges, getWebhookChart, getWebhookMetrics, type ChartRange } from "@/lib/webhooks/metrics";
import { countWebhooks, getWebhookRow } from "@/lib/webhooks/queries";
import { webhookIdSchema } from "@/lib/webhooks/webhook-view";

export const metadata: Metadata = { title: "Webhook deliveries and metrics" };

type Search = Record<string, string | string[] | undefined>;

const chartSchema = z.enum(chartRanges).catch("24h");

/** The page's URL with another chart period, every other parameter (the log's filters) kept. */
function chartHref(base: string, search: Search, range: ChartRange) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (key === "chart" || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) query.append(key, v);
  }
  if (range !== "24h") query.set("chart", range);
  const qs = query.toString();
  return qs ? `${base}?${qs}` : base;
}

export default async function WebhookPage({ params, searchParams }: { params: Promise<{ storeId: string; webhookId: string }>; searchParams: Promise<Search> }) {
  const { storeId, webhookId: rawId } = await params;
  const { store } = await requireStoreMember(storeId);
  // A malformed id is as unknown as another store's webhook.
  const webhookId = webhookIdSchema.safeParse(rawId);
  const webhook = webhookId.success ? await getWebhookRow(store.id, webhookId.data) : null;
  if (!webhook) notFound();
  const plan = plans[store.plan];
  const search = await searchParams;
  const base = `/s/${store.id}/settings/webhooks/${webhook.id}`;
  const deactivated = webhook.state === "deactivated";
  const on = webhook.is_active && !deactivated;

  const header = (
    <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0 space-y-2">
        <h1 className="break-all font-mono text-xl font-semibold text-slate-900">{webhook.url}</h1>
        <div className="flex flex-wrap items-center gap-2">
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{webhook.topic}</code>
          {deactivated ? <Badge tone="red">Deactivated</Badge> : <Badge tone={on ? "emerald" : "slate"}>{on ? "Active" : "Off"}</Badge>}
        </div>
      </div>
      {plan.webhooks && <WebhookActiveSwitch storeId={store.id} webhookId={webhook.id} on={on} label={`Deliver ${webhook.topic} to ${webhook.url}`} />}
    </div>
  );

  if (!plan.webhooks) {
    return (
      <>
        <BackLink href={`/s/${store.id}/settings/webhooks`}>Settings → Webhooks</BackLink>
        {header}
        <PlanLocked storeId={store.id} currentPlan={store.plan} pausedCount={(await countWebhooks(store.id)).total} />
      </>
    );
  }

  const chart = chartSchema.parse(search.chart);
  const [metrics, series] = await Promise.all([getWebhookMetrics(webhook.id), getWebhookChart(webhook.id, chart)]);
  return (
    <>
      <BackLink href={`/s/${store.id}/settings/webhooks`}>Settings → Webhooks</BackLink>
      {header}
      <div className="space-y-6">
        <WebhookRecovery storeId={store.id} row={webhook} />
        <WebhookMetricCards metrics={metrics} />
        <AttemptsChartPanel series={series} hrefs={{ "24h": chartHref(base, search, "24h"), "30d": chartHref(base, search, "30d") }} />
        <DeliveryLogSection storeId={store.id} basePath={base} search={search} webhookId={webhook.id} keep={chart === "24h" ? {} : { chart }} />
      </div>
    </>
  );
}
