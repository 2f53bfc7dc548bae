import type { Metadata } from "next";
import { DeliveryLogSection } from "@/components/deliveries/delivery-log-section";
import { PlanLocked } from "@/components/plans/plan-locked";
import { PageHeader } from "@/components/ui/page-header";
import { requireStoreMember } from "@/lib/auth/session";
import { plans } from "@/lib/plans";
import { countWebhooks } from "@/lib/webhooks/queries";

export const metadata: Metadata = { title: "Deliveries" };

export default async function DeliveriesPage({
  params,
  searchParams,
}: {
  params: Promise<{ storeId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { store } = await requireStoreMember((await params).storeId);
  const base = `/s/${store.id}/deliveries`;
  if (!plans[store.plan].webhooks) {
    return (
      <>
        <PageHeader title="Deliveries" description="Every webhook delivery and each of its attempts." />
        <PlanLocked storeId={store.id} currentPlan={store.plan} pausedCount={(await countWebhooks(store.id)).total} />
      </>
    );
  }
  return (
    <>
      <PageHeader title="Deliveries" description="Every event sent to your webhooks, with each attempt and what your endpoint answered." />
      <DeliveryLogSection storeId={store.id} basePath={base} search={await searchParams} />
    </>
  );
}
