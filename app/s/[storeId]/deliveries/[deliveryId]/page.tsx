import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeliveryDetail } from "@/components/deliveries/delivery-detail";
import { ResendDeliveryButton } from "@/components/notifications/resend-delivery-button";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { requireStoreMember } from "@/lib/auth/session";
import { getDelivery } from "@/lib/webhooks/log/get-delivery";

export const metadata: Metadata = { title: "Delivery" };

export default async function DeliveryPage({ params }: { params: Promise<{ storeId: string; deliveryId: string }> }) {
  const { storeId, deliveryId } = await params;
  const { store } = await requireStoreMember(storeId);
  const delivery = await getDelivery(store.id, deliveryId);
  if (!delivery) notFound();
  const resendable = !delivery.isTest && (delivery.status === "SUCCEEDED" || delivery.status === "FAILED");
  return (
    <>
      <BackLink href={`/s/${store.id}/deliveries`}>All deliveries</BackLink>
      <PageHeader
        title={delivery.messageId}
        description={
          <>
            {delivery.topic} → <span className="break-all font-mono">{delivery.webhook.url}</span>
          </>
        }
        actions={resendable && <ResendDeliveryButton storeId={store.id} deliveryId={delivery.id} />}
      />
      <DeliveryDetail delivery={delivery} notificationHref={delivery.notificationId ? `/s/${store.id}/notifications/${delivery.notificationId}` : undefined} />
    </>
  );
}
