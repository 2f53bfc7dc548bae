// The delivery log's pages read deliveries through an index, however deep the page: the SQL
// listDeliveries() runs (captured from Prisma's query events) is EXPLAINed on a store with
// 30,000 deliveries, and its plan must be an Index Scan of "Delivery" in the keyset order,
// never a Seq Scan of it, nor a Sort of the whole log. `npm run bench:log` times the same
// pages on 1,000,000 attempts.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { encodeCursor } from "@/lib/pagination/keyset-cursor";
import { parseDeliverySearch } from "@/lib/webhooks/log/delivery-search";
import { listDeliveries } from "@/lib/webhooks/log/list-deliveries";
import { makeStore } from "@/tests/factories";

const deliveries = 30_000;

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

let sql: pg.Client;
const loggingClient = () =>
  new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 1 }), log: [{ emit: "event", level: "query" }] });
let logging: ReturnType<typeof loggingClient>;
let storeId: string;
let webhookIds: string[];
const captured: { query: string; params: string }[] = [];

beforeAll(async () => {
  // Enterprise keeps 90 days, so the retention test running beside this one never deletes these rows.
  ({ storeId } = await makeStore("ENTERPRISE"));
  webhookIds = [];
  for (const topic of ["notification/create", "notification/*"]) {
    const webhook = await db.webhook.create({ data: { id: newId("webhook"), storeId, topic, url: `https://hooks.example.com/${topic}`, isActive: true } });
    webhookIds.push(webhook.id);
  }
  sql = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await sql.connect();
  // 30,000 deliveries over 30 days, newest last; ids in the app's shape, sorting as createdAt does.
  await sql.query(
    `INSERT INTO "Delivery" (id, "messageId", "storeId", "webhookId", "notificationId", topic, body, status, "attemptCount", "isTest", "createdAt", "updatedAt")
     SELECT 'dlv_' || lpad(g::text, 26, '0'), 'msg_' || lpad(g::text, 26, '0'), $1, ($2::text[])[1 + g % 2], 1000000 + g / 2,
            CASE WHEN g % 5 < 3 THEN 'notification/create' ELSE 'notification/sent' END, '{}',
            (CASE WHEN g % 50 = 0 THEN 'FAILED' WHEN g % 97 = 0 THEN 'RETRYING' ELSE 'SUCCEEDED' END)::"DeliveryStatus", 1 + (g % 50 = 0)::int * 19,
            g % 1000 = 0, now() - interval '30 days' + g * interval '86 seconds', now()
       FROM generate_series(1, $3::int) AS g`,
    [storeId, webhookIds, deliveries],
  );
  await sql.query(`ANALYZE "Delivery"`);
  logging = loggingClient();
  logging.$on("query", (e) => captured.push({ query: e.query, params: e.params }));
});

afterAll(async () => {
  await sql?.query(`DELETE FROM "Delivery" WHERE "storeId" = $1`, [storeId]);
  await sql?.end();
  await logging?.$disconnect();
});

/** Runs one page of the log through a Prisma client that logs its SQL; returns the page and the plan of its Delivery query. */
async function explainPage(search: Record<string, string>, webhookId?: string) {
  captured.length = 0;
  const global = globalThis as { prisma?: unknown };
  const appClient = global.prisma;
  global.prisma = logging; // lib/db's client reads globalThis.prisma on every use
  let page;
  try {
    page = await listDeliveries(storeId, parseDeliverySearch(search), { webhookId });
  } finally {
    global.prisma = appClient;
  }
  const statement = captured.find((s) => s.query.includes(`FROM "public"."Delivery"`));
  expect(statement, "the Delivery query was captured").toBeDefined();
  const { rows } = await sql.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${statement!.query}`, JSON.parse(statement!.params));
  return { page, plan: nodes(rows[0]!["QUERY PLAN"][0].Plan) };
}

/** The cursor of the row `fraction` of the way into the log (newest first). */
async function cursorAt(fraction: number, webhookId?: string) {
  const { rows } = await sql.query<{ id: string; ms: string }>(
    `SELECT id, (extract(epoch FROM "createdAt") * 1000)::bigint AS ms FROM "Delivery"
      WHERE "storeId" = $1 AND ($2::text IS NULL OR "webhookId" = $2) ORDER BY "createdAt" DESC, id DESC OFFSET $3 LIMIT 1`,
    [storeId, webhookId ?? null, Math.floor(deliveries * (webhookId ? 0.5 : 1) * fraction)],
  );
  return encodeCursor(new Date(Number(rows[0]!.ms)), rows[0]!.id);
}

function expectIndexedKeysetRead(plan: PlanNode[], indexes: string[]) {
  const deliveryScans = plan.filter((n) => n["Relation Name"] === "Delivery");
  expect(deliveryScans.map((n) => n["Node Type"])).toEqual(["Index Scan"]);
  expect(indexes).toContain(deliveryScans[0]!["Index Name"]);
  expect(plan.map((n) => n["Node Type"])).not.toContain("Sort");
}

describe("the delivery log's SQL uses an index", () => {
  it("for the store's first page and a page 85 % deep", async () => {
    const first = await explainPage({});
    expect(first.page.rows).toHaveLength(25);
    expectIndexedKeysetRead(first.plan, ["Delivery_storeId_createdAt_id_idx"]);

    const deep = await explainPage({ cursor: await cursorAt(0.85) });
    expect(deep.page.rows).toHaveLength(25);
    expectIndexedKeysetRead(deep.plan, ["Delivery_storeId_createdAt_id_idx"]);
  });

  it("for one webhook's first page and a page 85 % deep", async () => {
    const webhookIndexes = ["Delivery_storeId_createdAt_id_idx", "Delivery_webhookId_createdAt_id_idx"];
    const first = await explainPage({}, webhookIds[1]);
    expect(first.page.rows.every((r) => r.webhook.id === webhookIds[1])).toBe(true);
    expectIndexedKeysetRead(first.plan, webhookIndexes);

    const deep = await explainPage({ cursor: await cursorAt(0.85, webhookIds[1]) }, webhookIds[1]);
    expect(deep.page.rows).toHaveLength(25);
    expectIndexedKeysetRead(deep.plan, webhookIndexes);
  });

  it("for the failed and retrying filters and the lookups, with no Seq Scan of Delivery", async () => {
    for (const [search, index] of [
      [{ status: "failed" }, "Delivery_storeId_failureStatus_createdAt_id_idx"],
      [{ status: "retrying" }, "Delivery_storeId_failureStatus_createdAt_id_idx"],
      [{ q: `msg_${"12345".padStart(26, "0")}` }, "Delivery_messageId_idx"],
      [{ q: "1006000" }, "Delivery_notificationId_idx"],
      [{ kind: "test" }, "Delivery_test_storeId_createdAt_id_idx"],
    ] as const) {
      const { page, plan } = await explainPage(search);
      expect(page.rows.length).toBeGreaterThan(0);
      expect(plan.filter((n) => n["Relation Name"] === "Delivery").map((n) => [n["Node Type"], n["Index Name"]])).toEqual([["Index Scan", index]]);
    }
  });
});
