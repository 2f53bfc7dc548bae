import { describe, expect, it } from "vitest";
import { OPTIONS, POST } from "@/app/api/storefront/[store]/notifications/route";
import { db } from "@/lib/db";
import { makeStore } from "@/tests/factories";

let n = 0;
async function shop() {
  const { storeId, input } = await makeStore("MEDIUM");
  const variantId = BigInt(Date.now()) * 1000n + BigInt(n++);
  await db.product.create({ data: { id: variantId + 500n, storeId, title: "Rooibos", variants: { create: { id: variantId, storeId, title: "Loose" } } } });
  return { storeId, domain: input.storeDomain, variantId };
}

function post(store: string, body: string | object, { ip = `198.51.100.${++n % 250}`, origin, contentType = "application/json" }: { ip?: string; origin?: string; contentType?: string } = {}) {
  const headers: Record<string, string> = { "content-type": contentType, "x-forwarded-for": ip };
  if (origin) headers.origin = origin;
  const request = new Request(`http://localhost:3000/api/storefront/${store}/notifications`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return POST(request, { params: Promise.resolve({ store }) });
}

const signUp = (variantId: bigint, extra: object = {}) => ({ variant_id: Number(variantId), channel: "email", contact: "shopper@example.dev", ...extra });

describe("POST /api/storefront/{store}/notifications", () => {
  it("signs a shopper up (201), and again is the same notification (200)", async () => {
    const { storeId, variantId } = await shop();
    const first = await post(storeId, signUp(variantId, { quantity_required: 2, customer_language: "fr-FR", customer_utc_offset: 3600 }));
    expect(first.status).toBe(201);
    const body = await first.json();
    expect(body).toMatchObject({ variant_id: Number(variantId), channel: "email", contact: "shopper@example.dev", quantity_required: 2, status: "waiting" });
    const again = await post(storeId, signUp(variantId));
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(body.id);
    expect(await db.outboxEvent.count({ where: { storeId, name: "notification/create" } })).toBe(1);
  });

  it.each([
    ["a bad email", (v: bigint) => signUp(v, { contact: "not an email" }), 400, "contact must be a valid email address"],
    ["a negative quantity", (v: bigint) => signUp(v, { quantity_required: -1 }), 400, "quantity_required must be at least 1"],
    ["an SMS number that is not E.164", (v: bigint) => signUp(v, { channel: "sms", contact: "0770 0900 123" }), 400, "E.164"],
    ["an unknown variant", () => signUp(999n), 404, "no variant with that id"],
  ])("answers %s with a 4xx and a clear message, writing nothing", async (_what, body, status, message) => {
    const { storeId, variantId } = await shop();
    const response = await post(storeId, body(variantId));
    expect(response.status).toBe(status);
    expect((await response.json()).error.message).toContain(message);
    expect(await db.notification.count({ where: { storeId } })).toBe(0);
    expect(await db.outboxEvent.count({ where: { storeId } })).toBe(0);
  });

  it("refuses a 100 KiB body (413) and a form post (415), writing nothing", async () => {
    const { storeId, variantId } = await shop();
    const big = await post(storeId, JSON.stringify({ ...signUp(variantId), padding: "x".repeat(100 * 1024) }));
    expect(big.status).toBe(413);
    const form = await post(storeId, `variant_id=${variantId}&channel=email&contact=a@b.dev`, { contentType: "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    expect((await form.json()).error.code).toBe("unsupported_media_type");
    const broken = await post(storeId, "{not json");
    expect(broken.status).toBe(400);
    expect(await db.notification.count({ where: { storeId } })).toBe(0);
  });

  it("answers 404 for a store that does not exist", async () => {
    expect((await post("sto_00000000000000000000000000", { variant_id: 1, channel: "email", contact: "a@b.dev" })).status).toBe(404);
  });

  it("grants CORS to the store's own site only, and refuses other origins", async () => {
    const { storeId, domain, variantId } = await shop();
    const own = await post(storeId, signUp(variantId), { origin: `https://www.${domain}` });
    expect(own.status).toBe(201);
    expect(own.headers.get("access-control-allow-origin")).toBe(`https://www.${domain}`);
    const foreign = await post(storeId, signUp(variantId, { contact: "x@y.dev" }), { origin: "https://evil.dev" });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await OPTIONS(new Request(`http://localhost/api/storefront/${domain}/notifications`, { method: "OPTIONS", headers: { origin: `https://${domain}` } }), { params: Promise.resolve({ store: domain }) });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("limits sign-ups per IP address (429 with Retry-After)", async () => {
    const { storeId, variantId } = await shop();
    const ip = `203.0.113.${Date.now() % 250}`;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await post(storeId, signUp(variantId, { contact: `s${i}@example.dev` }), { ip })).status);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    const limited = await post(storeId, signUp(variantId, { contact: "late@example.dev" }), { ip });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
