import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import fc from "fast-check";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { verificationSnippets } from "@/lib/api-keys/verification-snippets";
import { deliveryHeaders } from "./delivery-request";
import { bisSignature, standardWebhooksHeaders, standardWebhooksSecret, type RawBody } from "./signing";

// Property-based checks of both signatures (issue 9, hostile input): for random bodies (any
// bytes, invalid UTF-8, empty, up to 64 KiB, unicode text) and random API keys, a verifier
// written here from the contract alone (not from signing.ts) accepts exactly what the signer
// produced and rejects any change to the body, the key or the signature.

const numRuns = 100;

// ---- Independent verifiers, from PRODUCT.md's contract ---------------------------------------

const bytesOf = (body: RawBody): Buffer => (typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body));

/** X-BIS-Signature: base64(HMAC-SHA256(key = the API key's UTF-8 bytes, message = the raw body bytes)). */
function verifyBis(body: RawBody, header: string, apiKey: string): boolean {
  const expected = Buffer.from(createHmac("sha256", Buffer.from(apiKey, "utf8")).update(bytesOf(body)).digest("base64"));
  const received = Buffer.from(header);
  return received.length === expected.length && timingSafeEqual(received, expected);
}

/** Standard Webhooks: some `v1,<base64 HMAC(key, "id.timestamp." + body bytes)>` in the space-separated header matches. */
function verifyStandard(body: RawBody, headers: Record<string, string>, apiKey: string): boolean {
  const signed = Buffer.concat([Buffer.from(`${headers["webhook-id"]}.${headers["webhook-timestamp"]}.`, "utf8"), bytesOf(body)]);
  const expected = Buffer.from(createHmac("sha256", Buffer.from(apiKey, "utf8")).update(signed).digest("base64"));
  return (headers["webhook-signature"] ?? "").split(" ").some((versioned) => {
    const [version, signature = ""] = versioned.split(",", 2);
    const received = Buffer.from(signature);
    return version === "v1" && received.length === expected.length && timingSafeEqual(received, expected);
  });
}

/** The Node snippet shown on Account → API, run as published (its import line swapped for the real functions). */
const publishedNodeVerify = (() => {
  const code = verificationSnippets.find((s) => s.language === "node")!.code;
  const body = code.replace(/^import .*$/m, "").replace("export function", "function");
  return new Function("createHmac", "timingSafeEqual", `${body}\nreturn verifyBisSignature;`)(createHmac, timingSafeEqual) as (
    rawBody: Buffer,
    signatureHeader: string | undefined,
    apiKey: string,
  ) => boolean;
})();

// ---- Arbitraries -----------------------------------------------------------------------------

/** Byte strings that are not UTF-8: lone continuation bytes, overlongs, surrogates, truncated sequences, 0xFF. */
const invalidUtf8 = fc
  .tuple(
    fc.uint8Array({ maxLength: 32 }),
    fc.constantFrom([0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0xff], [0xfe, 0xff], [0xf0, 0x9f, 0x98]),
    fc.uint8Array({ maxLength: 32 }),
  )
  .map(([a, bad, b]) => new Uint8Array([...a, ...bad, ...b]));

/** A body of `length` bytes (up to 64 KiB), filled deterministically from a seed: fast to make at any size. */
const largeBody = fc.record({ length: fc.oneof(fc.constantFrom(0, 1, 65_535, 65_536), fc.integer({ min: 0, max: 65_536 })), seed: fc.integer() }).map(({ length, seed }) => {
  const out = new Uint8Array(length);
  let block = createHash("sha256").update(String(seed)).digest();
  for (let i = 0; i < length; i += 32) {
    out.set(block.subarray(0, Math.min(32, length - i)), i);
    block = createHash("sha256").update(block).digest();
  }
  return out;
});

/** Well-formed text (the library converts a Buffer to a string, so it can only sign text exactly). */
const unicodeText = fc.oneof(fc.string({ unit: "grapheme", maxLength: 200 }), fc.json({ maxDepth: 4 }), fc.constant(""));

const anyBody: fc.Arbitrary<RawBody> = fc.oneof(fc.uint8Array({ maxLength: 256 }), invalidUtf8, largeBody, unicodeText, fc.string({ unit: "binary", maxLength: 100 }));

/** API keys: the real shape, short and long, unicode. Never empty (the signer refuses an empty key). */
const apiKey = fc.oneof(
  fc.stringMatching(/^bis_[A-Za-z0-9]{32,48}$/),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 80 }),
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 300 }),
);

const keyBytesDiffer = (a: string, b: string) => !Buffer.from(a, "utf8").equals(Buffer.from(b, "utf8"));

const messageId = fc.stringMatching(/^msg_[0-9A-HJKMNP-TV-Z]{26}$/);
/** Within the library's 5-minute tolerance of now, so only the signature decides. */
const recentSeconds = () => fc.integer({ min: -100, max: 100 }).map((d) => Math.floor(Date.now() / 1000) + d);

// ---- X-BIS-Signature --------------------------------------------------------------------------

describe("X-BIS-Signature, property-based", () => {
  it("the independent verifier and the published Node snippet accept exactly what the signer produced", () => {
    fc.assert(
      fc.property(anyBody, apiKey, (body, key) => {
        const signature = bisSignature(key, body);
        expect(signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
        expect(verifyBis(body, signature, key)).toBe(true);
        expect(publishedNodeVerify(bytesOf(body), signature, key)).toBe(true);
        // A string body is signed as its UTF-8 bytes: the same signature as the bytes themselves.
        if (typeof body === "string") expect(bisSignature(key, bytesOf(body))).toBe(signature);
      }),
      { numRuns },
    );
  });

  it("rejects any single-bit flip of the body", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 256 }), invalidUtf8, largeBody.filter((b) => b.length > 0)),
        apiKey,
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        (body, key, at, bit) => {
          const signature = bisSignature(key, body);
          const flipped = Uint8Array.from(body);
          flipped[at % flipped.length]! ^= 1 << bit;
          expect(verifyBis(flipped, signature, key)).toBe(false);
          expect(publishedNodeVerify(Buffer.from(flipped), signature, key)).toBe(false);
          expect(bisSignature(key, flipped)).not.toBe(signature);
        },
      ),
      { numRuns },
    );
  });

  it("rejects the body signed with a different key", () => {
    fc.assert(
      fc.property(anyBody, apiKey, apiKey, (body, key, other) => {
        fc.pre(keyBytesDiffer(key, other));
        const signature = bisSignature(other, body);
        expect(verifyBis(body, signature, key)).toBe(false);
        expect(publishedNodeVerify(bytesOf(body), signature, key)).toBe(false);
      }),
      { numRuns },
    );
  });

  it("rejects a truncated, extended or altered signature", () => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
    const tamper = fc.oneof(
      fc.nat().map((n) => (s: string) => s.slice(0, n % s.length)),
      fc.constantFrom("=", "A", " ", "\n").map((c) => (s: string) => s + c),
      fc.record({ at: fc.nat(), by: fc.integer({ min: 1, max: alphabet.length - 1 }) }).map(({ at, by }) => (s: string) => {
        const i = at % s.length;
        return s.slice(0, i) + alphabet[(alphabet.indexOf(s[i]!) + by) % alphabet.length] + s.slice(i + 1);
      }),
      fc.constant((s: string) => s.replace(/=+$/, "")),
      fc.constant((s: string) => Buffer.from(s, "base64").toString("base64url")),
      fc.constant((s: string) => Buffer.from(s, "base64").toString("hex")),
      fc.constant((s: string) => `sha256=${s}`),
    );
    fc.assert(
      fc.property(anyBody, apiKey, tamper, (body, key, change) => {
        const signature = bisSignature(key, body);
        const altered = change(signature);
        fc.pre(altered !== signature);
        expect(verifyBis(body, altered, key)).toBe(false);
        expect(publishedNodeVerify(bytesOf(body), altered, key)).toBe(false);
      }),
      { numRuns },
    );
  });
});

// ---- Standard Webhooks ------------------------------------------------------------------------

describe("Standard Webhooks signature, property-based", () => {
  it("verifies with the standardwebhooks library (secret whsec_ + base64(key)) and the independent verifier", () => {
    fc.assert(
      fc.property(unicodeText, apiKey, messageId, recentSeconds(), (body, key, id, seconds) => {
        const headers = standardWebhooksHeaders({ messageId: id, timestamp: seconds, body, keys: [key] });
        expect(headers).toMatchObject({ "webhook-id": id, "webhook-timestamp": String(seconds), "webhook-signature": expect.stringMatching(/^v1,[A-Za-z0-9+/]{43}=$/) });
        expect(standardWebhooksSecret(key)).toBe(`whsec_${Buffer.from(key, "utf8").toString("base64")}`);
        expect(() => new StandardWebhook(standardWebhooksSecret(key)).verify(body, headers, { jsonParse: false })).not.toThrow();
        expect(verifyStandard(body, headers, key)).toBe(true);
      }),
      { numRuns },
    );
  });

  it("signs arbitrary bytes (invalid UTF-8, up to 64 KiB) exactly, as the independent verifier checks", () => {
    fc.assert(
      fc.property(anyBody, apiKey, messageId, fc.integer({ min: 0, max: 2 ** 40 }), (body, key, id, seconds) => {
        const headers = standardWebhooksHeaders({ messageId: id, timestamp: seconds, body, keys: [key] });
        expect(verifyStandard(body, headers, key)).toBe(true);
      }),
      { numRuns },
    );
  });

  it("fails after any change to the id, the timestamp or the body", () => {
    const change = fc.oneof(
      fc.record({ what: fc.constant("id" as const), id: messageId }),
      fc.record({ what: fc.constant("timestamp" as const), delta: fc.integer({ min: -150, max: 150 }).filter((d) => d !== 0) }),
      fc.record({ what: fc.constant("body" as const), body: unicodeText }),
    );
    fc.assert(
      fc.property(unicodeText, apiKey, messageId, recentSeconds(), change, (body, key, id, seconds, c) => {
        const headers = standardWebhooksHeaders({ messageId: id, timestamp: seconds, body, keys: [key] });
        let received = { ...headers };
        let receivedBody = body;
        if (c.what === "id") {
          fc.pre(c.id !== id);
          received = { ...received, "webhook-id": c.id };
        } else if (c.what === "timestamp") {
          received = { ...received, "webhook-timestamp": String(seconds + c.delta) };
        } else {
          fc.pre(c.body !== body);
          receivedBody = c.body;
        }
        expect(() => new StandardWebhook(standardWebhooksSecret(key)).verify(receivedBody, received, { jsonParse: false })).toThrow(/No matching signature/);
        expect(verifyStandard(receivedBody, received, key)).toBe(false);
      }),
      { numRuns },
    );
  });

  it("fails after a single-bit flip of a byte body, and with another key", () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 256 }), invalidUtf8), apiKey, apiKey, messageId, fc.nat(), fc.integer({ min: 0, max: 7 }), (body, key, other, id, at, bit) => {
        const headers = standardWebhooksHeaders({ messageId: id, timestamp: 1_700_000_000, body, keys: [key] });
        const flipped = Uint8Array.from(body);
        flipped[at % flipped.length]! ^= 1 << bit;
        expect(verifyStandard(flipped, headers, key)).toBe(false);
        if (keyBytesDiffer(key, other)) expect(verifyStandard(body, headers, other)).toBe(false);
      }),
      { numRuns },
    );
  });

  it("during a rotation's overlap both keys' signatures are sent, and each verifies with its own secret only", () => {
    fc.assert(
      fc.property(unicodeText, apiKey, apiKey, apiKey, (body, current, previous, stranger) => {
        fc.pre(keyBytesDiffer(current, previous) && keyBytesDiffer(stranger, current) && keyBytesDiffer(stranger, previous));
        const now = new Date();
        const headers = deliveryHeaders({ messageId: "msg_01JD3W5Y6N3Q8G2K7V9X4T1B0E", topic: "notification/create", attempt: 1, body, keys: [current, previous], now, userAgent: "test" });
        const signatures = headers["webhook-signature"]!.split(" ");
        expect(signatures).toHaveLength(2);
        const standard = { "webhook-id": headers["webhook-id"]!, "webhook-timestamp": headers["webhook-timestamp"]!, "webhook-signature": headers["webhook-signature"]! };
        for (const key of [current, previous]) {
          expect(() => new StandardWebhook(standardWebhooksSecret(key)).verify(body, standard, { jsonParse: false })).not.toThrow();
          expect(verifyStandard(body, standard, key)).toBe(true);
        }
        // Each signature in the header is one key's, not both.
        expect(verifyStandard(body, { ...standard, "webhook-signature": signatures[0]! }, current)).toBe(true);
        expect(verifyStandard(body, { ...standard, "webhook-signature": signatures[0]! }, previous)).toBe(false);
        expect(verifyStandard(body, { ...standard, "webhook-signature": signatures[1]! }, previous)).toBe(true);
        // A third key verifies neither.
        expect(() => new StandardWebhook(standardWebhooksSecret(stranger)).verify(body, standard, { jsonParse: false })).toThrow();
        // X-BIS-Signature carries the current key's signature (the seed contract has one value).
        expect(verifyBis(body, headers["x-bis-signature"]!, current)).toBe(true);
        expect(verifyBis(body, headers["x-bis-signature"]!, previous)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});
