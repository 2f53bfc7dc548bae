import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { makeStore } from "@/tests/factories";
import { createAccount } from "./create-account";

describe("createAccount", () => {
  it("creates the user, a Free store, the owner membership, an API key and an audit entry", async () => {
    const { userId, storeId, input } = await makeStore();
    const store = await db.store.findUniqueOrThrow({ where: { id: storeId }, include: { memberships: true, apiKeys: true } });
    expect(store.plan).toBe("FREE");
    expect(store.id).toMatch(/^sto_[0-9A-Z]{26}$/);
    expect(store.memberships).toEqual([expect.objectContaining({ userId, role: "OWNER" })]);
    expect(store.apiKeys).toHaveLength(1);
    expect(store.apiKeys[0]!.encryptedSecret).not.toContain("bis_live_");
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.passwordHash).not.toContain(input.password);
    expect(await db.auditLog.count({ where: { storeId, action: "account.sign_up" } })).toBe(1);
  });

  it("refuses an existing email with a field error and writes nothing", async () => {
    const { input, userId } = await makeStore();
    const otherDomain = `other-${Date.now()}.test`;
    const attempt = createAccount({ ...input, storeDomain: otherDomain });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "conflict", details: { fieldErrors: { email: [expect.stringContaining("already exists")] } } });
    expect(await db.store.count({ where: { domain: otherDomain } })).toBe(0);
    expect(await db.membership.count({ where: { userId } })).toBe(1);
  });

  it("refuses a registered store domain", async () => {
    const { input } = await makeStore();
    const attempt = createAccount({ ...input, email: `new-${Date.now()}@shop.test` });
    await expect(attempt).rejects.toMatchObject({ code: "conflict", details: { fieldErrors: { storeDomain: [expect.any(String)] } } });
  });

  it("lets exactly one of two racing sign-ups with the same email through", async () => {
    const tag = Date.now().toString(36);
    const base = { name: "Racer", email: `race-${tag}@shop.test`, password: "0123456789ab", storeName: "Race" };
    const results = await Promise.allSettled([
      createAccount({ ...base, storeDomain: `race-a-${tag}.test` }),
      createAccount({ ...base, storeDomain: `race-b-${tag}.test` }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "conflict" });
    expect(await db.store.count({ where: { domain: { startsWith: "race-", endsWith: `-${tag}.test` } } })).toBe(1);
  });
});
