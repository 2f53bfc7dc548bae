import "server-only";
import { env } from "@/lib/env";
import { sharedExecutorPool } from "@/lib/executor/pool";
import { decryptSecret } from "./secret-box";

/**
 * The keys a delivery to this store is signed with, in clear: the current key first, then any
 * rotated-out key still inside its overlap window (newest first). X-BIS-Signature uses the
 * first; the Standard Webhooks header carries one signature per key. Empty only for a store
 * that has no key at all.
 */
export async function signingKeysFor(storeId: string, now = new Date()): Promise<string[]> {
  // Straight through pg, as the other reads of every fan-out batch: through Prisma this one
  // read cost ~1.9 ms of CPU (measured), more than the rest of a small batch's first attempts.
  // timestamp(3) like the columns: the ISO time's "Z" is ignored and the UTC time kept.
  const { rows } = await sharedExecutorPool(env().DATABASE_URL).query<{ encryptedSecret: string }>({
    name: "signing-keys",
    text: `SELECT "encryptedSecret" FROM "ApiKey"
            WHERE "storeId" = $1 AND ("retiredAt" IS NULL OR "validUntil" > $2::timestamp(3))
            ORDER BY ("retiredAt" IS NOT NULL), "createdAt" DESC`,
    values: [storeId, now.toISOString()],
  });
  return rows.map((k) => decryptSecret(k.encryptedSecret));
}
