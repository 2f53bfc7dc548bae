import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { makeStore } from "@/tests/factories";
import { auditSearchString, listAuditActions, listAuditLog, parseAuditSearch } from "./audit-log";

// Other test files write audit rows into the same database at the same time, so every query
// here is narrowed to this file's own stores or to actor emails only this run uses.

const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const supportEmail = `agent-${tag}@support.test`;
const otherEmail = `other-${tag}@support.test`;

let storeA: string;
let storeB: string;
/** Ids of this file's rows by name, created with set times (March 2024, UTC). */
const ids: Record<string, string> = {};

async function row(name: string, at: string, fields: { storeId?: string | null; actorEmail?: string; action: string; details?: object }) {
  const id = newId("audit");
  ids[name] = id;
  await db.auditLog.create({
    data: {
      id,
      actorUserId: null,
      actorEmail: fields.actorEmail ?? supportEmail,
      actorRole: "support",
      storeId: fields.storeId ?? null,
      action: fields.action,
      targetType: "store",
      targetId: fields.storeId ?? "none",
      details: fields.details,
      ip: "203.0.113.7",
      createdAt: new Date(at),
    },
  });
}

beforeAll(async () => {
  storeA = (await makeStore("MEDIUM")).storeId;
  storeB = (await makeStore("MEDIUM")).storeId;
  // Sign-up wrote one audit row per store, now: newer than everything below.
  await row("a1", "2024-03-01T00:00:00.000Z", { storeId: storeA, action: "support.store_viewed" });
  await row("a2", "2024-03-02T10:00:00.000Z", { storeId: storeA, action: `support.customer_data_revealed`, details: { reason: "Ticket 1234: checking the payload" } });
  // Two rows at the very same instant: the id breaks the tie.
  await row("a3", "2024-03-02T12:00:00.000Z", { storeId: storeA, action: "delivery.resent", details: { firstAttempt: 4, reason: "Owner asked for it again" } });
  await row("a4", "2024-03-02T12:00:00.000Z", { storeId: storeA, action: "support.delivery_viewed", actorEmail: otherEmail });
  await row("a5", "2024-03-03T23:59:59.999Z", { storeId: storeA, action: "support.store_viewed" });
  await row("a6", "2024-03-04T00:00:00.000Z", { storeId: storeA, action: "support.store_viewed" });
  await row("b1", "2024-03-02T11:00:00.000Z", { storeId: storeB, action: "support.store_viewed" });
  await row("n1", "2024-03-02T13:00:00.000Z", { storeId: null, action: "executor.run_rerun", actorEmail: otherEmail });
});

const names = (rows: { id: string }[]) => rows.map((r) => Object.entries(ids).find(([, id]) => id === r.id)?.[0] ?? "sign-up");

describe("listAuditLog", () => {
  it("lists one store's rows newest first, a page at a time, ties broken by id, with the store's name", async () => {
    const store = await db.store.findUniqueOrThrow({ where: { id: storeA } });
    const first = await listAuditLog({ store: storeA }, { limit: 3 });
    expect(names(first.rows)).toEqual(["sign-up", "a6", "a5"]);
    expect(first.rows[0]).toMatchObject({ action: "account.sign_up", storeId: storeA, storeName: store.name });
    const second = await listAuditLog({ store: storeA, cursor: first.nextCursor! }, { limit: 3 });
    expect(names(second.rows)).toEqual(["a4", "a3", "a2"]);
    const third = await listAuditLog({ store: storeA, cursor: second.nextCursor! }, { limit: 3 });
    expect(names(third.rows)).toEqual(["a1"]);
    expect(third.nextCursor).toBeNull();
    // A page that ends exactly at the last row has no next page.
    expect((await listAuditLog({ store: storeA }, { limit: 7 })).nextCursor).toBeNull();
    // The tie a3/a4 split across two pages.
    const split = await listAuditLog({ store: storeA, from: "2024-03-02", to: "2024-03-02" }, { limit: 1 });
    expect(names(split.rows)).toEqual(["a4"]);
    expect(names((await listAuditLog({ store: storeA, from: "2024-03-02", to: "2024-03-02", cursor: split.nextCursor! }, { limit: 1 })).rows)).toEqual(["a3"]);
  });

  it("filters by time range in whole UTC days, both ends included", async () => {
    const { rows } = await listAuditLog({ store: storeA, from: "2024-03-01", to: "2024-03-03" });
    expect(names(rows)).toEqual(["a5", "a4", "a3", "a2", "a1"]);
    expect(names((await listAuditLog({ store: storeA, from: "2024-03-04" })).rows)).toEqual(["sign-up", "a6"]);
    expect(names((await listAuditLog({ store: storeA, to: "2024-02-29" })).rows)).toEqual([]);
  });

  it("filters by part of the actor's email (any case) and by action, across stores", async () => {
    const byOther = await listAuditLog({ actor: `OTHER-${tag}` });
    expect(names(byOther.rows)).toEqual(["n1", "a4"]);
    expect(byOther.rows[0]).toMatchObject({ storeId: null, storeName: null, actorEmail: otherEmail });
    const mine = await listAuditLog({ actor: tag, action: "support.store_viewed" }, { limit: 2 });
    expect(names(mine.rows)).toEqual(["a6", "a5"]);
    expect(names((await listAuditLog({ actor: tag, action: "support.store_viewed", cursor: mine.nextCursor! }, { limit: 2 })).rows)).toEqual(["b1", "a1"]);
    expect(names((await listAuditLog({ store: storeB, actor: tag })).rows)).toEqual(["b1"]);
    expect((await listAuditLog({ store: storeB, action: "delivery.resent" })).rows).toEqual([]);
    expect((await listAuditLog({ store: "sto_nope" })).rows).toEqual([]);
    // LIKE wildcards in the filter are taken literally.
    expect((await listAuditLog({ store: storeA, actor: "%" })).rows).toEqual([]);
    expect((await listAuditLog({ store: storeA, actor: "_" })).rows).toEqual([]);
    expect(names((await listAuditLog({ store: storeA, actor: `other-${tag}@` })).rows)).toEqual(["a4"]);
  });

  it("keeps the reason in the details", async () => {
    const { rows } = await listAuditLog({ store: storeA, action: "delivery.resent" });
    expect(rows.map((r) => r.details)).toEqual([{ firstAttempt: 4, reason: "Owner asked for it again" }]);
  });

  it("starts from the newest when the cursor is unreadable", async () => {
    expect(names((await listAuditLog({ store: storeB, cursor: "not-a-cursor" })).rows)).toEqual(["sign-up", "b1"]);
  });
});

describe("listAuditActions", () => {
  it("lists each action that occurs once, in order", async () => {
    const actions = await listAuditActions();
    expect(actions).toEqual(expect.arrayContaining(["account.sign_up", "delivery.resent", "executor.run_rerun", "support.customer_data_revealed", "support.store_viewed"]));
    expect(actions).toEqual([...new Set(actions)].sort());
  });
});

describe("parseAuditSearch and auditSearchString", () => {
  it("reads the URL's filters, dropping empty and bad values, and writes them back", () => {
    const search = parseAuditSearch({ store: " sto_1 ", actor: "", action: ["delivery.resent", "x"], from: "2024-13-01", to: "2024-03-03", other: "y" });
    expect(search).toEqual({ store: "sto_1", action: "delivery.resent", to: "2024-03-03" });
    expect(auditSearchString(search)).toBe("?store=sto_1&action=delivery.resent&to=2024-03-03");
    expect(auditSearchString({})).toBe("");
  });
});
