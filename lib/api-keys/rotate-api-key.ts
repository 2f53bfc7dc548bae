import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ApiKeyActor } from "./api-key-actor";
import { issueApiKeyRecord } from "./issue-api-key";

/** How long a rotated-out key keeps authenticating the API and signing webhooks (second signature). */
export const rotationOverlapMs = 24 * 60 * 60 * 1000;

export type RotatedApiKey = { keyId: string; lastFour: string; previous: { keyId: string; validUntil: Date } | null };

/**
 * Owner only. In one transaction: the current key is retired but stays valid for 24 h (API
 * calls and a second webhook signature, so integrations can switch over), a new current key
 * is issued, and the rotation is audited. Keys already in an earlier overlap window keep their
 * own expiry. A store without a current key simply gets one. The new secret is not returned:
 * it is read through `revealApiKey`, which audits the read.
 */
export async function rotateApiKey({ storeId, actor, context }: ApiKeyActor, now = new Date()): Promise<RotatedApiKey> {
  if (actor.role !== "owner") throw new AppError("forbidden", "Only the store owner can rotate the API key.");
  return db.$transaction(async (tx) => {
    // Lock the store row so two rotations cannot both retire the same key and leave two current ones.
    const [store] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Store" WHERE id = ${storeId} FOR UPDATE`;
    if (!store) throw new AppError("not_found", "Store not found.");
    const current = await tx.apiKey.findFirst({
      where: { storeId, retiredAt: null },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    let previous: RotatedApiKey["previous"] = null;
    if (current) {
      const validUntil = new Date(now.getTime() + rotationOverlapMs);
      await tx.apiKey.updateMany({ where: { storeId, retiredAt: null }, data: { retiredAt: now, validUntil } });
      previous = { keyId: current.id, validUntil };
    }
    const issued = await issueApiKeyRecord(tx, storeId, actor.userId);
    await recordAudit(
      {
        actor,
        action: "api_key.rotated",
        storeId,
        target: { type: "api_key", id: issued.id },
        details: { previousKeyId: previous?.keyId ?? null, previousValidUntil: previous?.validUntil.toISOString() ?? null },
        context,
      },
      tx,
    );
    return { keyId: issued.id, lastFour: issued.lastFour, previous };
  });
}
