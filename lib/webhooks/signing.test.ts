import { spawnSync } from "node:child_process";
import { createHmac, randomBytes, randomInt, webcrypto } from "node:crypto";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { Webhook as SvixWebhook } from "svix";
import { describe, expect, it } from "vitest";
import { bisSignature, standardWebhooksHeaders, standardWebhooksSecret } from "./signing";

// The seed's (our published docs') example: its key and its payload, sent compactly as JSON.
const seedKey = "your_back_in_stock_api_key";
const seedBody = JSON.stringify({
  notification_id: 12345,
  topic: "notification/sent",
  timestamp: "2023-09-11T12:13:45Z",
  channel: "email",
  customer: { email: "shopper@example.com", sms: null },
  quantity_required: 1,
  customer_language: "en-GB",
  customer_utc_offset: 14400,
  created_at: "2023-09-09T14:33:10Z",
  product: { product_id: 8339067207909, product_title: "Black Tea", variant_id: 44211925318693, variant_title: "Small", sku: null },
});
// Computed once by running the seed's Ruby example (below) on `seedBody`; pinned so the test
// catches a change to the signer even where Ruby is not installed.
const seedSignature = "4vRtxRxTwVVnRN4TLTHug6npda1Wgq3ofuWAKZeDu5w=";

// The seed's verification example, verbatim but for the lines that feed it: the body comes
// from stdin, the header from argv. Ruby 3.4's openssl drops the long-deprecated
// OpenSSL::Digest::Digest alias; the shim only restores that name.
const seedRuby = `
require 'openssl'
require 'base64'
OpenSSL::Digest::Digest = OpenSSL::Digest unless defined?(OpenSSL::Digest::Digest)
SHARED_SECRET = ENV.fetch('BIS_SHARED_SECRET')
def verify_webhook(data, signature)
digest = OpenSSL::Digest::Digest.new('sha256')
calculated_hmac = Base64.encode64(OpenSSL::HMAC.digest(digest, SHARED_SECRET, data)).strip
calculated_hmac == signature
end
signature = ARGV[0]
data = STDIN.binmode.read
if verify_webhook(data, signature)
puts 'Verified'
else
puts "Webhook signature doesn't match"
end
`;

const rubyAvailable = spawnSync("ruby", ["--version"]).status === 0;
// In CI a missing Ruby is a failure (the seed's example must be run), not a skipped test.
const runRuby = rubyAvailable || process.env.CI === "true";

function runSeedRuby(key: string, body: string | Buffer, signature: string): string {
  const r = spawnSync("ruby", ["-W0", "-e", seedRuby, signature], { input: body, env: { ...process.env, BIS_SHARED_SECRET: key } });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`ruby exited ${r.status}: ${r.stderr.toString()}`);
  return r.stdout.toString().trim();
}

/** An independent verifier: WebCrypto's HMAC, comparing the decoded signature bytes. */
async function webCryptoVerifies(key: string, body: string | Uint8Array, signatureBase64: string): Promise<boolean> {
  const k = await webcrypto.subtle.importKey("raw", new TextEncoder().encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  const data = typeof body === "string" ? new TextEncoder().encode(body) : body;
  // Byte-exact contract: the header must be the canonical base64 of the digest, nothing else.
  if (!/^[A-Za-z0-9+/]{43}=$/.test(signatureBase64)) return false;
  return webcrypto.subtle.verify("HMAC", k, Buffer.from(signatureBase64, "base64"), data);
}

function randomApiKey() {
  return "bis_live_" + randomBytes(32).toString("base64url");
}

/** A random string with ASCII, accents, CJK and astral characters (emoji). */
function randomText(maxLength = 300) {
  const pools = ["abcXYZ019 {}\":,\n\t", "éüßñ", "日本語テキスト", "🍵🫖👍🏽"];
  let s = "";
  for (let i = randomInt(0, maxLength); i > 0; i--) {
    const pool = [...pools[randomInt(pools.length)]!];
    s += pool[randomInt(pool.length)];
  }
  return s;
}

function flipOneByte(bytes: Uint8Array): Buffer {
  const copy = Buffer.from(bytes);
  copy[randomInt(copy.length)]! ^= 1 << randomInt(8);
  return copy;
}

describe("X-BIS-Signature", () => {
  it("matches the published docs' example byte for byte", () => {
    expect(bisSignature(seedKey, seedBody)).toBe(seedSignature);
    // Standard base64 with padding, as Ruby's Base64.encode64(...).strip gives for 32 bytes.
    expect(bisSignature(seedKey, seedBody)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it.runIf(runRuby)("is accepted by the docs' own Ruby verification example", () => {
    expect(runSeedRuby(seedKey, seedBody, bisSignature(seedKey, seedBody))).toBe("Verified");
    const key = randomApiKey();
    const body = JSON.stringify({ note: randomText(), emoji: "🍵" });
    expect(runSeedRuby(key, body, bisSignature(key, body))).toBe("Verified");
    expect(runSeedRuby(key, body + " ", bisSignature(key, body))).toBe("Webhook signature doesn't match");
    expect(runSeedRuby(seedKey, body, bisSignature(key, body))).toBe("Webhook signature doesn't match");
  });

  it("signs the raw bytes: a string body and its UTF-8 bytes sign alike", () => {
    const body = '{"product_title":"Thé vert 🍵"}';
    expect(bisSignature(seedKey, Buffer.from(body, "utf8"))).toBe(bisSignature(seedKey, body));
    expect(bisSignature(seedKey, body)).toBe(createHmac("sha256", seedKey).update(body, "utf8").digest("base64"));
  });

  it("refuses to sign without a key", () => {
    expect(() => bisSignature("", "{}")).toThrow();
  });

  it("verifies exactly what it signed, for random keys and bodies; one flipped byte fails", async () => {
    for (let i = 0; i < 200; i++) {
      const key = i % 10 === 0 ? randomText(40) || "k" : randomApiKey();
      const body: string | Uint8Array = i % 3 === 0 ? randomBytes(randomInt(0, 2048)) : randomText();
      const signature = bisSignature(key, body);
      expect(await webCryptoVerifies(key, body, signature)).toBe(true);

      const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
      if (bytes.length > 0) expect(await webCryptoVerifies(key, flipOneByte(bytes), signature)).toBe(false);
      const flippedSig = flipOneByte(Buffer.from(signature, "base64")).toString("base64");
      expect(await webCryptoVerifies(key, body, flippedSig)).toBe(false);
      expect(await webCryptoVerifies(key + "x", body, signature)).toBe(false);
    }
  });
});

describe("Standard Webhooks", () => {
  const now = () => Math.floor(Date.now() / 1000);

  it('uses "whsec_" + base64 of the API key bytes as the secret', () => {
    expect(standardWebhooksSecret(seedKey)).toBe("whsec_eW91cl9iYWNrX2luX3N0b2NrX2FwaV9rZXk=");
    const key = randomApiKey();
    expect(Buffer.from(standardWebhooksSecret(key).slice("whsec_".length), "base64").toString("utf8")).toBe(key);
  });

  it("builds the three headers, one v1 signature per key", () => {
    const headers = standardWebhooksHeaders({ messageId: "msg_01TEST", timestamp: new Date(1_700_000_000_999), body: seedBody, keys: [seedKey] });
    const expected = createHmac("sha256", seedKey).update(`msg_01TEST.1700000000.${seedBody}`).digest("base64");
    expect(headers).toEqual({ "webhook-id": "msg_01TEST", "webhook-timestamp": "1700000000", "webhook-signature": `v1,${expected}` });

    const two = standardWebhooksHeaders({ messageId: "msg_01TEST", timestamp: 1_700_000_000, body: seedBody, keys: ["new-key", seedKey] });
    expect(two["webhook-signature"].split(" ")).toHaveLength(2);
    expect(two["webhook-signature"].split(" ")[1]).toBe(`v1,${expected}`);
  });

  it("refuses no keys, a bad id or a bad timestamp", () => {
    expect(() => standardWebhooksHeaders({ messageId: "msg_1", timestamp: now(), body: "{}", keys: [] })).toThrow();
    expect(() => standardWebhooksHeaders({ messageId: "msg 1", timestamp: now(), body: "{}", keys: ["k"] })).toThrow();
    expect(() => standardWebhooksHeaders({ messageId: "msg_1", timestamp: 1.5, body: "{}", keys: ["k"] })).toThrow();
  });

  it("is accepted by the official standardwebhooks and svix libraries, with the current and the previous key", () => {
    const current = randomApiKey();
    const previous = randomApiKey();
    const stranger = randomApiKey();
    const body = seedBody;
    const headers = standardWebhooksHeaders({ messageId: "msg_01HZY", timestamp: new Date(), body, keys: [current, previous] });

    for (const key of [current, previous]) {
      const secret = standardWebhooksSecret(key);
      expect(new StandardWebhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
      expect(new SvixWebhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
      expect(new SvixWebhook(secret).verify(Buffer.from(body), headers)).toEqual(JSON.parse(body));
    }
    // Only the current key, once the overlap is over: the previous secret no longer verifies.
    const afterOverlap = standardWebhooksHeaders({ messageId: "msg_01HZY", timestamp: new Date(), body, keys: [current] });
    expect(new StandardWebhook(standardWebhooksSecret(current)).verify(body, afterOverlap)).toEqual(JSON.parse(body));
    expect(() => new StandardWebhook(standardWebhooksSecret(previous)).verify(body, afterOverlap)).toThrow(/No matching signature/);
    // A secret that signed nothing, a changed body, and a replayed old timestamp are refused.
    expect(() => new StandardWebhook(standardWebhooksSecret(stranger)).verify(body, headers)).toThrow(/No matching signature/);
    expect(() => new SvixWebhook(standardWebhooksSecret(current)).verify(body.replace("12345", "12346"), headers)).toThrow(/No matching signature/);
    const old = standardWebhooksHeaders({ messageId: "msg_01HZY", timestamp: now() - 3600, body, keys: [current] });
    expect(() => new StandardWebhook(standardWebhooksSecret(current)).verify(body, old)).toThrow(/too old/);
  });

  it("verifies exactly what it signed, for random keys, ids and bodies; one flipped byte fails", () => {
    for (let i = 0; i < 100; i++) {
      const keys = Array.from({ length: randomInt(1, 4) }, randomApiKey);
      const body = randomText();
      const messageId = `msg_${randomBytes(8).toString("hex")}`;
      const headers = standardWebhooksHeaders({ messageId, timestamp: now(), body, keys });
      for (const key of keys) {
        expect(() => new StandardWebhook(standardWebhooksSecret(key)).verify(body, headers, { jsonParse: false })).not.toThrow();
      }
      const bytes = Buffer.from(body, "utf8");
      if (bytes.length > 0) {
        // Flip within ASCII so the changed body is still a string the library can read.
        const changed = Buffer.from(bytes);
        const at = changed.findIndex((b) => b < 0x80);
        if (at >= 0) {
          changed[at]! ^= 1;
          expect(() => new StandardWebhook(standardWebhooksSecret(keys[0]!)).verify(changed.toString("utf8"), headers, { jsonParse: false })).toThrow();
        }
      }
      const [first, ...rest] = headers["webhook-signature"].split(" ");
      const sig = Buffer.from(first!.slice(3), "base64");
      const tampered = { ...headers, "webhook-signature": [`v1,${flipOneByte(sig).toString("base64")}`, ...rest].join(" ") };
      expect(() => new StandardWebhook(standardWebhooksSecret(keys[0]!)).verify(body, tampered, { jsonParse: false })).toThrow();
    }
  });
});
