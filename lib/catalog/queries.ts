import "server-only";
import { maxBigint } from "@/lib/decimal-id";
import { z } from "zod";
import { db } from "@/lib/db";

// The Catalog page: the store's products with their variants, stock and waiting shoppers.
// Products are keyset-paginated in (title, id) order, on the (storeId, title) index.

export const catalogPageSize = 20;

function encodeCursor(title: string, id: bigint): string {
  return Buffer.from(JSON.stringify([title, id.toString()])).toString("base64url");
}

const cursorSchema = z.tuple([z.string().max(1000), z.string().regex(/^[1-9]\d{0,18}$/)]);

/** An opaque cursor from a URL; anything unreadable means "from the first product". */
function decodeCursor(cursor: string | undefined): { title: string; id: bigint } | null {
  if (!cursor || cursor.length > 2000) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString()));
    if (!parsed.success) return null;
    const id = BigInt(parsed.data[1]);
    return id <= maxBigint ? { title: parsed.data[0], id } : null;
  } catch {
    return null;
  }
}

export type CatalogProduct = Awaited<ReturnType<typeof listCatalog>>["products"][number];

/** One page of products (by title), each with its variants and their waiting notifications. */
export async function listCatalog(storeId: string, options: { cursor?: string; limit?: number } = {}) {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? catalogPageSize) || catalogPageSize, 1), 100);
  const after = decodeCursor(options.cursor);
  const found = await db.product.findMany({
    where: { storeId, ...(after ? { OR: [{ title: { gt: after.title } }, { title: after.title, id: { gt: after.id } }] } : {}) },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    take: limit + 1,
    select: {
      id: true,
      title: true,
      variants: { orderBy: { id: "asc" }, select: { id: true, title: true, sku: true, available: true, updatedAt: true } },
    },
  });
  const page = found.slice(0, limit);
  const variantIds = page.flatMap((p) => p.variants.map((v) => v.id));
  const waiting = variantIds.length
    ? await db.notification.groupBy({ by: ["variantId"], where: { storeId, status: "WAITING", variantId: { in: variantIds } }, _count: { _all: true } })
    : [];
  const waitingOf = new Map(waiting.map((w) => [w.variantId, w._count._all]));
  const products = page.map((p) => ({ ...p, variants: p.variants.map((v) => ({ ...v, waiting: waitingOf.get(v.id) ?? 0 })) }));
  const last = page.at(-1);
  return { products, nextCursor: found.length > limit && last ? encodeCursor(last.title, last.id) : null };
}
