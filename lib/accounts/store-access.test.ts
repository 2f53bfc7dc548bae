import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { makeStore } from "@/tests/factories";
import { getStoreAccess, listStoresForUser } from "./store-access";

describe("store access", () => {
  it("gives a member their store and role", async () => {
    const { userId, storeId } = await makeStore("MEDIUM");
    const access = await getStoreAccess(userId, storeId);
    expect(access).toMatchObject({ role: "OWNER", store: { id: storeId, plan: "MEDIUM" } });
  });

  it("answers not_found for another store, exactly as for a missing one", async () => {
    const mine = await makeStore();
    const theirs = await makeStore();
    await expect(getStoreAccess(mine.userId, theirs.storeId)).rejects.toMatchObject({ code: "not_found", message: "Store not found" });
    await expect(getStoreAccess(mine.userId, "sto_missing")).rejects.toMatchObject({ code: "not_found", message: "Store not found" });
  });

  it("lists only the stores a user belongs to, members included", async () => {
    const a = await makeStore();
    const b = await makeStore();
    await db.membership.create({ data: { id: newId("membership"), userId: a.userId, storeId: b.storeId, role: "MEMBER" } });
    const stores = await listStoresForUser(a.userId);
    expect(stores.map((s) => [s.id, s.role])).toEqual([
      [a.storeId, "OWNER"],
      [b.storeId, "MEMBER"],
    ]);
    expect((await listStoresForUser(b.userId)).map((s) => s.id)).toEqual([b.storeId]);
  });
});
