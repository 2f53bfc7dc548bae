import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { apiAs } from "./helpers";

let n = 0;
async function withVariant(plan: "SMALL" | "MEDIUM" = "MEDIUM") {
  const api = await apiAs(plan);
  const variantId = BigInt(Date.now()) * 1000n + BigInt(n++);
  await db.product.create({ data: { id: variantId + 700n, storeId: api.storeId, title: "Assam", variants: { create: { id: variantId, storeId: api.storeId, title: "250 g" } } } });
  return { api, variantId };
}

describe("/api/v1/notifications and /api/v1/inventory", () => {
  it("POST signs a shopper up (201), the same again answers 200 with the same notification; any plan may use it", async () => {
    const { api, variantId } = await withVariant("SMALL");
    const body = { variant_id: variantId.toString(), channel: "sms", contact: "+447700900123", quantity_required: 2 };
    const created = await api.call("POST", "/notifications", { json: body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ variant_id: Number(variantId), channel: "sms", contact: "+447700900123", quantity_required: 2, status: "waiting", sent_at: null });
    const again = await api.call("POST", "/notifications", { json: body });
    expect(again.status).toBe(200);
    expect((again.body as { id: number }).id).toBe((created.body as { id: number }).id);
  });

  it("POST refuses bad input with 422 naming the field, and an unknown variant with 404", async () => {
    const { api, variantId } = await withVariant();
    const bad = await api.call("POST", "/notifications", { json: { variant_id: Number(variantId), channel: "email", contact: "nope" } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain("contact must be a valid email address");
    expect((await api.call("POST", "/notifications", { json: { variant_id: 42, channel: "email", contact: "a@b.dev" } })).status).toBe(404);
  });

  it("GET lists in id order, page by page, filtered by updated_at_min for reconciliation", async () => {
    const { api, variantId } = await withVariant();
    for (let i = 0; i < 5; i++) await api.call("POST", "/notifications", { json: { variant_id: Number(variantId), channel: "email", contact: `r${i}@example.dev` } });
    const ids: number[] = [];
    let after: string | null = null;
    do {
      const page = await api.call("GET", `/notifications?limit=2${after ? `&after=${after}` : ""}`);
      expect(page.status).toBe(200);
      const body = page.body as { data: { id: number }[]; next_cursor: string | null };
      ids.push(...body.data.map((d) => d.id));
      after = body.next_cursor;
    } while (after);
    expect(ids).toHaveLength(5);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const future = await api.call("GET", `/notifications?updated_at_min=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect((future.body as { data: unknown[] }).data).toEqual([]);
    expect((await api.call("GET", "/notifications?created_at_min=yesterday")).status).toBe(422);
  });

  it("PUT /inventory/{variant_id} sets stock; a rise reports a restock; another store's variant is 404", async () => {
    const { api, variantId } = await withVariant();
    const other = await withVariant();
    const set = await api.call("PUT", `/inventory/${variantId}`, { json: { available: 12 } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ variant_id: Number(variantId), available: 12, previous: 0, restocked: true });
    expect((await api.call("PUT", `/inventory/${variantId}`, { json: { available: 3 } })).body).toMatchObject({ previous: 12, restocked: false });
    expect((await api.call("PUT", `/inventory/${other.variantId}`, { json: { available: 5 } })).status).toBe(404);
    expect((await api.call("PUT", `/inventory/${variantId}`, { json: { available: -1 } })).status).toBe(422);
    expect(await db.outboxEvent.count({ where: { storeId: api.storeId, name: "inventory/restocked" } })).toBe(1);
  });
});
