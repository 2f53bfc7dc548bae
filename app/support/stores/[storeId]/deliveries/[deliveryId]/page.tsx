import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryDetail } from "@/components/deliveries/delivery-detail";
import { RevealCustomerDataForm, SupportResendForm } from "@/components/support/support-delivery-forms";
import { Alert } from "@/components/ui/alert";
import { BackLink } from "@/components/ui/back-link";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { recordAudit } from "@/lib/audit/record-audit";
import { requestContext } from "@/lib/auth/request-context";
import { requireSupport } from "@/lib/auth/session";
import { maskDeliveryForSupport } from "@/lib/support/mask-customer-data";
import { getStoreForSupport } from "@/lib/support/search-stores";
import { activeReveal, revealLifetimeMs } from "@/lib/support/support-delivery-actions";
import { getDelivery } from "@/lib/webhooks/log/get-delivery";

export const metadata: Metadata = { title: "Delivery · Support" };

const revealMinutes = revealLifetimeMs / 60_000;

export default async function SupportDeliveryPage({
  params,
  searchParams,
}: {
  params: Promise<{ storeId: string; deliveryId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSupport();
  const { storeId, deliveryId } = await params;
  const [store, delivery] = await Promise.all([getStoreForSupport(storeId), getDelivery(storeId, deliveryId)]);
  if (!store || !delivery) notFound();
  const { reveal } = await searchParams;
  // Unmasked only through a fresh reveal of this user's own, for this very delivery.
  const revealed = await activeReveal(typeof reveal === "string" ? reveal : undefined, user.id, store.id, delivery.id);
  // Every look at a delivery by support staff is audit-logged, and whether it was unmasked.
  await recordAudit({
    actor: { userId: user.id, email: user.email, role: "support" },
    action: "support.delivery_viewed",
    storeId: store.id,
    target: { type: "delivery", id: delivery.id },
    details: revealed ? { unmasked: true, reveal: revealed.id } : undefined,
    context: await requestContext(),
  });
  const storePath = `/support/stores/${store.id}`;
  const pagePath = `${storePath}/deliveries/${delivery.id}`;
  return (
    <>
      <BackLink href={storePath}>{store.name}</BackLink>
      <PageHeader
        title={delivery.messageId}
        description={
          <>
            {delivery.topic} → <span className="break-all font-mono">{delivery.webhook.url}</span>
          </>
        }
      />
      <div className="mb-6 grid gap-6 lg:grid-cols-2">
        <Card title="Customer data" description="The shopper’s email and phone in the payload are masked unless you reveal them.">
          {revealed ? (
            <Alert tone="warning" title="Customer data shown unmasked">
              <p>
                Visible to you until <LocalTime date={revealed.expiresAt} /> ({revealMinutes} minutes after you revealed it); after that this page masks it again.
                {revealed.reason && <> Your reason: “{revealed.reason}”.</>}
              </p>
              <p className="mt-2">
                <Link href={pagePath} className="font-medium underline hover:no-underline">
                  Mask it now
                </Link>
              </p>
            </Alert>
          ) : (
            <>
              {reveal && (
                <div className="mb-3">
                  <Alert tone="info">That reveal has expired or is not yours: the data is masked again. Give a reason to reveal it again.</Alert>
                </div>
              )}
              <RevealCustomerDataForm storeId={store.id} deliveryId={delivery.id} minutes={revealMinutes} />
            </>
          )}
        </Card>
        <Card title="Resend" description="A new chain of attempts with the same message id, on the store’s behalf.">
          {delivery.isTest ? (
            <p className="text-sm text-slate-500">Test payloads are not resent: the owner can send a new one from Settings → Webhooks.</p>
          ) : (
            <SupportResendForm storeId={store.id} deliveryId={delivery.id} />
          )}
        </Card>
      </div>
      {/* Read-only: no notification link (support has no store pages), customer data masked unless revealed. */}
      <DeliveryDetail delivery={revealed ? delivery : maskDeliveryForSupport(delivery)} />
    </>
  );
}
