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

/** What Account → API shows (never a secret): the current key and rotated-out keys still valid. */
export async function getApiKeyOverview(storeId: string, now = new Date()) {
  const [current, previous] = await Promise.all([
    getCurrentApiKeyInfo(storeId),
    db.apiKey.findMany({
      where: { storeId, retiredAt: { not: null }, validUntil: { gt: now } },
      orderBy: { validUntil: "desc" },
      select: { id: true, lastFour: true, validUntil: true },
    }),
  ]);
  return { current, previous: previous.map((k) => ({ id: k.id, lastFour: k.lastFour, validUntil: k.validUntil! })) };
}
