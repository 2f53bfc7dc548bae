import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, encodeCursor } from "@/lib/pagination/keyset-cursor";
import { parseLookup, type DeliverySearch } from "./delivery-search";

export const deliveryPageSize = 25;

const deliveryIdSchema = z.string().regex(/^dlv_[0-9A-Z]{26}$/);
const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);
const nextDayStart = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

/**
 * Retrying and failed read failureStatus (its partial indexes hold just those rows). Succeeded
 * follows the (…, createdAt, id) indexes, where most rows are. Pending has no index of its own:
 * one would make every first attempt's success write it (no longer a HOT update), so a pending
 * filter reads the store's deliveries (bench:log: ~170 ms at 400,000 in one store).
 */
function statusFilter(status: NonNullable<DeliverySearch["status"]>): Prisma.DeliveryWhereInput {
  const value = status.toUpperCase() as Uppercase<typeof status>;
  return value === "RETRYING" || value === "FAILED" ? { failureStatus: value } : { status: value };
}

export type DeliveryLogRow = Awaited<ReturnType<typeof listDeliveries>>["rows"][number];

/**
 * One page of a store's delivery log (or one webhook's), newest first on (createdAt desc, id
 * desc), filtered as the URL says. A lookup the box cannot read answers `badLookup` and no rows.
 */
export async function listDeliveries(storeId: string, search: DeliverySearch, options: { webhookId?: string; limit?: number } = {}) {
  const limit = options.limit ?? deliveryPageSize;
  const lookup = search.q ? parseLookup(search.q) : undefined;
  if (lookup === null) return { rows: [], nextCursor: null, badLookup: true };
  const after = decodeCursor(search.cursor, deliveryIdSchema);
  const where: Prisma.DeliveryWhereInput = {
    storeId,
    ...(options.webhookId && { webhookId: options.webhookId }),
    ...(search.status && statusFilter(search.status)),
    ...(search.topic && { topic: search.topic }),
    ...(search.kind && { isTest: search.kind === "test" }),
    ...(lookup && ("notificationId" in lookup ? { notificationId: lookup.notificationId } : "messageId" in lookup ? { messageId: lookup.messageId } : { id: lookup.deliveryId })),
    AND: [
      ...(search.from ? [{ createdAt: { gte: dayStart(search.from) } }] : []),
      ...(search.to ? [{ createdAt: { lt: nextDayStart(search.to) } }] : []),
      // Strictly older than the cursor; the redundant upper bound lets the index scan start there.
      ...(after ? [{ createdAt: { lte: after.at } }, { OR: [{ createdAt: { lt: after.at } }, { id: { lt: after.id } }] }] : []),
    ],
  };
  const rows = await db.delivery.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      messageId: true,
      topic: true,
      status: true,
      isTest: true,
      attemptCount: true,
      lastStatusCode: true,
      lastLatencyMs: true,
      lastErrorClass: true,
      nextAttemptAt: true,
      notificationId: true,
      createdAt: true,
      webhook: { select: { id: true, url: true } },
    },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null, badLookup: false };
}
