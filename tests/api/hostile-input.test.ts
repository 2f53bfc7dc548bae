import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as storefrontPost } from "@/app/api/storefront/[store]/notifications/route";
import { MAX_BODY_BYTES } from "@/lib/api/read-json-body";
import { db } from "@/lib/db";
import { errorStatus } from "@/lib/errors";
import { notificationInputSchema } from "@/lib/notifications/notification-input";
import { webhookInputSchema, webhookPatchSchema } from "@/lib/webhooks/webhook-input";
import { apiAs, apiRequest, callerFor, hookUrl, send } from "./helpers";

// Issue 9, hostile input: every /api/v1 route that takes a body, a query or a path id, and the
// storefront sign-up, fed random JSON values (property-based, fast-check), random query strings
// and hostile raw bodies. Each answer must be a clear JSON error {"error":{"code","message"}}
// with its documented status, never a 500, and nothing may be written for the store.

const numRuns = 60;
const STOREFRONT_MAX_BYTES = 16 * 1024;

let storeId: string;
let domain: string;
let webhookId: string;
let variantId: bigint;
const missingWebhook = "wh_01JD3W5Y6N3Q8G2K7V9X4T1B0C";
const missingDelivery = "dlv_01JD3W5Y6N3Q8G2K7V9X4T1B0D";

beforeAll(async () => {
  const api = await apiAs("LARGE");
  storeId = api.storeId;
  domain = (await db.store.findUniqueOrThrow({ where: { id: storeId }, select: { domain: true } })).domain;
  webhookId = ((await api.call("POST", "/webhooks", { json: { topic: "notification/create", url: hookUrl("hostile") } })).body as { id: string }).id;
  variantId = BigInt(Date.now()) * 1000n + 7n;
  await db.product.create({ data: { id: variantId + 500n, storeId, title: "Hostile tea", variants: { create: { id: variantId, storeId, title: "Loose" } } } });
});

// ---- Helpers ---------------------------------------------------------------------------------

/** Rows a request could write for the store. */
async function counts() {
  const [webhooks, notifications, outbox, audit] = await Promise.all([
    db.webhook.count({ where: { storeId } }),
    db.notification.count({ where: { storeId } }),
    db.outboxEvent.count({ where: { storeId } }),
    db.auditLog.count({ where: { storeId } }),
  ]);
  return { webhooks, notifications, outbox, audit };
}

/** Runs `body` and checks that the store's rows are the same after it. */
async function writesNothing(body: () => Promise<void>) {
  const before = await counts();
  await body();
  expect(await counts(), "rows written for the store").toEqual(before);
}

/**
 * API keys for many requests: a fresh key every 30 requests stays inside each key's burst of
 * 40, so no answer is a 429 (which would say nothing about input handling).
 */
function keyPool() {
  let key: string | null = null;
  let used = 0;
  return async () => {
    if (!key || used >= 30) {
      key = (await callerFor(storeId)).key;
      used = 0;
    }
    used++;
    return key;
  };
}

type Answer = { status: number; body: unknown; text: string };

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: response.status, body, text };
}

const nextKey = keyPool();

/** Sends to the /api/v1 route the path maps to, with a fresh-enough key. */
async function call(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string>; duplex?: "half"; key?: string } = {}): Promise<Answer> {
  const key = init.key ?? (await nextKey());
  return answer(await send(apiRequest(method, path, { key, body: init.body, headers: init.headers, duplex: init.duplex })));
}

const json = { "Content-Type": "application/json" };

let ip = 0;
/** Posts to the storefront route from a new address each time (its limit is per IP); a throw is a 500. */
async function storefront(store: string, body: BodyInit | undefined, headers: Record<string, string> = json): Promise<Answer> {
  const request = new Request(`http://localhost:3000/api/storefront/${encodable(store) ? encodeURIComponent(store) : "x"}/notifications`, {
    method: "POST",
    headers: { "x-forwarded-for": `2001:db8::${(++ip).toString(16)}`, ...headers },
    body,
    ...(body instanceof ReadableStream && { duplex: "half" }),
  } as RequestInit);
  try {
    return await answer(await storefrontPost(request, { params: Promise.resolve({ store }) }));
  } catch (error) {
    // Next.js answers a thrown error with 500.
    return { status: 500, body: null, text: String(error) };
  }
}

/** A clear JSON error: {"error":{"code","message"}}, its status the code's, and one of `statuses`. */
function expectError(a: Answer, statuses: readonly number[], what: string) {
  expect(a.status, `${what} → ${a.status} ${a.text.slice(0, 300)}`).not.toBe(500);
  expect(statuses, `${what} → ${a.status} ${a.text.slice(0, 300)}`).toContain(a.status);
  expect(a.body, what).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  const { code, message } = (a.body as { error: { code: keyof typeof errorStatus; message: string } }).error;
  expect(errorStatus[code], `${what}: code ${code}`).toBe(a.status);
  expect(message.length, what).toBeGreaterThan(10);
}

const bodyStatuses = [400, 404, 413, 415, 422] as const;

// ---- Arbitraries -----------------------------------------------------------------------------

/** Values that are wrong in a hostile way for any field. */
const hostileScalar = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -0,
    -1,
    0.5,
    1e308,
    -1e308,
    5e-324,
    2 ** 53 + 2,
    2 ** 63,
    -(2 ** 63),
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\ud800",
    "\u202e",
    "9999999999999999999",
    "9223372036854775808",
    "-1",
    "0x10",
    "1e3",
    "NaN",
    "Infinity",
    "null",
    "true",
    "__proto__",
    "<script>alert(1)</script>",
    "'; DROP TABLE \"Webhook\"; --",
    "https://hooks.shop.dev/\u0000",
    "https://hooks.shop.dev/a\tb",
    "https://127.0.0.1/",
    "http://[::1]/",
    "notification/*\u0000",
  ),
  fc.string({ unit: "binary", maxLength: 64 }),
  fc.string({ unit: "grapheme", maxLength: 64 }),
  fc.integer({ min: 20, max: 70_000 }).map((n) => "x".repeat(n)),
  fc.double(),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map((n) => Number(n)),
);

/** Nested arrays or objects, `depth` levels deep (JSON.stringify would recurse too deep beyond some thousands). */
const deepValue = fc.record({ depth: fc.integer({ min: 1, max: 3000 }), kind: fc.constantFrom("array", "object") }).map(({ depth, kind }) => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === "array" ? [v] : { a: v };
  return v;
});

const hostileValue = fc.oneof({ weight: 4, arbitrary: hostileScalar }, { weight: 1, arbitrary: deepValue }, { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) });

const topic = fc.oneof(fc.constantFrom("notification/create", "notification/sent", "notification/*"), hostileValue);
const url = fc.oneof(fc.constant("https://hooks.hostile-shop.dev/in"), hostileValue);
const isActive = fc.oneof(fc.boolean(), hostileValue);
const extraKeys = fc.dictionary(fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "id", "store_id", "storeId", ""), fc.string({ maxLength: 10 })), hostileValue, { maxKeys: 2 });

/** Webhook bodies: each field sometimes right, sometimes hostile, sometimes missing, sometimes extra fields. */
const webhookBody = fc
  .record({ topic, url, is_active: isActive }, { requiredKeys: [] })
  .chain((fields) => extraKeys.map((extra) => ({ ...extra, ...fields })));

const notificationBody = fc
  .record(
    {
      variant_id: fc.oneof(fc.constant("VARIANT"), fc.constant("9999999999999999999"), fc.bigInt({ min: 1n, max: 10n ** 19n }).map(String), hostileValue),
      channel: fc.oneof(fc.constantFrom("email", "sms"), hostileValue),
      contact: fc.oneof(fc.constantFrom("shopper@hostile.dev", "+447700900123"), hostileValue),
      quantity_required: fc.oneof(fc.integer({ min: -5, max: 20_000 }), hostileValue),
      customer_language: fc.oneof(fc.constantFrom("en", "fr-FR", "x-private", "zz-ZZZZ-1234567890"), hostileValue),
      customer_utc_offset: fc.oneof(fc.integer({ min: -50_000, max: 60_000 }), hostileValue),
    },
    { requiredKeys: [] },
  )
  .chain((fields) => extraKeys.map((extra) => ({ ...extra, ...fields })))
  .map((b) => (b.variant_id === "VARIANT" ? { ...b, variant_id: Number(variantId) } : b));

/** Any JSON text: random values (fc.jsonValue), the structured hostile bodies, or deep nesting. */
const anyJson = (structured: fc.Arbitrary<unknown>) =>
  fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), structured.map((v) => JSON.stringify(v)), deepValue.map((v) => JSON.stringify({ topic: v, url: v })));

/** Query-string values: hostile text, numbers, ISO-looking times of any year and offset, long digit strings. */
const queryValue = fc.oneof(
  hostileScalar.map((v) => (typeof v === "string" ? v : JSON.stringify(v) ?? "")),
  fc.bigInt({ min: 0n, max: 10n ** 19n - 1n }).map(String),
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc
    .record({
      y: fc.integer({ min: 0, max: 9999 }),
      mo: fc.integer({ min: 0, max: 13 }),
      d: fc.integer({ min: 0, max: 32 }),
      h: fc.integer({ min: 0, max: 25 }),
      off: fc.constantFrom("Z", "+00:00", "+14:00", "-23:59", "+23:59", "-12:00", ""),
    })
    .map(({ y, mo, d, h, off }) => `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}T${String(h).padStart(2, "0")}:00:00${off}`),
  fc.string({ unit: "binary", maxLength: 300 }).map((s) => Buffer.from(s).toString("base64url")),
);

const queryKeys = ["limit", "after", "status", "topic", "created_at_min", "updated_at_min", "q", "__proto__", "limit[]", ""];
const queryString = fc.oneof(
  fc.dictionary(fc.oneof(fc.constantFrom(...queryKeys), fc.string({ maxLength: 8 })), queryValue, { maxKeys: 4 }).map((q) => new URLSearchParams(q).toString()),
  // Raw strings, not encoded by URLSearchParams: malformed escapes, repeated keys, bare keys.
  fc.constantFrom("limit=%zz", "after=%00", "limit=1&limit=2", "limit", "=&=&", "after=%C0%AF", "created_at_min=%FF%FE", "limit=%2", "status=succeeded%00", "limit=1e2", "limit=0x10", "limit=+5"),
);

// ---- Properties: random JSON bodies ---------------------------------------------------------

describe("random JSON bodies: a 4xx JSON error, never 500, nothing written", () => {
  it("POST /webhooks, PUT and PATCH /webhooks/{id}", async () => {
    const routes = fc.constantFrom(["POST", "/webhooks", webhookInputSchema] as const, ["PUT", "/webhooks/ID", webhookInputSchema] as const, ["PATCH", "/webhooks/ID", webhookPatchSchema] as const);
    await writesNothing(() =>
      fc.assert(
        fc.asyncProperty(routes, anyJson(webhookBody), async ([method, path, schema], text) => {
          // A body the schema accepts would (rightly) create or change the webhook: not this test's business.
          fc.pre(!schema().safeParse(JSON.parse(text)).success);
          const a = await call(method, path.replace("ID", webhookId), { body: text, headers: json });
          expectError(a, [400, 413, 422], `${method} ${path} ${text.slice(0, 200)}`);
        }),
        { numRuns: 100 },
      ),
    );
  });

  it("PUT and PATCH of a webhook that does not exist: 404 or 4xx for the body", async () => {
    await writesNothing(() =>
      fc.assert(
        fc.asyncProperty(fc.constantFrom("PUT", "PATCH"), anyJson(webhookBody), async (method, text) => {
          const a = await call(method, `/webhooks/${missingWebhook}`, { body: text, headers: json });
          expectError(a, [400, 404, 413, 422], `${method} ${text.slice(0, 200)}`);
        }),
        { numRuns },
      ),
    );
  });

  it("POST /notifications", async () => {
    await writesNothing(() =>
      fc.assert(
        fc.asyncProperty(anyJson(notificationBody), async (text) => {
          const parsed = notificationInputSchema.safeParse(JSON.parse(text));
          // A valid sign-up for the store's variant (rightly) creates a notification.
          fc.pre(!(parsed.success && parsed.data.variant_id === variantId));
          const a = await call("POST", "/notifications", { body: text, headers: json });
          expectError(a, bodyStatuses, `POST /notifications ${text.slice(0, 200)}`);
        }),
        { numRuns: 100 },
      ),
    );
  });

  it("PUT /inventory/{variant_id}, of a variant that does not exist", async () => {
    const available = fc.oneof(fc.integer({ min: -10, max: 2_000_000_000 }), hostileValue);
    const body = fc.oneof(fc.record({ available }, { requiredKeys: [] }).chain((b) => extraKeys.map((extra) => ({ ...extra, ...b }))), fc.jsonValue());
    await writesNothing(() =>
      fc.assert(
        fc.asyncProperty(body.map((b) => JSON.stringify(b)), async (text) => {
          const a = await call("PUT", `/inventory/${variantId + 1n}`, { body: text, headers: json });
          expectError(a, bodyStatuses, `PUT /inventory ${text.slice(0, 200)}`);
        }),
        { numRuns },
      ),
    );
  });

  it("POST /deliveries/{id}/resend and /webhooks/{id}/test ignore any body (404 for an unknown id)", async () => {
    await writesNothing(() =>
      fc.assert(
        fc.asyncProperty(fc.constantFrom(`/deliveries/${missingDelivery}/resend`, `/webhooks/${missingWebhook}/test`), anyJson(webhookBody), async (path, text) => {
          expectError(await call("POST", path, { body: text, headers: json }), [404], `POST ${path} ${text.slice(0, 100)}`);
        }),
        { numRuns: 30 },
      ),
    );
  });

  it("the storefront sign-up: POST /api/storefront/{store}/notifications", async () => {
    await writesNothing(() =>
      fc.assert(
        fc.asyncProperty(anyJson(notificationBody), async (text) => {
          const parsed = notificationInputSchema.safeParse(JSON.parse(text));
          fc.pre(!(parsed.success && parsed.data.variant_id === variantId));
          const a = await storefront(storeId, text);
          expectError(a, [400, 404, 413], `storefront ${text.slice(0, 200)}`);
        }),
        { numRuns: 100 },
      ),
    );
  });
});

// ---- Properties: random query strings and path ids -------------------------------------------

describe("random query strings and path ids: 200 or a 4xx JSON error, never 500, nothing written", () => {
  it("GET /notifications, GET /webhooks, GET /webhooks/{id}/deliveries", async () => {
    const paths = fc.constantFrom("/notifications", "/webhooks", "/webhooks/ID/deliveries", `/webhooks/${missingWebhook}/deliveries`);
    await writesNothing(() =>
      fc.assert(
        fc.asyncProperty(paths, queryString, async (path, query) => {
          const a = await call("GET", `${path.replace("ID", webhookId)}?${query}`);
          if (a.status === 200) return;
          expectError(a, [400, 404, 422], `GET ${path}?${query}`);
        }),
        { numRuns: 150 },
      ),
    );
  });

  it("GET /notifications: any ISO-looking time and any digit cursor (the database's limits are the API's)", async () => {
    const query = fc.record({ created_at_min: queryValue, updated_at_min: queryValue, after: fc.bigInt({ min: 0n, max: 10n ** 19n - 1n }).map(String) }, { requiredKeys: [] });
    await writesNothing(() =>
      fc.assert(
        fc.asyncProperty(query, async (q) => {
          const qs = new URLSearchParams(q).toString();
          const a = await call("GET", `/notifications?${qs}`);
          if (a.status === 200) return;
          expectError(a, [422], `GET /notifications?${qs}`);
        }),
        { numRuns: 100 },
      ),
    );
  });

  it("any path id, on every route that takes one", async () => {
    const id = fc.oneof(hostileScalar.map((v) => (typeof v === "string" ? v : String(v))), fc.string({ unit: "binary", minLength: 1, maxLength: 40 }), fc.bigInt({ min: 0n, max: 10n ** 19n - 1n }).map(String));
    const routes = fc.constantFrom(
      ["GET", "/webhooks/ID"],
      ["PATCH", "/webhooks/ID"],
      ["PUT", "/webhooks/ID"],
      ["DELETE", "/webhooks/ID"],
      ["POST", "/webhooks/ID/test"],
      ["GET", "/webhooks/ID/deliveries"],
      ["GET", "/deliveries/ID"],
      ["POST", "/deliveries/ID/resend"],
      ["PUT", "/inventory/ID"],
    );
    await writesNothing(() =>
      fc.assert(
        fc.asyncProperty(routes, id, async ([method, path], raw) => {
          // A lone surrogate cannot be percent-encoded, so it cannot arrive in a path.
          fc.pre(raw !== "" && raw !== webhookId && raw !== String(variantId) && encodable(raw));
          const body = method === "PUT" && path.startsWith("/inventory") ? { available: 3 } : method === "PUT" ? { topic: "notification/sent", url: "https://hooks.other-shop.dev/in" } : { is_active: true };
          const a = await call(method, path.replace("ID", encodeURIComponent(raw)), ["PUT", "PATCH"].includes(method) ? { body: JSON.stringify(body), headers: json } : {});
          expectError(a, [404], `${method} ${path} id=${JSON.stringify(raw)}`);
        }),
        { numRuns: 150 },
      ),
    );
  });

  it("the storefront's {store}: any reference answers 404", async () => {
    await writesNothing(() =>
      fc.assert(
        fc.asyncProperty(fc.oneof(hostileScalar.map(String), fc.string({ unit: "binary", minLength: 1, maxLength: 300 })), async (ref) => {
          fc.pre(ref !== storeId && ref.toLowerCase() !== domain);
          const a = await storefront(ref, JSON.stringify({ variant_id: Number(variantId), channel: "email", contact: "shopper@hostile.dev" }));
          expectError(a, [404], `storefront store=${JSON.stringify(ref)}`);
        }),
        { numRuns },
      ),
    );
  });
});

// ---- Targeted hostile raw bodies and headers -------------------------------------------------

const bodyRoutes = () =>
  [
    ["POST", "/webhooks"],
    ["PUT", `/webhooks/${webhookId}`],
    ["PATCH", `/webhooks/${webhookId}`],
    ["POST", "/notifications"],
    ["PUT", `/inventory/${variantId}`],
  ] as const;

/** Sends `make()` (a fresh body each time: a stream can be read once) to every body route and the storefront. */
async function everywhere(what: string, make: () => { body?: BodyInit; headers?: Record<string, string>; duplex?: "half" }, api: readonly number[], shop: readonly number[]) {
  for (const [method, path] of bodyRoutes()) {
    const a = await call(method, path, make());
    expectError(a, api, `${method} ${path}: ${what}`);
  }
  const { body, headers } = make();
  expectError(await storefront(storeId, body, headers ?? {}), shop, `storefront: ${what}`);
}

function streamOf(total: number, chunk = 8192) {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunk, total - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(0x20));
    },
  });
}

describe("hostile raw bodies and headers, on every body route and the storefront", () => {
  it("invalid UTF-8: 400 invalid_json", async () => {
    const samples = [[0x7b, 0xff, 0x7d], [0x22, 0xc0, 0xaf, 0x22], [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d], [0xfe, 0xff, 0x00, 0x7b, 0x00, 0x7d], [0xe2, 0x82]];
    await writesNothing(async () => {
      for (const bytes of samples) await everywhere(`bytes ${bytes}`, () => ({ body: new Uint8Array(bytes), headers: json }), [400], [400]);
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (bytes) => {
          fc.pre(!isUtf8(bytes));
          const a = await call("POST", "/webhooks", { body: bytes, headers: json });
          expectError(a, [400], `POST /webhooks bytes ${Buffer.from(bytes).toString("hex")}`);
          expect((a.body as { error: { code: string } }).error.code).toBe("invalid_json");
        }),
        { numRuns: 40 },
      );
    });
  });

  it("over the limit (64 KiB for the API, 16 KiB for the storefront): 413, by Content-Length or while reading", async () => {
    await writesNothing(async () => {
      await everywhere("64 KiB + 1 byte", () => ({ body: " ".repeat(MAX_BODY_BYTES + 1), headers: json }), [413], [413]);
      await everywhere("a 1 MiB stream without Content-Length", () => ({ body: streamOf(1024 * 1024), headers: json, duplex: "half" }), [413], [413]);
      // The storefront's own limit, below the API's.
      expectError(await storefront(storeId, " ".repeat(STOREFRONT_MAX_BYTES + 1)), [413], "storefront 16 KiB + 1");
      // Exactly at the limit is read: whitespace is then an empty body (400).
      await everywhere("exactly the limit of spaces", () => ({ body: " ".repeat(MAX_BODY_BYTES), headers: json }), [400], [413]);
    });
  });

  it("deeply nested JSON: 100k levels is over the limit (413); as deep as fits is read and refused (422/400)", async () => {
    const deep = (levels: number) => "[".repeat(levels) + "]".repeat(levels);
    const deepObject = (levels: number) => '{"a":'.repeat(levels) + "1" + "}".repeat(levels);
    await writesNothing(async () => {
      await everywhere("100k levels of [", () => ({ body: deep(100_000), headers: json }), [413], [413]);
      await everywhere("32k levels of [ (64 KiB)", () => ({ body: deep(MAX_BODY_BYTES / 2), headers: json }), [422], [413]);
      await everywhere("10k levels of {", () => ({ body: deepObject(10_000), headers: json }), [422], [413]);
      await everywhere("8k levels of [ (16 KiB)", () => ({ body: deep(STOREFRONT_MAX_BYTES / 2), headers: json }), [422], [400]);
      for (const [method, path] of bodyRoutes()) {
        const a = await call(method, path, { body: `{"topic":${deep(30_000)},"url":"x","available":${deep(2_000)}}`, headers: json });
        expectError(a, [422], `${method} ${path}: nested values in fields`);
      }
    });
  });

  it("a Content-Type that is not JSON, or none: 415", async () => {
    const body = JSON.stringify({ topic: "notification/create", url: hookUrl("ct"), variant_id: Number(variantId), channel: "email", contact: "ct@hostile.dev", available: 1 });
    await writesNothing(async () => {
      for (const type of ["text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json; charset=latin1", "application/json-patch+json", "application/jsonx", "json", " "]) {
        await everywhere(`Content-Type ${JSON.stringify(type)}`, () => ({ body, headers: { "Content-Type": type } }), [415], [415]);
      }
      // No Content-Type at all (a string body would get text/plain from fetch, so send bytes).
      await everywhere("no Content-Type", () => ({ body: new TextEncoder().encode(body) }), [415], [415]);
      const form = new FormData();
      form.set("topic", "notification/create");
      await everywhere("a multipart form", () => ({ body: form }), [415], [415]);
    });
  });

  it("an empty body: 400 invalid_json", async () => {
    await writesNothing(async () => {
      await everywhere("empty", () => ({ body: "", headers: json }), [400], [400]);
      await everywhere("no body at all", () => ({ headers: json }), [400], [400]);
      await everywhere("whitespace", () => ({ body: " \n\t\r ", headers: json }), [400], [400]);
      await everywhere("a BOM only", () => ({ body: "\ufeff", headers: json }), [400], [400]);
    });
  });

  it("huge header values: the request is still answered with a clear 4xx", async () => {
    const big = "x".repeat(64 * 1024);
    await writesNothing(async () => {
      await everywhere("a 64 KiB header", () => ({ body: "{}", headers: { ...json, "X-Padding": big } }), [422], [400]);
      await everywhere("a 64 KiB User-Agent and X-Forwarded-For", () => ({ body: "{}", headers: { ...json, "User-Agent": big, "X-Forwarded-For": big } }), [422], [400]);
      await everywhere("a 64 KiB Content-Type", () => ({ body: "{}", headers: { "Content-Type": `application/json; x=${big}` } }), [422], [400]);
      await everywhere("a Content-Type that is 64 KiB of junk", () => ({ body: "{}", headers: { "Content-Type": big } }), [415], [415]);
      // A huge or malformed key is an unknown key: 401.
      for (const key of [big, "\u00ff".repeat(1000), "Bearer", "bis_live_"]) {
        const a = await send(apiRequest("POST", "/webhooks", { key, body: "{}", headers: json }));
        expectError(await answer(a), [401], `key of ${key.length} chars`);
      }
      const bearer = await send(apiRequest("POST", "/webhooks", { key: big, scheme: "bearer", body: "{}", headers: json }));
      expectError(await answer(bearer), [401], "a 64 KiB bearer token");
    });
  });

  it("a Content-Length that lies: huge is 413 at once, missing or short is read as sent", async () => {
    await writesNothing(async () => {
      for (const length of ["99999999999999999999999", String(MAX_BODY_BYTES + 1)]) {
        let request: Request;
        try {
          request = apiRequest("POST", "/webhooks", { key: await nextKey(), body: "{}", headers: { ...json, "Content-Length": length } });
        } catch {
          continue; // The runtime refuses to build it: nothing to test.
        }
        expectError(await answer(await send(request)), [413], `Content-Length ${length}`);
      }
    });
  });
});

// ---- Regression tests for what the properties found ------------------------------------------

describe("inputs that reached the database and answered 500 (fixed)", () => {
  it("a NUL byte in a webhook id: 404", async () => {
    await writesNothing(async () => {
      for (const [method, path] of [["GET", "/webhooks/%00"], ["PATCH", "/webhooks/%00"], ["DELETE", "/webhooks/wh_%00"], ["GET", "/webhooks/%00/deliveries"], ["POST", "/webhooks/%00/test"]] as const) {
        const a = await call(method, path, method === "PATCH" ? { body: '{"is_active":true}', headers: json } : {});
        expectError(a, [404], `${method} ${path}`);
        // The same answer as for any id that is not the store's.
        expect(a.body).toEqual({ error: { code: "not_found", message: "No webhook with that id.", details: null } });
      }
    });
  });

  it("a control character in a webhook URL: 422 invalid URL", async () => {
    await writesNothing(async () => {
      for (const bad of ["https://hooks.shop.dev/\u0000", "https://hooks.shop.dev/a\u0000b", "https://hooks.shop.dev/a\tb", "https://hooks.shop.dev/\nX-Injected: 1", "https://hooks.shop.dev/\u007f"]) {
        for (const [method, path] of [["POST", "/webhooks"], ["PUT", `/webhooks/${webhookId}`], ["PATCH", `/webhooks/${webhookId}`]] as const) {
          const a = await call(method, path, { body: JSON.stringify({ topic: "notification/create", url: bad }), headers: json });
          expectError(a, [422], `${method} url ${JSON.stringify(bad)}`);
          expect(a.body).toMatchObject({ error: { details: { fieldErrors: { url: [expect.stringContaining("https://")] } } } });
        }
      }
    });
  });

  it("ids past Postgres' bigint (2^63 - 1): 422 for the body and the cursor, 404 for the path", async () => {
    await writesNothing(async () => {
      for (const id of ["9223372036854775808", "9999999999999999999"]) {
        const body = JSON.stringify({ variant_id: id, channel: "email", contact: "big@hostile.dev" });
        expectError(await call("POST", "/notifications", { body, headers: json }), [422], `POST /notifications variant_id ${id}`);
        expectError(await storefront(storeId, body), [400], `storefront variant_id ${id}`);
        expectError(await call("GET", `/notifications?after=${id}`), [422], `GET /notifications?after=${id}`);
        expectError(await call("PUT", `/inventory/${id}`, { body: '{"available":1}', headers: json }), [404], `PUT /inventory/${id}`);
      }
      // The largest bigint is an id like any other.
      expect((await call("GET", "/notifications?after=9223372036854775807")).status).toBe(200);
      expectError(await call("PUT", "/inventory/9223372036854775807", { body: '{"available":1}', headers: json }), [404], "PUT /inventory/max");
    });
  });

  it("a time filter before year 1 (Postgres has no year 0): 422", async () => {
    for (const t of ["0000-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00"]) {
      for (const name of ["created_at_min", "updated_at_min"]) {
        expectError(await call("GET", `/notifications?${name}=${encodeURIComponent(t)}`), [422], `${name}=${t}`);
      }
    }
    expect((await call("GET", `/notifications?created_at_min=${encodeURIComponent("0001-01-01T00:00:00Z")}`)).status).toBe(200);
  });

  it("a NUL byte in the storefront's store reference: 404", async () => {
    for (const ref of ["\u0000", `${storeId}\u0000`, "sto_\u0000", `${domain}\u0000`]) {
      expectError(await storefront(ref, JSON.stringify({ variant_id: Number(variantId), channel: "email", contact: "nul@hostile.dev" })), [404], `store ${JSON.stringify(ref)}`);
    }
  });
});

function encodable(s: string): boolean {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
