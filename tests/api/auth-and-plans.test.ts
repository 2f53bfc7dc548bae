import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { apiAs, apiRequest, hookUrl, send } from "./helpers";

// Who may call the API: a valid key (X-Auth-Token or Bearer), and a plan with webhooks for
// everything but DELETE.

const endpoints: [method: string, path: string, json?: unknown][] = [
  ["GET", "/webhooks"],
  ["POST", "/webhooks", { topic: "notification/create", url: "https://hooks.shop.dev/in" }],
  ["GET", "/webhooks/wh_01JD3W5Y6N3Q8G2K7V9X4T1B0C"],
  ["PUT", "/webhooks/wh_01JD3W5Y6N3Q8G2K7V9X4T1B0C", { topic: "notification/create", url: "https://hooks.shop.dev/in" }],
  ["PATCH", "/webhooks/wh_01JD3W5Y6N3Q8G2K7V9X4T1B0C", { is_active: true }],
  ["DELETE", "/webhooks/wh_01JD3W5Y6N3Q8G2K7V9X4T1B0C"],
  ["POST", "/webhooks/wh_01JD3W5Y6N3Q8G2K7V9X4T1B0C/test"],
];

describe("API authentication", () => {
  it.each(endpoints)("%s %s without a key: 401 with WWW-Authenticate", async (method, path, json) => {
    const response = await send(apiRequest(method, path, { json }));
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="Back in Stock API"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      error: { code: "unauthorized", message: "Send your API key in the X-Auth-Token header, or as Authorization: Bearer <key>.", details: null },
    });
  });

  it.each(endpoints)("%s %s with an invalid key: 401 invalid_token", async (method, path, json) => {
    for (const scheme of ["x-auth-token", "bearer"] as const) {
      const response = await send(apiRequest(method, path, { json, key: "bis_live_not-a-real-key", scheme }));
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="Back in Stock API", error="invalid_token"');
      expect(await response.json()).toMatchObject({ error: { code: "unauthorized", message: expect.stringContaining("not valid") } });
    }
  });

  it("accepts the key as X-Auth-Token or as a Bearer token, and nothing else", async () => {
    const api = await apiAs("MEDIUM");
    expect((await send(apiRequest("GET", "/webhooks", { key: api.key }))).status).toBe(200);
    expect((await send(apiRequest("GET", "/webhooks", { key: api.key, scheme: "bearer" }))).status).toBe(200);
    const basic = await send(apiRequest("GET", "/webhooks", { headers: { Authorization: `Basic ${Buffer.from(`${api.key}:`).toString("base64")}` } }));
    expect(basic.status).toBe(401);
    const inQuery = await send(new Request(`http://localhost:3000/api/v1/webhooks?api_key=${api.key}`));
    expect(inQuery.status).toBe(401);
  });

  it("a rotated-out key works during its overlap window, then not", async () => {
    const api = await apiAs("MEDIUM");
    await db.apiKey.updateMany({ where: { storeId: api.storeId }, data: { retiredAt: new Date(), validUntil: new Date(Date.now() + 60_000) } });
    expect((await api.call("GET", "/webhooks")).status).toBe(200);
    await db.apiKey.updateMany({ where: { storeId: api.storeId }, data: { validUntil: new Date(Date.now() - 1000) } });
    expect((await api.call("GET", "/webhooks")).status).toBe(401);
  });
});

describe("API plan gating", () => {
  const gated = endpoints.filter(([method]) => method !== "DELETE");

  it.each(gated)("%s %s on the Small plan: 403 plan_required naming the plans with webhooks", async (method, path, json) => {
    const api = await apiAs("SMALL");
    const answer = await api.call(method, path, { json });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      error: {
        code: "plan_required",
        message: "Webhooks are not included in the Small plan. They come with the Medium, Large and Enterprise plans.",
        details: { feature: "webhooks", plan: "Small", plans: ["Medium", "Large", "Enterprise"] },
      },
    });
  });

  it("answers 403 on the Free plan too", async () => {
    const api = await apiAs("FREE");
    expect((await api.call("GET", "/webhooks")).body).toMatchObject({ error: { code: "plan_required", details: { plan: "Free" } } });
  });

  it("lets a store whose plan no longer has webhooks delete them", async () => {
    const api = await apiAs("SMALL");
    const id = newId("webhook");
    await db.webhook.create({ data: { id, storeId: api.storeId, topic: "notification/create", url: hookUrl() } });
    expect((await api.call("DELETE", `/webhooks/${id}`)).status).toBe(204);
    expect(await db.webhook.findUnique({ where: { id } })).toBeNull();
    expect((await api.call("DELETE", `/webhooks/${id}`)).status).toBe(404);
  });
});
