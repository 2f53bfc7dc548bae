import { fitsBigint } from "@/lib/decimal-id";
import { z } from "zod";
import { eventTopics } from "@/lib/webhooks/topics";

// The delivery log's filters as they live in the URL (shareable, the back button works). Each
// one is read on its own: a bad value falls back to "no filter" rather than failing the page.

export const deliveryStatuses = ["pending", "succeeded", "retrying", "failed"] as const;
export type DeliveryStatusFilter = (typeof deliveryStatuses)[number];

export const deliverySearchSchema = z.object({
  status: z.enum(deliveryStatuses).optional().catch(undefined),
  topic: z.enum(eventTopics).optional().catch(undefined),
  kind: z.enum(["real", "test"]).optional().catch(undefined),
  /** Created at or after the start of this UTC day. */
  from: z.iso.date().optional().catch(undefined),
  /** Created on or before this UTC day, the whole day included. */
  to: z.iso.date().optional().catch(undefined),
  /** A notification id, a message id (msg_…) or a delivery id (dlv_…). */
  q: z.string().trim().max(100).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});
export type DeliverySearch = z.infer<typeof deliverySearchSchema>;

/** Reads the search params of a page (a repeated key counts as its first value). */
export function parseDeliverySearch(params: Record<string, string | string[] | undefined>): DeliverySearch {
  const first = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v !== ""));
  return deliverySearchSchema.parse(first);
}

/** The search as a query string without empty values ("" or "?status=failed&…"); `cursor: undefined` starts from the newest. */
export function deliverySearchString(search: DeliverySearch): string {
  const params = new URLSearchParams();
  for (const key of ["status", "topic", "kind", "from", "to", "q", "cursor"] as const) {
    const value = search[key];
    if (value) params.set(key, value);
  }
  return params.size ? `?${params}` : "";
}

export type Lookup = { notificationId: bigint } | { messageId: string } | { deliveryId: string };

/** What the lookup box names, or null when it names nothing we can look up by. */
export function parseLookup(q: string): Lookup | null {
  if (/^[1-9]\d{0,18}$/.test(q) && fitsBigint(q)) return { notificationId: BigInt(q) };
  if (/^msg_[0-9A-Za-z]{26}$/.test(q)) return { messageId: q.slice(0, 4) + q.slice(4).toUpperCase() };
  if (/^dlv_[0-9A-Za-z]{26}$/.test(q)) return { deliveryId: q.slice(0, 4) + q.slice(4).toUpperCase() };
  return null;
}
