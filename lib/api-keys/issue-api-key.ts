import "server-only";
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db";
import { newId } from "@/lib/ids";
import { apiKeyPrefix, apiKeyRandomBytes } from "./api-key-format";
import { encryptSecret, hashSecret } from "./secret-box";


export type IssuedApiKey = { id: string; secret: string; lastFour: string };

/**
 * Creates a new current API key for the store (32 random bytes) inside the caller's
 * transaction; returns its id and secret. Stored encrypted, with a hash for lookup.
 */
export async function issueApiKeyRecord(tx: Tx, storeId: string, createdById: string | null): Promise<IssuedApiKey> {
  const secret = apiKeyPrefix + randomBytes(apiKeyRandomBytes).toString("base64url");
  const id = newId("apiKey");
  const lastFour = secret.slice(-4);
  await tx.apiKey.create({
    data: { id, storeId, encryptedSecret: encryptSecret(secret), secretHash: hashSecret(secret), lastFour, createdById },
  });
  return { id, secret, lastFour };
}

/** Creates a new current API key for the store (32 random bytes) inside the caller's transaction. */
export async function issueApiKey(tx: Tx, storeId: string, createdById: string | null): Promise<string> {
  return (await issueApiKeyRecord(tx, storeId, createdById)).secret;
}
