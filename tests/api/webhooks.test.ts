import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi/document";
import { apiErrorSchema } from "@/lib/api/schemas";
import { webhookListSchema, webhookSchema } from "@/lib/api/webhooks/schemas";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { apiAs, hookUrl } from "./helpers";

// Every endpoint of /api/v1/webhooks, success and domain errors, through the route handlers.
// Each response body is also parsed with the schema the OpenAPI document is generated from.

describe("/api/v1/webhooks", () => {
  it("creates a webhook: 201, Location, Off by default, audit-logged as the API", async () => {
    const api = await apiAs("MEDIUM");
    const url = hookUrl();
    const created = await api.call("POST", "/webhooks", { json: { topic: "notification/create", url } });
    expect(created.status).toBe(201);
    const webhook = webhookSchema.parse(created.body);
    expect(webhook).toMatchObject({ topic: "notification/create", url, is_active: false, state: "active", deactivated_at: null });
    expect(created.headers.get("location")).toBe(`/api/v1/webhooks/${webhook.id}`);
    expect(created.headers.get("cache-control")).toBe("no-store");
    expect(created.headers.get("content-type")).toMatch(/^application\/json/);
    expect(created.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    const on = await api.call("POST", "/webhooks", { json: { topic: "notification/*", url, is_active: true } });
    expect(on.status).toBe(201);
    expect(on.body).toMatchObject({ topic: "notification/*", is_active: true });

    const audit = await db.auditLog.findFirst({ where: { storeId: api.storeId, action: "webhook.created", targetId: webhook.id } });
    expect(audit).toMatchObject({ actorRole: "api", actorUserId: null, actorEmail: null });
    // The key never lands in the audit log.
    expect(JSON.stringify(await db.auditLog.findMany({ where: { storeId: api.storeId } }))).not.toContain(api.key);
  });

  it("gets a webhook; another store's id answers 404 exactly like a missing one", async () => {
    const api = await apiAs("MEDIUM");
    const other = await apiAs("LARGE");
    const mine = (await api.call("POST", "/webhooks", { json: { topic: "notification/sent", url: hookUrl() } })).body as { id: string };
    const theirs = (await other.call("POST", "/webhooks", { json: { topic: "notification/sent", url: hookUrl() } })).body as { id: string };

    const got = await api.call("GET", `/webhooks/${mine.id}`);
    expect(got.status).toBe(200);
    expect(webhookSchema.parse(got.body)).toMatchObject({ id: mine.id, topic: "notification/sent" });

    const foreign = await api.call("GET", `/webhooks/${theirs.id}`);
    const missing = await api.call("GET", "/webhooks/wh_01JD3W5Y6N3Q8G2K7V9X4T1B0C");
    const nonsense = await api.call("GET", "/webhooks/not-an-id");
    for (const answer of [foreign, missing, nonsense]) {
      expect(answer.status).toBe(404);
      expect(apiErrorSchema.parse(answer.body)).toEqual({ error: { code: "not_found", message: "No webhook with that id.", details: null } });
    }
    // Nor can it be changed or deleted from here.
    expect((await api.call("PATCH", `/webhooks/${theirs.id}`, { json: { is_active: true } })).body).toEqual(foreign.body);
    expect((await api.call("PUT", `/webhooks/${theirs.id}`, { json: { topic: "notification/*", url: hookUrl() } })).body).toEqual(foreign.body);
    expect((await api.call("DELETE", `/webhooks/${theirs.id}`)).body).toEqual(foreign.body);
    expect(await db.webhook.findUnique({ where: { id: theirs.id } })).toMatchObject({ isActive: false, topic: "notification/sent" });
  });

  it("lists page by page: each webhook exactly once, oldest first, next_cursor null at the end", async () => {
    const api = await apiAs("MEDIUM");
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const created = await api.call("POST", "/webhooks", { json: { topic: "notification/create", url: hookUrl(i) } });
      ids.push((created.body as { id: string }).id);
    }
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await api.call("GET", `/webhooks?limit=3${after ? `&after=${after}` : ""}`);
      expect(page.status).toBe(200);
      const parsed = webhookListSchema.parse(page.body);
      expect(parsed.data.length).toBeLessThanOrEqual(3);
      seen.push(...parsed.data.map((w) => w.id));
      after = parsed.next_cursor;
      pages++;
    } while (after && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);

    const all = await api.call("GET", "/webhooks");
    expect(webhookListSchema.parse(all.body)).toMatchObject({ next_cursor: null });
    expect((all.body as { data: unknown[] }).data).toHaveLength(7);

    const empty = await apiAs("ENTERPRISE");
    expect((await empty.call("GET", "/webhooks")).body).toEqual({ data: [], next_cursor: null });
  });

  it("PUT replaces topic and URL (both required); PATCH changes only what is sent", async () => {
    const api = await apiAs("MEDIUM");
    const url = hookUrl();
    const { id } = (await api.call("POST", "/webhooks", { json: { topic: "notification/create", url, is_active: true } })).body as { id: string };

    const newUrl = hookUrl();
    const put = await api.call("PUT", `/webhooks/${id}`, { json: { topic: "notification/sent", url: newUrl } });
    expect(put.status).toBe(200);
    // is_active is left as it was when PUT leaves it out.
    expect(webhookSchema.parse(put.body)).toMatchObject({ id, topic: "notification/sent", url: newUrl, is_active: true });

    const partialPut = await api.call("PUT", `/webhooks/${id}`, { json: { url: hookUrl() } });
    expect(partialPut.status).toBe(422);
    expect(partialPut.body).toMatchObject({ error: { code: "unprocessable_entity", details: { fieldErrors: { topic: [expect.stringContaining("Valid topics")] } } } });

    const patch = await api.call("PATCH", `/webhooks/${id}`, { json: { is_active: false } });
    expect(patch.status).toBe(200);
    expect(webhookSchema.parse(patch.body)).toMatchObject({ id, topic: "notification/sent", url: newUrl, is_active: false });

    const patchTopic = await api.call("PATCH", `/webhooks/${id}`, { json: { topic: "notification/*" } });
    expect(patchTopic.body).toMatchObject({ topic: "notification/*", url: newUrl, is_active: false });

    const emptyPatch = await api.call("PATCH", `/webhooks/${id}`, { json: {} });
    expect(emptyPatch.status).toBe(422);
    expect(emptyPatch.body).toMatchObject({ error: { details: { formErrors: ["Send at least one of topic, url or is_active."] } } });

    const audit = await db.auditLog.findMany({ where: { storeId: api.storeId, targetId: id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.actorRole])).toEqual([
      ["webhook.created", "api"],
      ["webhook.updated", "api"],
      ["webhook.updated", "api"],
      ["webhook.updated", "api"],
    ]);
  });

  it("switching a deactivated webhook On re-enables it", async () => {
    const api = await apiAs("MEDIUM");
    const { id } = (await api.call("POST", "/webhooks", { json: { topic: "notification/create", url: hookUrl() } })).body as { id: string };
    await db.webhook.update({ where: { id }, data: { state: "DEACTIVATED", deactivatedAt: new Date(), deactivationReason: "19 failures", consecutiveFailures: 19 } });
    const before = await api.call("GET", `/webhooks/${id}`);
    expect(before.body).toMatchObject({ state: "deactivated", deactivation_reason: "19 failures" });
    const patched = await api.call("PATCH", `/webhooks/${id}`, { json: { is_active: true } });
    expect(patched.body).toMatchObject({ state: "active", is_active: true, deactivated_at: null, deactivation_reason: null });
  });

  it("DELETE answers 204 with no body, then 404", async () => {
    const api = await apiAs("MEDIUM");
    const { id } = (await api.call("POST", "/webhooks", { json: { topic: "notification/create", url: hookUrl() } })).body as { id: string };
    const deleted = await api.call("DELETE", `/webhooks/${id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull();
    expect(deleted.headers.get("cache-control")).toBe("no-store");
    expect((await api.call("DELETE", `/webhooks/${id}`)).status).toBe(404);
    expect((await api.call("GET", `/webhooks/${id}`)).status).toBe(404);
    expect(await db.auditLog.count({ where: { storeId: api.storeId, action: "webhook.deleted", targetId: id, actorRole: "api" } })).toBe(1);
  });

  it("POST /webhooks/{id}/test sends one test payload now and answers with the endpoint's outcome", async () => {
    const api = await apiAs("MEDIUM");
    const other = await apiAs("MEDIUM");
    const { id } = (await api.call("POST", "/webhooks", { json: { topic: "notification/sent", url: "https://hooks.nowhere.invalid/in" } })).body as { id: string };
    const tested = await api.call("POST", `/webhooks/${id}/test`);
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ delivery_id: expect.stringMatching(/^dlv_/), ok: false, status: null, error_class: "dns", latency_ms: expect.any(Number) });
    const delivery = await db.delivery.findUniqueOrThrow({ where: { id: (tested.body as { delivery_id: string }).delivery_id } });
    expect(delivery).toMatchObject({ isTest: true, status: "FAILED", webhookId: id });
    expect(JSON.parse(delivery.body)).toMatchObject({ topic: "notification/sent", test: true });
    expect((await other.call("POST", `/webhooks/${id}/test`)).status).toBe(404);
  });

  it("POST /deliveries/{id}/resend: 404 for another store's delivery, 409 while it is still being sent", async () => {
    const api = await apiAs("MEDIUM");
    const other = await apiAs("MEDIUM");
    const { id } = (await api.call("POST", "/webhooks", { json: { topic: "notification/create", url: hookUrl(), is_active: true } })).body as { id: string };
    const delivery = await db.delivery.create({ data: { id: newId("delivery"), messageId: newId("message"), storeId: api.storeId, webhookId: id, topic: "notification/create", body: "{}" } });
    expect((await other.call("POST", `/deliveries/${delivery.id}/resend`)).status).toBe(404);
    const pending = await api.call("POST", `/deliveries/${delivery.id}/resend`);
    expect(pending.status).toBe(409);
    await db.delivery.update({ where: { id: delivery.id }, data: { status: "FAILED", attemptCount: 20 } });
    const resent = await api.call("POST", `/deliveries/${delivery.id}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.body).toEqual({ delivery_id: delivery.id, status: "retrying", first_attempt: 21 });
    expect(await db.outboxEvent.count({ where: { name: "webhook/delivery.retry", idempotencyKey: `resend:${delivery.id}:21` } })).toBe(1);
  });

  it("refuses a duplicate topic + URL with 409", async () => {
    const api = await apiAs("MEDIUM");
    const url = hookUrl();
    expect((await api.call("POST", "/webhooks", { json: { topic: "notification/create", url } })).status).toBe(201);
    const duplicate = await api.call("POST", "/webhooks", { json: { topic: "notification/create", url } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({
      error: { code: "conflict", message: "A webhook for this topic and URL already exists.", details: { fieldErrors: { url: ["A webhook for this topic and URL already exists."] } } },
    });
    // A change that would make two webhooks the same is refused too.
    const { id } = (await api.call("POST", "/webhooks", { json: { topic: "notification/sent", url } })).body as { id: string };
    expect((await api.call("PATCH", `/webhooks/${id}`, { json: { topic: "notification/create" } })).status).toBe(409);
  });

  it("refuses more webhooks than the plan allows with 409", async () => {
    const api = await apiAs("MEDIUM");
    for (let i = 0; i < 10; i++) {
      expect((await api.call("POST", "/webhooks", { json: { topic: "notification/create", url: hookUrl(i) } })).status).toBe(201);
    }
    const eleventh = await api.call("POST", "/webhooks", { json: { topic: "notification/create", url: hookUrl() } });
    expect(eleventh.status).toBe(409);
    expect(eleventh.body).toEqual({
      error: { code: "conflict", message: "Your Medium plan allows up to 10 webhooks; delete one or move to a bigger plan to add more.", details: { limit: 10 } },
    });
    // The OpenAPI document's example is this very answer.
    const doc = (await openApiDocument()) as unknown as { components: { responses: Record<string, { content: Record<string, { examples: Record<string, { value: unknown }> }> }> } };
    expect(doc.components.responses.Conflict!.content["application/json"]!.examples.limit!.value).toEqual(eleventh.body);
  });
});
