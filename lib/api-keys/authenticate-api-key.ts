import "server-only";
import { db } from "@/lib/db";
import { hashSecret } from "./secret-box";

export type ApiKeyPrincipal = { keyId: string; storeId: string; plan: "FREE" | "SMALL" | "MEDIUM" | "LARGE" | "ENTERPRISE" };

/**
 * The store an API key belongs to, or null. The current key, and a rotated-out key until its
 * `validUntil` (24 h after the rotation), both authenticate. Looked up by hash: the secret
 * itself is never compared or stored in clear.
 */
export async function authenticateApiKey(token: string, now = new Date()): Promise<ApiKeyPrincipal | null> {
  if (!token || token.length > 200) return null;
  const key = await db.apiKey.findUnique({
    where: { secretHash: hashSecret(token) },
    select: { id: true, storeId: true, retiredAt: true, validUntil: true, store: { select: { plan: true } } },
  });
  if (!key) return null;
  if (key.retiredAt && !(key.validUntil && key.validUntil > now)) return null;
  return { keyId: key.id, storeId: key.storeId, plan: key.store.plan };
}
