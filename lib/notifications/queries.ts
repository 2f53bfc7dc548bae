import "server-only";
import { fitsBigint } from "@/lib/decimal-id";
import { z } from "zod";
import { db } from "@/lib/db";
import { decodeCursor, encodeCursor } from "@/lib/pagination/keyset-cursor";
import { Prisma } from "@/lib/generated/prisma/client";
import { notificationPayloadSchema, type EventTopic } from "@/lib/webhooks/topics";

// Reads behind the Notifications pages: the filtered list, counts per product, one
// notification with its webhook payloads and deliveries, and the sent-messages log. Every
// query is scoped by the store id; lists are keyset-paginated newest first on
// (createdAt desc, id desc), so a page costs the same however deep it is and rows added
// meanwhile never shift one.

export const notificationPageSize = 25;
export const messagePageSize = 25;

export async function countNotifications(storeId: string) {
  const rows = await db.notification.groupBy({ by: ["status"], where: { storeId }, _count: { _all: true } });
  const count = (status: string) => rows.find((r) => r.status === status)?._count._all ?? 0;
  return { waiting: count("WAITING"), sent: count("SENT") };
}

// ─── Filters, as they live in the URL ────────────────────────────────────────────────────

/** A positive decimal id that fits PostgreSQL's bigint (anything else would be a 500 there). */
const decimalId = z.string().regex(/^[1-9]\d{0,18}$/).refine(fitsBigint);

/**
 * The Notifications page's search params. Each one is read on its own and a bad value (an
 * unknown status, an impossible date, a repeated key, an empty field from the filter form)
 * falls back to "no filter" rather than failing the page.
 */
export const notificationSearchSchema = z.object({
  status: z.enum(["waiting", "sent"]).optional().catch(undefined),
  channel: z.enum(["email", "sms"]).optional().catch(undefined),
  product: decimalId.optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});
export type NotificationSearch = z.infer<typeof notificationSearchSchema>;

export type NotificationFilters = {
  status?: "WAITING" | "SENT";
  channel?: "EMAIL" | "SMS";
  productId?: bigint;
  /** Created at or after the start of this UTC day (YYYY-MM-DD). */
  from?: string;
  /** Created on or before this UTC day (YYYY-MM-DD), the whole day included. */
  to?: string;
};

export function filtersFromSearch(search: NotificationSearch): NotificationFilters {
  return {
    status: search.status === "waiting" ? "WAITING" : search.status === "sent" ? "SENT" : undefined,
    channel: search.channel === "email" ? "EMAIL" : search.channel === "sms" ? "SMS" : undefined,
    productId: search.product ? BigInt(search.product) : undefined,
    from: search.from,
    to: search.to,
  };
}

/** The filters (and cursor) as a query string, without empty values: "" or "?status=sent&…". */
export function notificationSearchString(search: NotificationSearch): string {
  const params = new URLSearchParams();
  for (const key of ["status", "channel", "product", "from", "to", "cursor"] as const) {
    const value = search[key];
    if (value) params.set(key, value);
  }
  return params.size ? `?${params}` : "";
}

const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);
const nextDayStart = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

function filterWhere(storeId: string, f: NotificationFilters): Prisma.NotificationWhereInput {
  return {
    storeId,
    ...(f.status ? { status: f.status } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.productId ? { variant: { productId: f.productId, storeId } } : {}),
    ...(f.from || f.to ? { createdAt: { ...(f.from ? { gte: dayStart(f.from) } : {}), ...(f.to ? { lt: nextDayStart(f.to) } : {}) } } : {}),
  };
}

const notificationIdSchema = decimalId.transform(BigInt);
const messageIdSchema = z.string().regex(/^(mail|sms)_[0-9A-Z]{26}$/);

// ─── The list ────────────────────────────────────────────────────────────────────────────

export type NotificationListRow = Awaited<ReturnType<typeof listNotifications>>["rows"][number];

/** One page of the store's notifications matching the filters, newest first. */
export async function listNotifications(storeId: string, filters: NotificationFilters = {}, options: { cursor?: string; limit?: number } = {}) {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? notificationPageSize) || notificationPageSize, 1), 100);
  const after = decodeCursor(options.cursor, notificationIdSchema);
  const rows = await db.notification.findMany({
    where: {
      ...filterWhere(storeId, filters),
      // Strictly older than the cursor in (createdAt desc, id desc). The redundant upper bound
      // lets the index scan start at the cursor instead of filtering from the newest row.
      ...(after ? { AND: [{ createdAt: { lte: after.at } }, { OR: [{ createdAt: { lt: after.at } }, { id: { lt: after.id } }] }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      channel: true,
      contact: true,
      quantityRequired: true,
      status: true,
      createdAt: true,
      sentAt: true,
      variant: { select: { id: true, title: true, product: { select: { id: true, title: true } } } },
    },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id.toString()) : null };
}

export type ProductCount = { productId: bigint; title: string; waiting: number; sent: number; total: number };

/**
 * Notifications per product, for the summary that doubles as the product filter: `waiting`
 * and `sent` count those matching the channel and date filters (the list's other facets),
 * `total` counts all of the product's notifications. Products without any are left out.
 */
export async function countNotificationsByProduct(storeId: string, filters: Pick<NotificationFilters, "channel" | "from" | "to"> = {}): Promise<ProductCount[]> {
  const facet = [
    Prisma.sql`TRUE`,
    ...(filters.channel ? [Prisma.sql`n.channel = ${filters.channel}::"NotificationChannel"`] : []),
    ...(filters.from ? [Prisma.sql`n."createdAt" >= ${dayStart(filters.from)}`] : []),
    ...(filters.to ? [Prisma.sql`n."createdAt" < ${nextDayStart(filters.to)}`] : []),
  ];
  const where = Prisma.join(facet, " AND ");
  const rows = await db.$queryRaw<{ id: bigint; title: string; waiting: number; sent: number; total: number }[]>`
    SELECT p.id, p.title,
           (count(*) FILTER (WHERE n.status = 'WAITING' AND ${where}))::int AS waiting,
           (count(*) FILTER (WHERE n.status = 'SENT' AND ${where}))::int AS sent,
           count(*)::int AS total
      FROM "Notification" n
      JOIN "Variant" v ON v.id = n."variantId"
      JOIN "Product" p ON p.id = v."productId"
     WHERE n."storeId" = ${storeId} AND p."storeId" = ${storeId}
     GROUP BY p.id, p.title
     ORDER BY p.title, p.id`;
  return rows.map((r) => ({ productId: r.id, title: r.title, waiting: r.waiting, sent: r.sent, total: r.total }));
}

// ─── One notification ────────────────────────────────────────────────────────────────────

export type NotificationEventView = {
  topic: EventTopic;
  /** The payload as delivered, in the contract's field order; null when no event was recorded. */
  payload: unknown;
  at: Date | null;
  /** Where the payload was read from: the event itself, or (once events are pruned) a delivery's body. */
  source: "event" | "delivery" | null;
};

/**
 * The contract's field order. PostgreSQL's jsonb keeps keys in its own order (shortest
 * first), so a payload read back from the event is put back in the documented order.
 */
function inContractOrder(payload: unknown): unknown {
  const parsed = notificationPayloadSchema.safeParse(payload);
  return parsed.success ? parsed.data : payload;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * One notification of the store with the webhook payloads its events carry and the
 * deliveries made of them; null when the store has no notification with that id.
 */
export async function getNotificationDetail(storeId: string, notificationId: bigint) {
  const notification = await db.notification.findFirst({
    where: { id: notificationId, storeId },
    include: { variant: { select: { id: true, title: true, sku: true, available: true, product: { select: { id: true, title: true } } } } },
  });
  if (!notification) return null;
  const topics: EventTopic[] = notification.status === "SENT" ? ["notification/create", "notification/sent"] : ["notification/create"];
  const [events, deliveries] = await Promise.all([
    // The events are written with these idempotency keys (create-notification, send-notification).
    db.outboxEvent.findMany({
      where: { storeId, idempotencyKey: { in: topics.map((t) => `${t}:${notificationId}`) } },
      select: { name: true, data: true, createdAt: true },
    }),
    db.delivery.findMany({
      where: { storeId, notificationId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 100,
      select: {
        id: true,
        messageId: true,
        topic: true,
        status: true,
        isTest: true,
        attemptCount: true,
        lastStatusCode: true,
        createdAt: true,
        body: true,
        webhook: { select: { id: true, url: true } },
      },
    }),
  ]);
  const payloads: NotificationEventView[] = topics.map((topic) => {
    const event = events.find((e) => e.name === topic);
    const payload = (event?.data as { payload?: unknown } | null)?.payload;
    if (event && payload !== undefined) return { topic, payload: inContractOrder(payload), at: event.createdAt, source: "event" };
    // Events are pruned after 30 days; a delivery keeps the very bytes it sent.
    const delivered = deliveries.find((d) => d.topic === topic && !d.isTest);
    if (delivered) return { topic, payload: parseJson(delivered.body), at: null, source: "delivery" };
    return { topic, payload: null, at: null, source: null };
  });
  return { notification, payloads, deliveries: deliveries.map(({ body: _body, ...d }) => d) };
}

// ─── Sent messages ───────────────────────────────────────────────────────────────────────

export type SentMessageRow = { id: string; channel: "email" | "sms"; to: string; subject: string | null; text: string; kind: string; createdAt: Date; sentAt: Date | null };

/**
 * The store's outgoing messages (emails and texts, from the embedded transport's tables),
 * newest first, one keyset over both tables. Ids compare byte-wise (COLLATE "C") so the
 * order does not depend on the database's collation.
 */
export async function listSentMessages(storeId: string, options: { cursor?: string; limit?: number } = {}) {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? messagePageSize) || messagePageSize, 1), 100);
  const after = decodeCursor(options.cursor, messageIdSchema);
  const older = (table: "m" | "s") =>
    after
      ? Prisma.sql`AND ${Prisma.raw(table)}."createdAt" <= ${after.at} AND (${Prisma.raw(table)}."createdAt", ${Prisma.raw(table)}.id COLLATE "C") < (${after.at}, ${after.id} COLLATE "C")`
      : Prisma.empty;
  const rows = await db.$queryRaw<SentMessageRow[]>`
    SELECT * FROM (
      (SELECT m.id, 'email' AS channel, m."to", m.subject, m.text, m.kind, m."createdAt", m."sentAt"
         FROM "MailMessage" m WHERE m."storeId" = ${storeId} ${older("m")}
        ORDER BY m."createdAt" DESC, m.id COLLATE "C" DESC LIMIT ${limit + 1})
      UNION ALL
      (SELECT s.id, 'sms' AS channel, s."to", NULL AS subject, s.text, s.kind, s."createdAt", s."sentAt"
         FROM "SmsMessage" s WHERE s."storeId" = ${storeId} ${older("s")}
        ORDER BY s."createdAt" DESC, s.id COLLATE "C" DESC LIMIT ${limit + 1})
    ) messages
    ORDER BY "createdAt" DESC, id COLLATE "C" DESC
    LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
}
