import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { likeLiteral } from "@/lib/search/like-literal";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, encodeCursor } from "@/lib/pagination/keyset-cursor";

// The support console's audit log: every look and action, newest first on (createdAt desc,
// id desc), keyset-paginated. A store filter walks AuditLog(storeId, createdAt desc); without
// one the walk is on AuditLog(createdAt desc), the other filters applied along the way.

export const auditPageSize = 50;

// Each filter is read on its own: a bad value falls back to "no filter" rather than failing the page.
export const auditSearchSchema = z.object({
  store: z.string().trim().min(1).max(100).optional().catch(undefined),
  /** Part of the actor's email address, any case. */
  actor: z.string().trim().min(1).max(200).optional().catch(undefined),
  action: z.string().trim().min(1).max(100).optional().catch(undefined),
  /** At or after the start of this UTC day. */
  from: z.iso.date().optional().catch(undefined),
  /** On or before this UTC day, the whole day included. */
  to: z.iso.date().optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});
export type AuditSearch = z.infer<typeof auditSearchSchema>;

const searchKeys = ["store", "actor", "action", "from", "to", "cursor"] as const;

/** Reads a page's search params (a repeated key counts as its first value; empty means unset). */
export function parseAuditSearch(params: Record<string, string | string[] | undefined>): AuditSearch {
  const first = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v !== undefined && v.trim() !== ""));
  return auditSearchSchema.parse(first);
}

/** The search as a query string ("" or "?store=…&…"); `cursor: undefined` starts from the newest. */
export function auditSearchString(search: AuditSearch): string {
  const params = new URLSearchParams();
  for (const key of searchKeys) {
    const value = search[key];
    if (value) params.set(key, value);
  }
  return params.size ? `?${params}` : "";
}

const auditIdSchema = z.string().regex(/^aud_[0-9A-Z]{26}$/);
const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);
const nextDayStart = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

export type AuditLogRow = Awaited<ReturnType<typeof listAuditLog>>["rows"][number];

/** One page of the audit log, newest first, filtered as the URL says; each row with its store's name when the store still exists. */
export async function listAuditLog(search: AuditSearch, { limit = auditPageSize }: { limit?: number } = {}) {
  const after = decodeCursor(search.cursor, auditIdSchema);
  const where: Prisma.AuditLogWhereInput = {
    ...(search.store && { storeId: search.store }),
    ...(search.actor && { actorEmail: { contains: likeLiteral(search.actor), mode: "insensitive" } }),
    ...(search.action && { action: search.action }),
    AND: [
      ...(search.from ? [{ createdAt: { gte: dayStart(search.from) } }] : []),
      ...(search.to ? [{ createdAt: { lt: nextDayStart(search.to) } }] : []),
      // Strictly older than the cursor; the redundant upper bound lets the index scan start there.
      ...(after ? [{ createdAt: { lte: after.at } }, { OR: [{ createdAt: { lt: after.at } }, { id: { lt: after.id } }] }] : []),
    ],
  };
  const rows = await db.auditLog.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit + 1 });
  const page = rows.slice(0, limit);
  const storeIds = [...new Set(page.flatMap((r) => (r.storeId ? [r.storeId] : [])))];
  const stores = storeIds.length ? await db.store.findMany({ where: { id: { in: storeIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(stores.map((s) => [s.id, s.name]));
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({ ...r, storeName: r.storeId ? (names.get(r.storeId) ?? null) : null })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

/**
 * The actions that occur in the log, for the filter's select. A DISTINCT over the whole table:
 * cheap at the audit log's size today; an index on (action) would make it a skip scan if it grows.
 */
export async function listAuditActions(): Promise<string[]> {
  const rows = await db.$queryRaw<{ action: string }[]>`SELECT DISTINCT action FROM "AuditLog" ORDER BY action`;
  return rows.map((r) => r.action);
}

/** The store a filter names, for the page's heading; null when there is none with that id. */
export async function auditStoreName(storeId: string): Promise<string | null> {
  const store = await db.store.findUnique({ where: { id: storeId }, select: { name: true } });
  return store?.name ?? null;
}
