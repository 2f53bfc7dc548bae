import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";
import { apiEndpoints } from "@/lib/api/openapi/document";
import { apiErrorSchema } from "@/lib/api/schemas";
import { payloadFieldNotes } from "@/lib/api/webhook-contract";
import { testPayloadOutcomeSchema, webhookListSchema, webhookSchema } from "@/lib/api/webhooks/schemas";
import { inventorySchema, notificationListSchema } from "@/lib/api/notifications/endpoints";
import { resendResultSchema } from "@/lib/api/deliveries/endpoints";
import { deliveryListSchema, deliveryWithAttemptsSchema } from "@/lib/api/deliveries/schemas";
import { notificationViewSchema } from "@/lib/notifications/notification-view";
import type { z } from "zod";
import { errorStatus } from "@/lib/errors";
import { eventTopics, examplePayload, notificationPayloadSchema, topicNames } from "@/lib/webhooks/topics";

// GET /api/v1/openapi.json: a valid OpenAPI 3.1 document, generated from the same schemas and
// catalog the API validates with (not written by hand), with examples that parse.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let response: Response;
let doc: Json;
beforeAll(async () => {
  response = await GET();
  doc = (await response.json()) as Json;
});

/** Follows a local $ref. */
function resolve(value: Json): Json {
  if (typeof value?.$ref !== "string") return value;
  return (value.$ref as string)
    .slice(2)
    .split("/")
    .reduce<Json>((node, part) => node[part.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
}

describe("GET /api/v1/openapi.json", () => {
  it("is public JSON, not cached", () => {
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("is a valid OpenAPI 3.1 document whose references all resolve", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(() => validator.resolveRefs()).not.toThrow();
    // The validator does refuse a broken document.
    const broken = structuredClone(doc);
    broken.paths["/webhooks"].get.responses["200"] = { content: {} };
    expect((await new Validator().validate(broken)).valid).toBe(false);
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) expect(resolve(JSON.parse(`{${ref}}`)), ref).toBeDefined();
  });

  it("has every endpoint, with both ways to authenticate", () => {
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/deliveries/{id}",
      "/deliveries/{id}/resend",
      "/inventory/{variant_id}",
      "/notifications",
      "/webhooks",
      "/webhooks/{id}",
      "/webhooks/{id}/deliveries",
      "/webhooks/{id}/test",
    ]);
    expect(Object.keys(doc.paths["/webhooks"])).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/webhooks/{id}"])).toEqual(["get", "put", "patch", "delete"]);
    expect(Object.keys(doc.paths["/webhooks/{id}/test"])).toEqual(["post"]);
    expect(Object.keys(doc.paths["/notifications"])).toEqual(["post", "get"]);
    expect(Object.keys(doc.paths["/inventory/{variant_id}"])).toEqual(["put"]);
    expect(Object.keys(doc.paths["/webhooks/{id}/deliveries"])).toEqual(["get"]);
    expect(Object.keys(doc.paths["/deliveries/{id}"])).toEqual(["get"]);
    expect(apiEndpoints).toHaveLength(13);
    expect(doc.components.securitySchemes).toEqual({
      apiKeyHeader: expect.objectContaining({ type: "apiKey", in: "header", name: "X-Auth-Token" }),
      bearerAuth: expect.objectContaining({ type: "http", scheme: "bearer" }),
    });
    expect(doc.security).toEqual([{ apiKeyHeader: [] }, { bearerAuth: [] }]);
    expect(doc.servers).toEqual([expect.objectContaining({ url: "/api/v1" })]);
  });

  it("is generated from the topic catalog and the endpoints' zod schemas", () => {
    expect(doc.components.schemas.Topic.enum).toEqual(topicNames);
    const create = doc.components.schemas.WebhookCreate;
    expect(create).toMatchObject({ type: "object", required: ["topic", "url"], additionalProperties: false });
    expect(create.properties.topic.$ref).toBe("#/components/schemas/Topic");
    expect(create.properties.is_active.type).toBe("boolean");
    expect(doc.components.schemas.WebhookUpdate).toMatchObject({ minProperties: 1, additionalProperties: false });
    expect(doc.components.schemas.WebhookUpdate.required).toBeUndefined();
    expect(Object.keys(doc.components.schemas.Webhook.properties)).toEqual(Object.keys(webhookSchema.shape));
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual(Object.keys(errorStatus));
    const list = doc.paths["/webhooks"].get.parameters as Json[];
    expect(list).toEqual([
      expect.objectContaining({ name: "limit", in: "query", required: false, schema: expect.objectContaining({ type: "integer", minimum: 1, maximum: 100, default: 50 }) }),
      expect.objectContaining({ name: "after", in: "query", required: false }),
    ]);
    expect(doc.paths["/webhooks/{id}"].get.parameters).toEqual([expect.objectContaining({ name: "id", in: "path", required: true })]);
  });

  it("documents each endpoint's answers, errors included", () => {
    const statuses = (method: string, path: string) => Object.keys(doc.paths[path][method].responses);
    expect(statuses("get", "/webhooks")).toEqual(["200", "401", "403", "422", "429", "500"]);
    expect(statuses("post", "/webhooks")).toEqual(["201", "400", "401", "403", "409", "413", "415", "422", "429", "500"]);
    expect(statuses("get", "/webhooks/{id}")).toEqual(["200", "401", "403", "404", "429", "500"]);
    expect(statuses("put", "/webhooks/{id}")).toEqual(["200", "400", "401", "403", "404", "409", "413", "415", "422", "429", "500"]);
    expect(statuses("patch", "/webhooks/{id}")).toEqual(["200", "400", "401", "403", "404", "409", "413", "415", "422", "429", "500"]);
    // DELETE works on every plan: no 403.
    expect(statuses("delete", "/webhooks/{id}")).toEqual(["204", "401", "404", "429", "500"]);
    expect(doc.paths["/webhooks"].post.responses["201"].headers.Location).toBeDefined();
    expect(resolve(doc.paths["/webhooks"].get.responses["429"]).headers["Retry-After"]).toBeDefined();
    expect(resolve(doc.paths["/webhooks"].get.responses["401"]).headers["WWW-Authenticate"]).toBeDefined();
  });

  it("has examples that parse with the schemas the API uses", () => {
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      for (const [method, op] of Object.entries(item as Json)) {
        const success = Object.entries(op.responses as Json).find(([status]) => status.startsWith("2"))!;
        const content = success[1].content?.["application/json"];
        if (content) {
          const ref = content.schema.$ref as string;
          const byName: Record<string, z.ZodType> = {
            WebhookList: webhookListSchema,
            TestPayloadOutcome: testPayloadOutcomeSchema,
            Webhook: webhookSchema,
            Notification: notificationViewSchema,
            NotificationList: notificationListSchema,
            Inventory: inventorySchema,
            ResendResult: resendResultSchema,
            DeliveryList: deliveryListSchema,
            DeliveryWithAttempts: deliveryWithAttemptsSchema,
          };
          const schema = byName[ref.split("/").at(-1)!]!;
          expect(() => schema.parse(content.example), `${method} ${path}`).not.toThrow();
        }
        for (const [status, answer] of Object.entries(op.responses as Json)) {
          if (status.startsWith("2")) continue;
          for (const example of Object.values(resolve(answer).content["application/json"].examples as Json)) {
            const parsed = apiErrorSchema.parse(example.value);
            expect(errorStatus[parsed.error.code], `${method} ${path} ${status}`).toBe(Number(status));
          }
        }
      }
    }
    const invalid = doc.components.responses.ValidationFailed.content["application/json"].examples.invalid.value;
    expect(invalid.error.details.fieldErrors.topic[0]).toBe(`Unknown topic. Valid topics: ${topicNames.join(", ")}`);
  });

  it("describes each webhook delivery: payload schema, headers and an example per topic", () => {
    expect(Object.keys(doc.webhooks)).toEqual([...eventTopics]);
    for (const topic of eventTopics) {
      const post = doc.webhooks[topic].post;
      const media = post.requestBody.content["application/json"];
      expect(media.schema.$ref).toBe("#/components/schemas/NotificationPayload");
      expect(media.examples.event.value).toEqual(examplePayload(topic));
      expect(notificationPayloadSchema.parse(media.examples.test.value)).toMatchObject({ topic, test: true });
      const headers = (post.parameters as Json[]).map((p) => p.name);
      expect(headers).toEqual(expect.arrayContaining(["X-BIS-Signature", "X-BIS-Topic", "X-BIS-Webhook-Id", "X-BIS-Attempt", "webhook-id", "webhook-timestamp", "webhook-signature", "User-Agent"]));
    }
    expect(Object.keys(doc.components.schemas.NotificationPayload.properties)).toEqual(Object.keys(notificationPayloadSchema.shape));
  });

  it("has a note in the webhooks guide for every payload field", () => {
    const fields = (schema: Json, prefix = ""): string[] =>
      Object.entries(schema.properties as Json).flatMap(([name, s]) => [prefix + name, ...((s as Json).properties ? fields(s as Json, `${prefix}${name}.`) : [])]);
    expect(fields(doc.components.schemas.NotificationPayload).sort()).toEqual(Object.keys(payloadFieldNotes).sort());
  });
});
