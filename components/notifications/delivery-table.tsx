import Link from "next/link";
import { DeliveryStatusBadge } from "@/components/deliveries/delivery-status-badge";
import { LocalTime } from "@/components/ui/local-time";
import { ResendDeliveryButton } from "./resend-delivery-button";

type DeliveryRow = {
  id: string;
  messageId: string;
  topic: string;
  status: "PENDING" | "SUCCEEDED" | "RETRYING" | "FAILED";
  isTest: boolean;
  attemptCount: number;
  lastStatusCode: number | null;
  createdAt: Date;
  webhook: { id: string; url: string };
};

/** The deliveries of one notification's events to the store's webhooks. */
export function DeliveryTable({ storeId, deliveries }: { storeId: string; deliveries: DeliveryRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Deliveries of this notification, newest first</caption>
        <thead className="text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4">Topic</th>
            <th scope="col" className="py-2 pr-4">Status</th>
            <th scope="col" className="hidden py-2 pr-4 sm:table-cell">Time</th>
            <th scope="col" className="py-2 pr-4">Webhook URL</th>
            <th scope="col" className="py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {deliveries.map((d) => (
            <tr key={d.id}>
              <td className="whitespace-nowrap py-2 pr-4 font-mono text-xs text-slate-800">
                <Link href={`/s/${storeId}/deliveries/${d.id}`} className="text-indigo-700 hover:text-indigo-500" aria-label={`${d.topic} delivery ${d.messageId}`}>
                  {d.topic}
                </Link>
                {d.isTest && <span className="ml-2 font-sans text-slate-500">test</span>}
              </td>
              <td className="whitespace-nowrap py-2 pr-4">
                <DeliveryStatusBadge status={d.status} />
                <span className="ml-2 text-xs text-slate-500">
                  {d.attemptCount} {d.attemptCount === 1 ? "attempt" : "attempts"}
                  {d.lastStatusCode ? ` · HTTP ${d.lastStatusCode}` : ""}
                </span>
              </td>
              <td className="hidden whitespace-nowrap py-2 pr-4 text-slate-600 sm:table-cell">
                <LocalTime date={d.createdAt} seconds />
              </td>
              <td className="break-all py-2 pr-4 font-mono text-xs text-slate-700" title={`Webhook ${d.webhook.id} · message ${d.messageId}`}>
                {d.webhook.url}
              </td>
              <td className="py-2 text-right">
                {!d.isTest && (d.status === "SUCCEEDED" || d.status === "FAILED") && <ResendDeliveryButton storeId={storeId} deliveryId={d.id} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
