import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { standardWebhooksSecret } from "@/lib/webhooks/signing";
import { makeStore } from "@/tests/factories";
import { apiKeyActor } from "./api-key-actor";
import { authenticateApiKey } from "./authenticate-api-key";
import { getApiKeyOverview } from "./queries";
import { revealApiKey } from "./reveal-api-key";
import { rotateApiKey, rotationOverlapMs } from "./rotate-api-key";
import { signingKeysFor } from "./signing-keys";

const hour = 3_600_000;

/** A signed-up store with its owner and one member, as the actors the app would build. */
async function storeWithTeam() {
  const { storeId, userId, input } = await makeStore("MEDIUM");
  const store = { id: storeId };
  const member = await db.user.create({
    data: { id: newId("user"), email: `member-${storeId.toLowerCase()}@shop.test`, name: "Member", passwordHash: "unused" },
  });
  await db.membership.create({ data: { id: newId("membership"), userId: member.id, storeId, role: "MEMBER" } });
  return {
    storeId,
    owner: apiKeyActor({ user: { id: userId, email: input.email }, store, role: "OWNER" }, { ip: "203.0.113.7" }),
    member: apiKeyActor({ user: { id: member.id, email: member.email }, store, role: "MEMBER" }),
  };
}

async function auditRows(storeId: string, action: string) {
  return db.auditLog.findMany({ where: { storeId, action }, orderBy: { createdAt: "asc" } });
}

describe("API key reveal and rotation", () => {
  it("reveals the current key to a member, with its Standard Webhooks secret, and audits it without the key", async () => {
    const { storeId, member } = await storeWithTeam();
    const revealed = await revealApiKey(member);
    expect(revealed.apiKey).toMatch(/^bis_live_[A-Za-z0-9_-]{43}$/);
    expect(revealed.webhookSecret).toBe(standardWebhooksSecret(revealed.apiKey));
    expect(await authenticateApiKey(revealed.apiKey)).toMatchObject({ storeId, keyId: revealed.keyId });

    const [audit] = await auditRows(storeId, "api_key.revealed");
    expect(audit).toMatchObject({ actorUserId: member.actor.userId, actorRole: "member", targetType: "api_key", targetId: revealed.keyId });
    expect(JSON.stringify(audit)).not.toContain(revealed.apiKey);
    expect(JSON.stringify(audit)).not.toContain(revealed.apiKey.slice(9, 30));
  });

  it("refuses rotation to a member, changing nothing", async () => {
    const { storeId, member } = await storeWithTeam();
    const before = await revealApiKey(member);
    const error = await rotateApiKey(member).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe("forbidden");
    expect((await revealApiKey(member)).apiKey).toBe(before.apiKey);
    expect(await db.apiKey.count({ where: { storeId } })).toBe(1);
    expect(await auditRows(storeId, "api_key.rotated")).toHaveLength(0);
  });

  it("rotates for the owner: a new key, and the old one authenticates until its validUntil and not after", async () => {
    const { storeId, owner } = await storeWithTeam();
    const old = await revealApiKey(owner);
    const rotatedAt = new Date();
    const rotated = await rotateApiKey(owner, rotatedAt);
    const validUntil = new Date(rotatedAt.getTime() + rotationOverlapMs);
    expect(rotated.previous).toEqual({ keyId: old.keyId, validUntil });

    const fresh = await revealApiKey(owner);
    expect(fresh.keyId).toBe(rotated.keyId);
    expect(fresh.apiKey).not.toBe(old.apiKey);
    expect(fresh.apiKey.slice(-4)).toBe(rotated.lastFour);

    expect(await authenticateApiKey(fresh.apiKey)).toMatchObject({ storeId, keyId: fresh.keyId });
    expect(await authenticateApiKey(old.apiKey, new Date(rotatedAt.getTime() + 23 * hour))).toMatchObject({ storeId, keyId: old.keyId });
    expect(await authenticateApiKey(old.apiKey, new Date(validUntil.getTime() - 1))).not.toBeNull();
    expect(await authenticateApiKey(old.apiKey, validUntil)).toBeNull();
    expect(await authenticateApiKey(old.apiKey, new Date(validUntil.getTime() + hour))).toBeNull();
    // The new key is not limited by the overlap window.
    expect(await authenticateApiKey(fresh.apiKey, new Date(validUntil.getTime() + 100 * hour))).not.toBeNull();

    const [audit] = await auditRows(storeId, "api_key.rotated");
    expect(audit).toMatchObject({ actorRole: "owner", targetId: fresh.keyId, ip: "203.0.113.7" });
    expect(audit!.details).toEqual({ previousKeyId: old.keyId, previousValidUntil: validUntil.toISOString() });
    for (const secret of [old.apiKey, fresh.apiKey]) expect(JSON.stringify(audit)).not.toContain(secret);

    expect(await getApiKeyOverview(storeId, new Date(rotatedAt.getTime() + hour))).toMatchObject({
      current: { id: fresh.keyId, lastFour: rotated.lastFour },
      previous: [{ id: old.keyId, lastFour: old.apiKey.slice(-4), validUntil }],
    });
    expect((await getApiKeyOverview(storeId, validUntil)).previous).toEqual([]);
  });

  it("signs with the current key first and the previous one during the overlap only", async () => {
    const { storeId, owner } = await storeWithTeam();
    const old = await revealApiKey(owner);
    expect(await signingKeysFor(storeId)).toEqual([old.apiKey]);

    const rotatedAt = new Date();
    await rotateApiKey(owner, rotatedAt);
    const fresh = await revealApiKey(owner);
    expect(await signingKeysFor(storeId, new Date(rotatedAt.getTime() + hour))).toEqual([fresh.apiKey, old.apiKey]);
    expect(await signingKeysFor(storeId, new Date(rotatedAt.getTime() + rotationOverlapMs))).toEqual([fresh.apiKey]);
  });

  it("a key already in its overlap window keeps its own expiry when the owner rotates again", async () => {
    const { storeId, owner } = await storeWithTeam();
    const first = await revealApiKey(owner);
    const t0 = new Date(Date.now() - 2 * hour);
    await rotateApiKey(owner, t0);
    const second = await revealApiKey(owner);
    const t1 = new Date(t0.getTime() + hour);
    await rotateApiKey(owner, t1);
    const third = await revealApiKey(owner);

    const firstRow = await db.apiKey.findUniqueOrThrow({ where: { id: first.keyId } });
    expect(firstRow.validUntil).toEqual(new Date(t0.getTime() + rotationOverlapMs));
    const secondRow = await db.apiKey.findUniqueOrThrow({ where: { id: second.keyId } });
    expect(secondRow.validUntil).toEqual(new Date(t1.getTime() + rotationOverlapMs));

    const during = new Date(t1.getTime() + hour);
    expect(await signingKeysFor(storeId, during)).toEqual([third.apiKey, second.apiKey, first.apiKey]);
    // Past the first key's expiry, only the first drops out.
    const between = new Date(t0.getTime() + rotationOverlapMs + 1);
    expect(await signingKeysFor(storeId, between)).toEqual([third.apiKey, second.apiKey]);
    expect(await authenticateApiKey(first.apiKey, between)).toBeNull();
    expect(await authenticateApiKey(second.apiKey, between)).not.toBeNull();
    expect(await db.apiKey.count({ where: { storeId, retiredAt: null } })).toBe(1);
  });

  it("creates a key when a store somehow has none; reveal says so until then", async () => {
    const { storeId, owner, member } = await storeWithTeam();
    await db.apiKey.deleteMany({ where: { storeId } });
    const error = await revealApiKey(member).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe("not_found");
    expect(await signingKeysFor(storeId)).toEqual([]);

    const rotated = await rotateApiKey(owner);
    expect(rotated.previous).toBeNull();
    expect((await revealApiKey(member)).keyId).toBe(rotated.keyId);
  });

  it("two rotations at once leave exactly one current key", async () => {
    const { storeId, owner } = await storeWithTeam();
    await Promise.all([rotateApiKey(owner), rotateApiKey(owner), rotateApiKey(owner)]);
    expect(await db.apiKey.count({ where: { storeId, retiredAt: null } })).toBe(1);
    expect(await db.apiKey.count({ where: { storeId } })).toBe(4);
    expect(await signingKeysFor(storeId)).toHaveLength(4);
  });
});
