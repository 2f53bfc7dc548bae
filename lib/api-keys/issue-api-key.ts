import "server-only";
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db";
import { newId } from "@/lib/ids";
import { encryptSecret, hashSecret } from "./secret-box";

/** Recognisable prefix so a leaked key is easy to spot in code and secret scanners. */
export const apiKeyPrefix = "bis_live_";

/** Creates a new current API key for the store (32 random bytes) inside the caller's transaction. */
export async function issueApiKey(tx: Tx, storeId: string, createdById: string | null): Promise<string> {
  const secret = apiKeyPrefix + randomBytes(32).toString("base64url");
  await tx.apiKey.create({
    data: {
      id: newId("apiKey"),
      storeId,
      encryptedSecret: encryptSecret(secret),
      secretHash: hashSecret(secret),
      lastFour: secret.slice(-4),
      createdById,
    },
  });
  return secret;
}
