import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeStore } from "@/tests/factories";
import { listCatalog } from "./queries";
import { fittingCount, waitingInLine } from "./restock-preview";

let nextId = BigInt(1e14 + Math.floor(Math.random() * 8e15));

/** Products by title (titles may repeat), each with two variants; the first variant has `waiting` sign-ups. */
async function storeWithProducts(titles: string[], waiting = 0) {
  const { storeId } = await makeStore("MEDIUM");
  const variantIds: bigint[] = [];
  for (const title of titles) {
    const a = nextId++;
    const b = nextId++;
    await db.product.create({
      data: { id: nextId++, storeId, title, variants: { create: [{ id: a, storeId, title: "A", sku: `${title}-A`, available: 0 }, { id: b, storeId, title: "B", available: 7 }] } },
    });
    variantIds.push(a, b);
    for (let i = 0; i < waiting; i++) {
      await db.notification.create({ data: { storeId, variantId: a, channel: "EMAIL", contact: `s${i}@example.dev`, customerLanguage: "en", customerUtcOffset: 0 } });
    }
    // One already sent: not waiting.
    await db.notification.create({ data: { storeId, variantId: a, channel: "SMS", contact: "+447700900000", customerLanguage: "en", customerUtcOffset: 0, status: "SENT", sentAt: new Date() } });
  }
  return { storeId, variantIds };
}

describe("listCatalog", () => {
  it("pages products by title (then id) with their variants and waiting counts, each product once", async () => {
    const titles = ["Oolong", "Assam", "Darjeeling", "Assam", "Matcha", "Chai", "Assam", "Sencha"];
    const { storeId } = await storeWithProducts(titles, 2);
    await storeWithProducts(["Another store's tea"], 5);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listCatalog(storeId, { cursor, limit: 3 });
      for (const p of page.products) {
        seen.push(`${p.title}#${p.id}`);
        expect(p.variants.map((v) => [v.title, v.available, v.waiting])).toEqual([
          ["A", 0, 2],
          ["B", 7, 0],
        ]);
      }
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    const products = await db.product.findMany({ where: { storeId }, orderBy: [{ title: "asc" }, { id: "asc" }] });
    expect(seen).toEqual(products.map((p) => `${p.title}#${p.id}`));
    expect(seen.filter((s) => s.startsWith("Assam#"))).toHaveLength(3);
  });

  it("is empty for a store without products, and a bad cursor starts at the first page", async () => {
    const { storeId } = await makeStore("MEDIUM");
    expect(await listCatalog(storeId)).toEqual({ products: [], nextCursor: null });
    const { storeId: withProducts } = await storeWithProducts(["B", "A"]);
    expect((await listCatalog(withProducts, { cursor: "%%%" })).products.map((p) => p.title)).toEqual(["A", "B"]);
  });
});

describe("the restock preview", () => {
  it("counts the oldest waiting shoppers the rise pays for, skipping those who need more than is left", () => {
    const q = (...n: number[]) => n.map((quantityRequired) => ({ quantityRequired }));
    expect(fittingCount(q(1, 1, 1), 2)).toBe(2);
    expect(fittingCount(q(3, 1, 2, 1), 3)).toBe(1);
    expect(fittingCount(q(5, 1, 2, 1), 3)).toBe(2);
    expect(fittingCount(q(1, 1), 0)).toBe(0);
    expect(fittingCount([], 10)).toBe(0);
    expect(fittingCount(q(2, 2, 2), 1_000_000)).toBe(3);
  });

  it("reads the variant's line: waiting, unclaimed, oldest first, in this store only", async () => {
    const { storeId, variantIds } = await storeWithProducts(["Tea"], 3);
    const first = await db.notification.findFirstOrThrow({ where: { storeId, status: "WAITING" }, orderBy: { createdAt: "asc" } });
    await db.notification.update({ where: { id: first.id }, data: { restockEventId: "evt_claimed" } });
    expect(await waitingInLine(storeId, variantIds[0]!)).toHaveLength(2);
    const { storeId: other } = await makeStore("MEDIUM");
    expect(await waitingInLine(other, variantIds[0]!)).toEqual([]);
  });
});
