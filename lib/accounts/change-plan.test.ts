import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { makeStore } from "@/tests/factories";
import { changePlan } from "./change-plan";

const support = { id: "usr_support", email: "support@test", name: "Support", role: "SUPPORT" as const };

describe("changePlan", () => {
  it("moves the store and records who, what and why", async () => {
    const { storeId } = await makeStore("MEDIUM");
    await changePlan(support, { storeId, plan: "LARGE", reason: "Upgrade requested by email" }, { ip: "10.1.1.1" });
    expect((await db.store.findUniqueOrThrow({ where: { id: storeId } })).plan).toBe("LARGE");
    const audit = await db.auditLog.findFirstOrThrow({ where: { storeId, action: "store.plan_changed" } });
    expect(audit).toMatchObject({ actorEmail: "support@test", actorRole: "support", ip: "10.1.1.1", details: { from: "MEDIUM", to: "LARGE", reason: "Upgrade requested by email" } });
  });

  it("pauses webhooks on a downgrade instead of deleting them", async () => {
    const { storeId } = await makeStore("MEDIUM");
    await db.webhook.create({ data: { id: newId("webhook"), storeId, topic: "notification/create", url: "https://hooks.shop.com/a", isActive: true } });
    await changePlan(support, { storeId, plan: "SMALL", reason: "Downgrade" }, {});
    expect(await db.webhook.count({ where: { storeId, isActive: true } })).toBe(1);
  });

  it("refuses non-support users, unknown stores and no-op changes", async () => {
    const { storeId, userId } = await makeStore("MEDIUM");
    await expect(changePlan({ ...support, id: userId, role: "USER" }, { storeId, plan: "LARGE", reason: "x" }, {})).rejects.toMatchObject({ code: "forbidden" });
    await expect(changePlan(support, { storeId: "sto_missing", plan: "LARGE", reason: "x" }, {})).rejects.toMatchObject({ code: "not_found" });
    await expect(changePlan(support, { storeId, plan: "MEDIUM", reason: "x" }, {})).rejects.toMatchObject({ code: "conflict" });
    expect(await db.auditLog.count({ where: { storeId, action: "store.plan_changed" } })).toBe(0);
  });
});
