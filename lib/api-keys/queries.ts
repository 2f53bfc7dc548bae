import "server-only";
import { db } from "@/lib/db";

/** The current key's public facts (never the secret). */
export async function getCurrentApiKeyInfo(storeId: string) {
  return db.apiKey.findFirst({
    where: { storeId, retiredAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, lastFour: true, createdAt: true },
  });
}
