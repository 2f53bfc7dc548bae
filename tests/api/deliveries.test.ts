import { describe, expect, it } from "vitest";
import { deliveryListSchema, deliveryWithAttemptsSchema } from "@/lib/api/deliveries/schemas";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { apiAs, hookUrl } from "./helpers";

// GET /webhooks/{id}/deliveries and GET /deliveries/{id}: the delivery log through the API,
// newest first with keyset cursors, filters, and another store's ids answering 404.

async function webhookWithDeliveries(api: Awaited<ReturnType<typeof apiAs>>, count: number) {
  const webhook = (await api.call("POST", "/webhooks", { json: { topic: "notification/*", url: hookUrl(), is_active: true } })).body as { id: string };
  const start = Date.UTC(2026, 10, 20, 12);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = newId("delivery");
    ids.push(id);
    await db.delivery.create({
      data: {
        id,
        messageId: newId("message"),
        storeId: api.storeId,
        webhookId: webhook.id,
        topic: i % 2 ? "notification/sent" : "notification/create",
        body: `{"n":${i}}`,
        status: i % 3 === 0 ? "FAILED" : "SUCCEEDED",
        attemptCount: 1,
        lastStatusCode: i % 3 === 0 ? 500 : 200,
        createdAt: new Date(start + i * 60_000),
        attempts: {
          create: {
            id: newId("attempt"),
            webhookId: webhook.id,
            attemptNumber: 1,
            startedAt: new Date(start + i * 60_000),
            durationMs: 40 + i,
            requestHeaders: { "x-bis-signature": "[redacted]" },
            responseStatus: i % 3 === 0 ? 500 : 200,
            responseBody: "ok",
            errorClass: i % 3 === 0 ? "http_5xx" : null,
            succeeded: i % 3 !== 0,
          },
        },
      },
    });
  }
  return { webhookId: webhook.id, ids };
}

describe("/api/v1 deliveries", () => {
  it("lists a webhook's deliveries newest first, a page at a time, filtered by status and topic", async () => {
    const api = await apiAs("MEDIUM");
    const { webhookId, ids } = await webhookWithDeliveries(api, 7);
    const first = await api.call("GET", `/webhooks/${webhookId}/deliveries?limit=3`);
    expect(first.status).toBe(200);
    const page1 = deliveryListSchema.parse(first.body);
    expect(page1.data.map((d) => d.id)).toEqual([ids[6], ids[5], ids[4]]);
    const page2 = deliveryListSchema.parse((await api.call("GET", `/webhooks/${webhookId}/deliveries?limit=3&after=${page1.next_cursor}`)).body);
    const page3 = deliveryListSchema.parse((await api.call("GET", `/webhooks/${webhookId}/deliveries?limit=3&after=${page2.next_cursor}`)).body);
    expect([...page2.data, ...page3.data].map((d) => d.id)).toEqual([ids[3], ids[2], ids[1], ids[0]]);
    expect(page3.next_cursor).toBeNull();

    const failed = deliveryListSchema.parse((await api.call("GET", `/webhooks/${webhookId}/deliveries?status=failed`)).body);
    expect(failed.data.map((d) => d.id)).toEqual([ids[6], ids[3], ids[0]]);
    expect(failed.data[0]).toMatchObject({ status: "failed", last_status_code: 500, webhook_id: webhookId, test: false });
    const sent = deliveryListSchema.parse((await api.call("GET", `/webhooks/${webhookId}/deliveries?topic=notification/sent`)).body);
    expect(sent.data.map((d) => d.id)).toEqual([ids[5], ids[3], ids[1]]);
  });

  it("gets one delivery with its attempts", async () => {
    const api = await apiAs("LARGE");
    const { ids } = await webhookWithDeliveries(api, 1);
    const got = await api.call("GET", `/deliveries/${ids[0]}`);
    expect(got.status).toBe(200);
    const delivery = deliveryWithAttemptsSchema.parse(got.body);
    expect(delivery).toMatchObject({ id: ids[0], status: "failed", body: '{"n":0}' });
    expect(delivery.attempt_log).toEqual([expect.objectContaining({ attempt: 1, succeeded: false, error_class: "http_5xx", response_status: 500, request_headers: { "x-bis-signature": "[redacted]" } })]);
  });

  it("answers another store's webhook or delivery exactly like a missing one, and bad filters with 422", async () => {
    const api = await apiAs("MEDIUM");
    const other = await apiAs("MEDIUM");
    const theirs = await webhookWithDeliveries(other, 1);
    const hisList = await api.call("GET", `/webhooks/${theirs.webhookId}/deliveries`);
    expect(hisList.status).toBe(404);
    expect(hisList.body).toMatchObject({ error: { code: "not_found" } });
    const hisDelivery = await api.call("GET", `/deliveries/${theirs.ids[0]}`);
    expect(hisDelivery.status).toBe(404);
    expect((await api.call("GET", `/deliveries/${newId("delivery")}`)).body).toEqual(hisDelivery.body);

    const mine = await webhookWithDeliveries(api, 1);
    for (const query of ["status=lost", "limit=0", "after=garbage", "topic=notification%2F*"]) {
      const bad = await api.call("GET", `/webhooks/${mine.webhookId}/deliveries?${query}`);
      expect(bad.status, query).toBe(422);
    }
    // An id that cannot be a delivery id is not found either (as for webhooks).
    expect((await api.call("GET", "/deliveries/not-an-id")).status).toBe(404);
  });

  it("needs a key, and a plan with webhooks", async () => {
    const small = await apiAs("SMALL");
    const denied = await small.call("GET", `/deliveries/${newId("delivery")}`);
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: { code: "plan_required" } });
    const { send, apiRequest } = await import("./helpers");
    expect((await send(apiRequest("GET", `/deliveries/${newId("delivery")}`))).status).toBe(401);
  });
});
