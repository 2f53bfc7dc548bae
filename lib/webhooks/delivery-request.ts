import { memoizeLast } from "@/lib/memoize-last";
import { bisSignature, standardWebhooksHeaders } from "./signing";

/** Names the product and where its webhook docs are, as receivers see in their logs. */
export const deliveryUserAgent = memoizeLast((appUrl: string): string => `BackInStock-Webhooks/1.0 (+${new URL("/docs/webhooks", appUrl).href})`);

/**
 * The headers of one attempt: the seed's X-BIS-Signature (current key), the Standard Webhooks
 * trio (one signature per key during a rotation's overlap), and the message id that stays the
 * same across retries so receivers can drop duplicates.
 */
export function deliveryHeaders(input: {
  messageId: string;
  topic: string;
  attempt: number;
  body: string;
  /** The store's signing keys, current first. */
  keys: readonly string[];
  now: Date;
  userAgent: string;
}): Record<string, string> {
  const [current] = input.keys;
  if (!current) throw new Error("A delivery needs the store's API key to sign with");
  return {
    "content-type": "application/json",
    "user-agent": input.userAgent,
    "x-bis-topic": input.topic,
    "x-bis-webhook-id": input.messageId,
    "x-bis-attempt": String(input.attempt),
    "x-bis-signature": bisSignature(current, input.body),
    ...standardWebhooksHeaders({ messageId: input.messageId, timestamp: input.now, body: input.body, keys: input.keys }),
  };
}

const signatureHeaders = new Set(["x-bis-signature", "webhook-signature"]);

/** The headers as the delivery log keeps them: signatures replaced, so no HMAC is stored or shown. */
export function loggedHeaders(headers: Record<string, string>): Record<string, string> {
  const logged: Record<string, string> = {};
  for (const name in headers) logged[name] = signatureHeaders.has(name.toLowerCase()) ? "[redacted]" : headers[name]!;
  return logged;
}
