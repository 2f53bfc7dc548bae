"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { apiKeyActor, type ApiKeyActor } from "@/lib/api-keys/api-key-actor";
import { revealApiKey } from "@/lib/api-keys/reveal-api-key";
import { rotateApiKey } from "@/lib/api-keys/rotate-api-key";
import { requestContext } from "@/lib/auth/request-context";
import { requireStoreMember } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";

// Account → API. Membership of the store is checked from the session first (anyone else gets
// the same 404 as for a store that does not exist); the rules live in lib/api-keys.
// The key travels only in a reveal's answer: never in a log line, a URL or an error message.

const storeIdSchema = z.string().regex(/^sto_[0-9A-Z]{26}$/, "Unknown store.");

async function actorIn(storeId: string): Promise<ApiKeyActor> {
  return apiKeyActor(await requireStoreMember(storeId), await requestContext());
}

export type RevealOutcome = { ok: true; keyId: string; apiKey: string; webhookSecret: string } | { ok: false; message: string };

export async function revealApiKeyAction(storeId: string): Promise<RevealOutcome> {
  const id = storeIdSchema.safeParse(storeId);
  if (!id.success) return { ok: false, message: id.error.issues[0]!.message };
  try {
    return { ok: true, ...(await revealApiKey(await actorIn(id.data))) };
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message };
    throw error;
  }
}

export type RotateOutcome = { ok: true; message: string } | { ok: false; message: string };

export async function rotateApiKeyAction(storeId: string): Promise<RotateOutcome> {
  const id = storeIdSchema.safeParse(storeId);
  if (!id.success) return { ok: false, message: id.error.issues[0]!.message };
  try {
    const rotated = await rotateApiKey(await actorIn(id.data));
    revalidatePath(`/s/${id.data}/account/api`);
    return {
      ok: true,
      message: rotated.previous
        ? "New API key issued. The previous key keeps working for 24 hours: update your integrations before then."
        : "New API key issued.",
    };
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message };
    throw error;
  }
}
