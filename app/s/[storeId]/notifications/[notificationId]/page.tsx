import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeliveryTable } from "@/components/notifications/delivery-table";
import { Panel } from "@/components/notifications/panel";
import { PayloadView } from "@/components/notifications/payload-view";
import { channelLabel, formatUtcOffset, NotificationStatusBadge } from "@/components/notifications/status";
import { BackLink } from "@/components/ui/back-link";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { requireStoreMember } from "@/lib/auth/session";
import { getNotificationDetail } from "@/lib/notifications/queries";

export async function generateMetadata({ params }: { params: Promise<{ notificationId: string }> }): Promise<Metadata> {
  const { notificationId } = await params;
  return { title: /^\d{1,19}$/.test(notificationId) ? `Notification ${notificationId}` : "Notification" };
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_minmax(0,1fr)] gap-3 py-2 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

export default async function NotificationPage({ params }: { params: Promise<{ storeId: string; notificationId: string }> }) {
  const { storeId, notificationId } = await params;
  const { store } = await requireStoreMember(storeId);
  // Only a bigint-sized decimal id can name a notification; anything else is as unknown as another store's.
  if (!/^[1-9]\d{0,18}$/.test(notificationId) || BigInt(notificationId) > 9223372036854775807n) notFound();
  const detail = await getNotificationDetail(store.id, BigInt(notificationId));
  if (!detail) notFound();
  const { notification: n, payloads, deliveries } = detail;
  const base = `/s/${store.id}/notifications`;

  return (
    <>
      <BackLink href={base}>All notifications</BackLink>
      <PageHeader
        title={`Notification ${n.id}`}
        description={`${n.variant.product.title} · ${n.variant.title}`}
        actions={<NotificationStatusBadge status={n.status} />}
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
        <Panel id="sign-up" title="Sign-up" className="lg:self-start">
          <dl className="divide-y divide-slate-100">
            <Row label="Status">
              <NotificationStatusBadge status={n.status} />
            </Row>
            <Row label="Channel">{channelLabel(n.channel)}</Row>
            <Row label={n.channel === "EMAIL" ? "Email" : "Phone"}>
              <span className="break-all">{n.contact}</span>
            </Row>
            <Row label="Quantity required">{n.quantityRequired}</Row>
            <Row label="Language">{n.customerLanguage}</Row>
            <Row label="UTC offset">
              {formatUtcOffset(n.customerUtcOffset)} <span className="whitespace-nowrap text-slate-500">({n.customerUtcOffset} s)</span>
            </Row>
            <Row label="Product">
              {n.variant.product.title} <span className="font-mono text-xs text-slate-500">#{String(n.variant.product.id)}</span>
            </Row>
            <Row label="Variant">
              {n.variant.title} <span className="font-mono text-xs text-slate-500">#{String(n.variant.id)}</span>
            </Row>
            <Row label="SKU">{n.variant.sku ?? <span className="text-slate-500">none</span>}</Row>
            <Row label="In stock now">{n.variant.available}</Row>
            <Row label="Signed up">
              <LocalTime date={n.createdAt} seconds />
            </Row>
            <Row label="Sent">{n.sentAt ? <LocalTime date={n.sentAt} seconds /> : <span className="text-slate-500">not yet</span>}</Row>
          </dl>
        </Panel>
        <div className="min-w-0 space-y-6">
          <Panel id="webhook-payloads" title="Webhook payloads" description="Exactly what webhooks subscribed to each topic receive for this notification.">
            <div className="space-y-6">
              {payloads.map((event) => (
                <PayloadView key={event.topic} event={event} />
              ))}
            </div>
          </Panel>
          <Panel id="deliveries" title="Deliveries" description="This notification's events, delivered to your webhooks.">
            {deliveries.length === 0 ? (
              <EmptyState title="No deliveries yet — webhooks receive this payload once they are On" />
            ) : (
              <DeliveryTable storeId={store.id} deliveries={deliveries} />
            )}
          </Panel>
        </div>
      </div>
    </>
  );
}
