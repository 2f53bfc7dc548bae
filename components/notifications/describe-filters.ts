import type { NotificationSearch } from "@/lib/notifications/queries";

/** "waiting SMS notifications for Jasmine Green created from 2025-01-01 to 2025-01-31". */
export function describeFilters(search: NotificationSearch, productTitle: string | undefined): string {
  const words = [search.status, search.channel === "sms" ? "SMS" : search.channel, "notifications"].filter(Boolean).join(" ");
  const product = productTitle ? ` for ${productTitle}` : "";
  const range =
    search.from && search.to
      ? ` created from ${search.from} to ${search.to}`
      : search.from
        ? ` created on or after ${search.from}`
        : search.to
          ? ` created on or before ${search.to}`
          : "";
  return `${words}${product}${range}`;
}
