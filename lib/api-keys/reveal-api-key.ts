import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { standardWebhooksSecret } from "@/lib/webhooks/signing";
import type { ApiKeyActor } from "./api-key-actor";
import { decryptSecret } from "./secret-box";

export type RevealedApiKey = { keyId: string; apiKey: string; webhookSecret: string };

/**
 * The store's current API key in clear, with its Standard Webhooks secret, for an owner or a
 * member. Every reveal is audited (who, when, which key — never the key itself).
 */
export async function revealApiKey({ storeId, actor, context }: ApiKeyActor): Promise<RevealedApiKey> {
  if (actor.role !== "owner" && actor.role !== "member") throw new AppError("forbidden", "Only members of this store can see its API key.");
  const key = await db.apiKey.findFirst({
    where: { storeId, retiredAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, encryptedSecret: true },
  });
  if (!key) throw new AppError("not_found", "This store has no API key yet. The store owner can create one with Rotate.");
  const apiKey = decryptSecret(key.encryptedSecret);
  await recordAudit({ actor, action: "api_key.revealed", storeId, target: { type: "api_key", id: key.id }, context });
  return { keyId: key.id, apiKey, webhookSecret: standardWebhooksSecret(apiKey) };
}
