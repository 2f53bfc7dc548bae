import "server-only";
import { db } from "@/lib/db";
import { decryptSecret } from "./secret-box";

/**
 * The keys a delivery to this store is signed with, in clear: the current key first, then any
 * rotated-out key still inside its overlap window (newest first). X-BIS-Signature uses the
 * first; the Standard Webhooks header carries one signature per key. Empty only for a store
 * that has no key at all.
 */
export async function signingKeysFor(storeId: string, now = new Date()): Promise<string[]> {
  const keys = await db.apiKey.findMany({
    where: { storeId, OR: [{ retiredAt: null }, { validUntil: { gt: now } }] },
    orderBy: { createdAt: "desc" },
    select: { encryptedSecret: true, retiredAt: true },
  });
  const current = keys.filter((k) => !k.retiredAt);
  const previous = keys.filter((k) => k.retiredAt);
  return [...current, ...previous].map((k) => decryptSecret(k.encryptedSecret));
}
