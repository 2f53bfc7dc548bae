import "server-only";
import { createHmac } from "node:crypto";

// How every webhook delivery is signed. Two schemes, both keyed by the store's API key:
//
// - `X-BIS-Signature`: our published contract (seed docs), the Shopify method. base64 of
//   HMAC-SHA256 with key = the API key's UTF-8 bytes and message = the raw body bytes,
//   standard alphabet with padding — exactly what the docs' Ruby example computes with
//   `Base64.encode64(OpenSSL::HMAC.digest(digest, SHARED_SECRET, data)).strip`.
// - Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`), so receivers
//   can reject replays and verify with the official `standardwebhooks`/`svix` libraries. Their
//   secret is "whsec_" + base64(key bytes), so the HMAC key is again the API key's bytes.
//
// Both take the body exactly as sent on the wire: sign the string you POST, never a re-serialised copy.

export type RawBody = string | Uint8Array;

function hmacBase64(key: string, ...parts: RawBody[]): string {
  const hmac = createHmac("sha256", Buffer.from(key, "utf8"));
  for (const part of parts) hmac.update(typeof part === "string" ? Buffer.from(part, "utf8") : part);
  return hmac.digest("base64");
}

/** The `X-BIS-Signature` header value: base64(HMAC-SHA256(apiKey, rawBody)). */
export function bisSignature(apiKey: string, rawBody: RawBody): string {
  if (!apiKey) throw new Error("bisSignature needs an API key");
  return hmacBase64(apiKey, rawBody);
}

const whsecPrefix = "whsec_";

/** The Standard Webhooks secret for an API key, as shown on Account → API: "whsec_" + base64(key bytes). */
export function standardWebhooksSecret(apiKey: string): string {
  if (!apiKey) throw new Error("standardWebhooksSecret needs an API key");
  return whsecPrefix + Buffer.from(apiKey, "utf8").toString("base64");
}

export type StandardWebhooksHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

/**
 * The Standard Webhooks headers for one delivery attempt. `keys` are the store's signing keys,
 * current first (`signingKeysFor`); during a rotation's overlap window there are two or more,
 * and the header carries one `v1,<sig>` per key, space-separated, so a receiver holding either
 * the new or the previous secret accepts the delivery. `timestamp` is a Date or Unix seconds.
 */
export function standardWebhooksHeaders({
  messageId,
  timestamp,
  body,
  keys,
}: {
  messageId: string;
  timestamp: Date | number;
  body: RawBody;
  keys: readonly string[];
}): StandardWebhooksHeaders {
  if (keys.length === 0) throw new Error("standardWebhooksHeaders needs at least one signing key");
  if (!messageId || /\s/.test(messageId)) throw new Error("A webhook message id must be non-empty, without whitespace");
  const seconds = typeof timestamp === "number" ? timestamp : Math.floor(timestamp.getTime() / 1000);
  if (!Number.isSafeInteger(seconds) || seconds < 0) throw new Error("A webhook timestamp must be whole Unix seconds");
  const signedPrefix = `${messageId}.${seconds}.`;
  const signatures = [...new Set(keys)].map((key) => `v1,${hmacBase64(key, signedPrefix, body)}`);
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(seconds),
    "webhook-signature": signatures.join(" "),
  };
}
