import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { POST as unknownPath } from "@/app/api/v1/[...path]/route";
import { MAX_BODY_BYTES } from "@/lib/api/read-json-body";
import { withApiKey } from "@/lib/api/with-api-key";
import { topicNames } from "@/lib/webhooks/topics";
import { urlPolicyMessages } from "@/lib/webhooks/url-policy";
import { apiAs, apiRequest, callerFor, hookUrl, send, type ApiCaller } from "./helpers";

// What the API answers to bad input: 400 invalid_json, 413, 415, 422 by field, and 500 that
// discloses nothing.

let api: ApiCaller;
let webhookId: string;
beforeAll(async () => {
  api = await apiAs("LARGE");
  webhookId = ((await api.call("POST", "/webhooks", { json: { topic: "notification/create", url: hookUrl() } })).body as { id: string }).id;
});
// A key per test: each key's rate limit (bursts of 40) is for the rate-limit tests to exercise.
beforeEach(async () => {
  api = await callerFor(api.storeId);
});

const writes = () =>
  [
    ["POST", "/webhooks"],
    ["PUT", `/webhooks/${webhookId}`],
    ["PATCH", `/webhooks/${webhookId}`],
  ] as const;

describe("request bodies", () => {
  it("malformed JSON: 400 invalid_json", async () => {
    for (const [method, path] of writes()) {
      for (const body of ['{"topic": "notification/create",', "topic=notification/create", "", "   "]) {
        const answer = await api.call(method, path, { body, headers: { "Content-Type": "application/json" } });
        expect(answer.status, `${method} ${JSON.stringify(body)}`).toBe(400);
        expect(answer.body).toMatchObject({ error: { code: "invalid_json", message: expect.stringMatching(/not valid JSON|empty/) } });
      }
    }
    const notUtf8 = await api.call("POST", "/webhooks", { body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), headers: { "Content-Type": "application/json" } });
    expect(notUtf8.body).toMatchObject({ error: { code: "invalid_json", message: "The request body is not valid UTF-8 text." } });
  });

  it("a body that is not application/json: 415", async () => {
    for (const [method, path] of writes()) {
      for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", null]) {
        const headers: Record<string, string> = contentType ? { "Content-Type": contentType } : {};
        const answer = await api.call(method, path, { body: JSON.stringify({ topic: "notification/create", url: hookUrl() }), headers });
        expect(answer.status, `${method} ${contentType}`).toBe(415);
        expect(answer.body).toMatchObject({ error: { code: "unsupported_media_type", details: { expected: "application/json" } } });
      }
    }
    const withCharset = await api.call("POST", "/webhooks", {
      body: JSON.stringify({ topic: "notification/create", url: hookUrl() }),
      headers: { "Content-Type": "Application/JSON; charset=UTF-8" },
    });
    expect(withCharset.status).toBe(201);
  });

  it("a body over 64 KiB: 413, by Content-Length or while reading", async () => {
    const big = JSON.stringify({ topic: "notification/create", url: `https://hooks.shop.dev/${"a".repeat(MAX_BODY_BYTES)}` });
    for (const [method, path] of writes()) {
      const declared = await api.call(method, path, { body: big, headers: { "Content-Type": "application/json", "Content-Length": String(big.length) } });
      expect(declared.status).toBe(413);
      expect(declared.body).toEqual({ error: { code: "payload_too_large", message: "The request body is larger than 64 KiB.", details: { limit_bytes: 65536 } } });
      const undeclared = await api.call(method, path, { body: big, headers: { "Content-Type": "application/json" } });
      expect(undeclared.status).toBe(413);
    }
    // Exactly 64 KiB (JSON padded with spaces) is read and accepted.
    const head = JSON.stringify({ topic: "notification/create", url: hookUrl() }).slice(0, -1);
    const atLimit = `${head}${" ".repeat(MAX_BODY_BYTES - head.length - 1)}}`;
    expect(new TextEncoder().encode(atLimit).byteLength).toBe(MAX_BODY_BYTES);
    expect((await api.call("POST", "/webhooks", { body: atLimit, headers: { "Content-Type": "application/json" } })).status).toBe(201);
  });

  it("stops reading a streamed body once it passes 64 KiB", async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode(`"${"x".repeat(16 * 1024 - 2)}"`);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 1000) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await send(
      apiRequest("POST", "/webhooks", { key: api.key, body: endless, headers: { "Content-Type": "application/json" }, duplex: "half" }),
    );
    expect(response.status).toBe(413);
    // 5 chunks of 16 KiB pass the limit; a few more may be buffered by the stream, never the rest.
    expect(pulled).toBeLessThan(10);
  });
});

describe("validation: 422 unprocessable_entity with the issues by field", () => {
  it("an unknown topic: the message lists the valid topics", async () => {
    const answer = await api.call("POST", "/webhooks", { json: { topic: "order/created", url: hookUrl() } });
    expect(answer.status).toBe(422);
    const valid = `Unknown topic. Valid topics: ${topicNames.join(", ")}`;
    expect(valid).toContain("notification/create, notification/sent, notification/*");
    expect(answer.body).toEqual({
      error: { code: "unprocessable_entity", message: `Invalid request body: topic: ${valid}`, details: { fieldErrors: { topic: [valid] }, formErrors: [] } },
    });
  });

  it.each([
    ["http://hooks.shop.dev/in", "https_required"],
    ["https://user:secret@hooks.shop.dev/in", "credentials"],
    ["https://localhost/in", "localhost"],
    ["https://printer.local/in", "internal_host"],
    ["https://10.0.0.7/in", "private_ip"],
    ["https://169.254.169.254/latest/meta-data", "private_ip"],
    ["https://[fd00:ec2::254]/in", "private_ip"],
    ["https://hooks.example.com/in", "reserved_domain"],
    ["https://localhost:3000.evil/in", "invalid_url"],
    ["not a url", "invalid_url"],
    [`https://hooks.shop.dev/${"a".repeat(2048)}`, "too_long"],
  ] as const)("refuses the URL %s with the %s rule's message", async (url, rule) => {
    for (const [method, path] of writes()) {
      const json = method === "PATCH" ? { url } : { topic: "notification/create", url };
      const answer = await api.call(method, path, { json });
      expect(answer.status, `${method} ${url}`).toBe(422);
      expect(answer.body).toMatchObject({ error: { code: "unprocessable_entity", details: { fieldErrors: { url: [urlPolicyMessages[rule]] } } } });
    }
  });

  it("missing fields, wrong types and unknown fields are named", async () => {
    const missing = await api.call("POST", "/webhooks", { json: { topic: "notification/create" } });
    expect(missing.body).toMatchObject({ error: { details: { fieldErrors: { url: ["This field is required."] } } } });
    const wrongType = await api.call("POST", "/webhooks", { json: { topic: "notification/create", url: hookUrl(), is_active: "yes" } });
    expect(wrongType.body).toMatchObject({ error: { details: { fieldErrors: { is_active: [expect.stringContaining("expected boolean")] } } } });
    const unknown = await api.call("POST", "/webhooks", { json: { topic: "notification/create", url: hookUrl(), secret: "x" } });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ error: { details: { fieldErrors: { secret: ["Unknown field: remove it."] } } } });
    for (const json of [[], "notification/create", null, 42]) {
      const notObject = await api.call("POST", "/webhooks", { json });
      expect(notObject.status, JSON.stringify(json)).toBe(422);
    }
  });

  it("list parameters: limit 1 to 100, after a webhook id", async () => {
    for (const query of ["limit=0", "limit=101", "limit=abc", "limit=2.5", "limit="]) {
      const answer = await api.call("GET", `/webhooks?${query}`);
      expect(answer.status, query).toBe(422);
      expect(answer.body).toMatchObject({ error: { code: "unprocessable_entity", details: { fieldErrors: { limit: ["limit must be a whole number from 1 to 100."] } } } });
    }
    const badCursor = await api.call("GET", "/webhooks?after=' OR 1=1 --");
    expect(badCursor.body).toMatchObject({ error: { details: { fieldErrors: { after: [expect.stringContaining("next_cursor")] } } } });
    for (const query of ["limit=1", "limit=100", `after=${webhookId}`, "unknown=ignored"]) {
      expect((await api.call("GET", `/webhooks?${query}`)).status, query).toBe(200);
    }
  });
});

describe("paths", () => {
  it("an unknown /api/v1 path answers a JSON 404", async () => {
    const response = await unknownPath(new Request("http://localhost:3000/api/v1/orders?x=1", { method: "POST" }));
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ error: { code: "not_found", message: expect.stringContaining("POST /api/v1/orders") } });
  });

  it("path parameters that do not fit their schema are a 404, like a missing resource", async () => {
    const handler = withApiKey(async ({ params }) => new Response(params.id), { params: z.object({ id: z.string().startsWith("wh_") }) });
    const miss = await handler(apiRequest("GET", "/webhooks/nope", { key: api.key }), { params: Promise.resolve({ id: "nope" }) });
    expect(miss.status).toBe(404);
    expect(await miss.json()).toMatchObject({ error: { code: "not_found" } });
    const hit = await handler(apiRequest("GET", "/webhooks/wh_1", { key: api.key }), { params: Promise.resolve({ id: "wh_1" }) });
    expect(await hit.text()).toBe("wh_1");
  });
});

describe("unexpected failures", () => {
  afterEach(() => vi.restoreAllMocks());

  it("answer 500 internal_error with a request id, log server-side, and leak nothing", async () => {
    const logged: unknown[][] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args));
    const handler = withApiKey(async () => {
      throw new Error('connect ECONNREFUSED postgresql://admin:hunter2@db.internal:5432 at "lib/secret-place.ts"');
    });
    const response = await handler(apiRequest("GET", "/webhooks", { key: api.key }), { params: Promise.resolve({}) });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(/hunter2|ECONNREFUSED|secret-place|postgresql/);
    const body = JSON.parse(text) as { error: { code: string; message: string; details: { request_id: string } } };
    expect(body.error.code).toBe("internal_error");
    expect(body.error.details.request_id).toBe(response.headers.get("x-request-id"));
    expect(response.headers.get("cache-control")).toBe("no-store");
    // Logged for us, with the request id; never with the API key.
    const line = logged.map((args) => args.map(String).join(" ")).join("\n");
    expect(line).toContain(body.error.details.request_id);
    expect(line).toContain("ECONNREFUSED");
    expect(line).not.toContain(api.key);
  });
});
