// Catalog → Set stock, the server action end to end below the session: validation, the
// restock it starts, the message, the audit record and store scoping.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { makeStore } from "@/tests/factories";

const session = vi.hoisted(() => ({ storeId: "" }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/auth/request-context", () => ({ requestContext: async () => ({ ip: "203.0.113.9", userAgent: "vitest" }) }));
vi.mock("@/lib/auth/session", async () => {
  const { notFound } = await import("next/navigation");
  return {
    // The signed-in owner is a member of `session.storeId` only.
    requireStoreMember: async (storeId: string) => {
      if (storeId !== session.storeId) notFound();
      return { user: { id: "usr_test", email: "owner@shop.test", name: "Owner", role: "USER" }, role: "OWNER", store: { id: storeId } };
    },
  };
});

const { setStockAction } = await import("@/app/actions/inventory");

let nextId = BigInt(1e14 + Math.floor(Math.random() * 8e15));

async function soldOutVariant(storeId: string, quantities: number[]) {
  const variantId = nextId++;
  await db.product.create({ data: { id: nextId++, storeId, title: "Oolong", variants: { create: { id: variantId, storeId, title: "Tin", available: 0 } } } });
  for (const [i, quantityRequired] of quantities.entries()) {
    await db.notification.create({
      data: { storeId, variantId, channel: "EMAIL", contact: `s${i}@example.dev`, quantityRequired, customerLanguage: "en", customerUtcOffset: 0, createdAt: new Date(Date.UTC(2025, 0, 1, 0, i)) },
    });
  }
  return variantId;
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

let storeId: string;
beforeEach(async () => {
  ({ storeId } = await makeStore("MEDIUM"));
  session.storeId = storeId;
});

describe("setStockAction", () => {
  it("sets the stock, says how many waiting shoppers fit the rise, starts the restock and audits it", async () => {
    const variantId = await soldOutVariant(storeId, [2, 5, 1, 1]);
    const state = await setStockAction({}, form({ storeId, variantId: String(variantId), available: "4" }));
    // 4 units: the first (2) fits, the second (5) does not, the third (1) and fourth (1) do.
    expect(state).toEqual({ ok: true, message: "Stock set to 4. 3 waiting shoppers will be notified." });
    expect((await db.variant.findUniqueOrThrow({ where: { id: variantId } })).available).toBe(4);
    const events = await db.outboxEvent.findMany({ where: { storeId, name: "inventory/restocked" } });
    expect(events.map((e) => e.data)).toEqual([{ storeId, variantId: String(variantId), from: 0, to: 4 }]);
    const audit = await db.auditLog.findMany({ where: { storeId, action: "inventory.updated" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: "usr_test", actorRole: "owner", targetType: "variant", targetId: String(variantId), details: { from: 0, to: 4 }, ip: "203.0.113.9" });

    // The restock function (not running here) claims those three for its event.
    await db.notification.updateMany({ where: { variantId, quantityRequired: { not: 5 } }, data: { restockEventId: events[0]!.id } });
    // One more unit does not fit the one still waiting (5).
    expect(await setStockAction({}, form({ storeId, variantId: String(variantId), available: "5" }))).toEqual({
      ok: true,
      message: "Stock set to 5. 0 waiting shoppers will be notified.",
    });
    expect(await setStockAction({}, form({ storeId, variantId: String(variantId), available: "1" }))).toEqual({ ok: true, message: "Stock set to 1." });
    expect(await setStockAction({}, form({ storeId, variantId: String(variantId), available: "1" }))).toEqual({ ok: true, message: "Stock is already 1." });
    // A fall and a no-change start no restock; only changes are audited.
    expect(await db.outboxEvent.count({ where: { storeId, name: "inventory/restocked" } })).toBe(2);
    expect(await db.auditLog.count({ where: { storeId, action: "inventory.updated" } })).toBe(3);
  });

  it("refuses a bad number with a clear message, changing nothing", async () => {
    const variantId = await soldOutVariant(storeId, [1]);
    for (const [available, message] of [
      ["-3", "Stock must be a whole number from 0 to 1,000,000 (no decimals, signs or spaces)."],
      ["2.5", "Stock must be a whole number from 0 to 1,000,000 (no decimals, signs or spaces)."],
      ["", "Enter the stock as a whole number from 0 to 1,000,000."],
      ["1000001", "Stock can be at most 1,000,000."],
    ]) {
      const state = await setStockAction({}, form({ storeId, variantId: String(variantId), available: available! }));
      expect(state.ok).toBeUndefined();
      expect(state.fieldErrors?.available).toEqual([message]);
      expect(state.values?.available).toBe(available);
    }
    expect((await db.variant.findUniqueOrThrow({ where: { id: variantId } })).available).toBe(0);
    expect(await db.auditLog.count({ where: { storeId, action: "inventory.updated" } })).toBe(0);
  });

  it("cannot touch another store's variant", async () => {
    const { storeId: otherStore } = await makeStore("MEDIUM");
    const theirs = await soldOutVariant(otherStore, [1]);
    const state = await setStockAction({}, form({ storeId, variantId: String(theirs), available: "10" }));
    expect(state).toMatchObject({ message: "This store has no variant with that id." });
    // Naming the other store itself: not a member, so not found.
    await expect(setStockAction({}, form({ storeId: otherStore, variantId: String(theirs), available: "10" }))).rejects.toThrow();
    expect((await db.variant.findUniqueOrThrow({ where: { id: theirs } })).available).toBe(0);
    expect(await db.auditLog.count({ where: { storeId: otherStore, action: "inventory.updated" } })).toBe(0);
  });
});
