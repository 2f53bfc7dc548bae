// `npm run bench:log`: how fast the delivery log answers with 1,000,000 attempts in it. On a fresh
// PostgreSQL database (dropped at the end) it runs the large seed (scripts/db/seed-large.ts: ~400,000
// deliveries over 90 days in one store), then times the real query code, listDeliveries() with
// parseDeliverySearch(), as the log's pages call it, one request at a time:
//
//   store · first page        the log of the whole store, newest first
//   store · deep page         a cursor 80–90 % into the history (50 different ones, in turn)
//   webhook · first / deep    the same for the busiest webhook's log
//   store · status=failed     the first page filtered to failed deliveries
//   lookup · message id       the lookup box with a msg_… id (50 different ones)
//   lookup · notification id  the lookup box with a notification id (50 different ones)
//   …and a few filters without a target, for the record.
//
// Server-side time: the listDeliveries() call in this process, its SQL round trips included (the
// page's rendering is not). Targets for the first and deep pages: p50 ≤ 50 ms, p99 ≤ 150 ms.
// Then it prints EXPLAIN (ANALYZE, BUFFERS) of the SQL Prisma ran for them (captured from a
// client with query events, replayed with the same parameters) and checks that the deliveries
// are read through an index, never a Seq Scan of "Delivery" followed by a Sort.
//
// Env: BENCH_LOG_RUNS (timed runs per case, default 300), BENCH_LOG_WARMUP (default 30),
// BENCH_LOG_ATTEMPTS (attempts seeded, default 1,000,000).
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { seedLarge } from "@/scripts/db/seed-large";
import { createTestDatabase } from "@/scripts/db/test-database";
import { summary } from "./measure";

const runs = Number(process.env.BENCH_LOG_RUNS ?? 300);
const warmup = Number(process.env.BENCH_LOG_WARMUP ?? 30);
const seededAttempts = Number(process.env.BENCH_LOG_ATTEMPTS ?? 1_000_000);
const targets = { p50: 50, p99: 150 };

type Search = Record<string, string>;
type Case = { name: string; target: boolean; explain: "full" | "summary"; calls: { search: Search; webhookId?: string }[] };
type QueryEvent = { query: string; params: string };

const database = await createTestDatabase("log_bench");
let failed = false;
try {
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.APP_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

  console.log(`Seeding ${seededAttempts.toLocaleString("en")} attempts into ${new URL(database.url).pathname.slice(1)} …`);
  const seed = await seedLarge(database.url, { attempts: seededAttempts, log: () => {} });
  console.log(
    `Seeded in ${seed.seconds.toFixed(1)} s: ${seed.deliveries.toLocaleString("en")} deliveries (${Object.entries(seed.byStatus).map(([s, n]) => `${s} ${n.toLocaleString("en")}`).join(", ")}), ${seed.attempts.toLocaleString("en")} attempts`,
  );

  const { db } = await import("@/lib/db");
  const { PrismaClient } = await import("@/lib/generated/prisma/client");
  const { listDeliveries } = await import("@/lib/webhooks/log/list-deliveries");
  const { parseDeliverySearch } = await import("@/lib/webhooks/log/delivery-search");
  const { encodeCursor } = await import("@/lib/pagination/keyset-cursor");
  await db.$connect();

  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  const storeId = seed.storeId;
  const [busiest, second] = [...seed.webhooks].sort((a, b) => b.deliveries - a.deliveries) as [(typeof seed.webhooks)[number], (typeof seed.webhooks)[number]];

  /** 50 cursors 80–90 % of the way into a log (newest first), each naming the row before the page. */
  async function deepCursors(column: "storeId" | "webhookId", value: string, total: number) {
    const positions = Array.from({ length: 50 }, (_, k) => Math.floor(total * (0.8 + (0.1 * k) / 49)));
    const { rows } = await sql.query<{ id: string; ms: string; rn: string }>(
      `SELECT id, ms, rn FROM (SELECT id, (extract(epoch FROM "createdAt") * 1000)::bigint AS ms, row_number() OVER (ORDER BY "createdAt" DESC, id DESC) AS rn
                                  FROM "Delivery" WHERE "${column}" = $1) x WHERE rn = ANY($2) ORDER BY rn`,
      [value, positions],
    );
    return rows.map((r) => ({ cursor: encodeCursor(new Date(Number(r.ms)), r.id), position: Number(r.rn) }));
  }
  const storeTotal = seed.deliveries;
  const storeDeep = await deepCursors("storeId", storeId, storeTotal);
  const webhookDeep = await deepCursors("webhookId", busiest.id, busiest.deliveries);
  const secondDeep = await deepCursors("webhookId", second.id, second.deliveries);
  const messageIds = (await sql.query<{ v: string }>(`SELECT "messageId" AS v FROM "Delivery" WHERE "storeId" = $1 ORDER BY random() LIMIT 50`, [storeId])).rows.map((r) => r.v);
  const notificationIds = (
    await sql.query<{ v: string }>(`SELECT DISTINCT "notificationId"::text AS v FROM "Delivery" WHERE "storeId" = $1 AND "notificationId" IS NOT NULL ORDER BY v LIMIT 50 OFFSET 1000`, [storeId])
  ).rows.map((r) => r.v);
  /** A webhook by its share of the store's deliveries. */
  const share = (w: { deliveries: number }) => `(${Math.round((100 * w.deliveries) / seed.deliveries)} %)`;
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

  const cases: Case[] = [
    { name: "store · first page", target: true, explain: "full", calls: [{ search: {} }] },
    { name: "store · deep page (80–90 %)", target: true, explain: "full", calls: storeDeep.map((d) => ({ search: { cursor: d.cursor } })) },
    { name: `webhook ${share(busiest)} · first page`, target: true, explain: "full", calls: [{ search: {}, webhookId: busiest.id }] },
    { name: `webhook ${share(busiest)} · deep page`, target: true, explain: "full", calls: webhookDeep.map((d) => ({ search: { cursor: d.cursor }, webhookId: busiest.id })) },
    { name: `webhook ${share(second)} · first page`, target: true, explain: "summary", calls: [{ search: {}, webhookId: second.id }] },
    { name: `webhook ${share(second)} · deep page`, target: true, explain: "summary", calls: secondDeep.map((d) => ({ search: { cursor: d.cursor }, webhookId: second.id })) },
    { name: "store · status=failed, first page", target: true, explain: "summary", calls: [{ search: { status: "failed" } }] },
    { name: "lookup · message id", target: true, explain: "summary", calls: messageIds.map((q) => ({ search: { q } })) },
    { name: "lookup · notification id", target: true, explain: "summary", calls: notificationIds.map((q) => ({ search: { q } })) },
    // Without a target: other filters a merchant can set, for the record.
    { name: "(extra) status=failed, deep page", target: false, explain: "summary", calls: storeDeep.map((d) => ({ search: { status: "failed", cursor: d.cursor } })) },
    { name: "(extra) status=succeeded", target: false, explain: "summary", calls: [{ search: { status: "succeeded" } }] },
    { name: "(extra) status=pending", target: false, explain: "summary", calls: [{ search: { status: "pending" } }] },
    { name: "(extra) status=retrying", target: false, explain: "summary", calls: [{ search: { status: "retrying" } }] },
    { name: "(extra) topic=notification/sent", target: false, explain: "summary", calls: [{ search: { topic: "notification/sent" } }] },
    { name: "(extra) one day, 60 days ago", target: false, explain: "summary", calls: [{ search: { from: day(60), to: day(60) } }] },
    { name: "(extra) kind=test", target: false, explain: "summary", calls: [{ search: { kind: "test" } }] },
  ];

  // Correctness first: a deep page starts right after its cursor's row and is full.
  const probe = await listDeliveries(storeId, parseDeliverySearch({ cursor: storeDeep[0]!.cursor }));
  const expected = await sql.query<{ id: string }>(`SELECT id FROM "Delivery" WHERE "storeId" = $1 ORDER BY "createdAt" DESC, id DESC OFFSET $2 LIMIT 1`, [storeId, storeDeep[0]!.position]);
  if (probe.rows.length !== 25 || probe.rows[0]!.id !== expected.rows[0]!.id) throw new Error("The deep page does not start right after its cursor");

  // ── Timing ──
  console.log(`\nTiming ${runs} runs per case after ${warmup} warm-up runs, one at a time (load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}) …`);
  /** Times one case: warm-up, then `runs` calls one after another, its calls taken in turn. */
  async function time(c: Case) {
    const call = (i: number) => {
      const { search, webhookId } = c.calls[i % c.calls.length]!;
      return listDeliveries(storeId, parseDeliverySearch(search), { webhookId });
    };
    for (let i = 0; i < warmup; i++) await call(i);
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const page = await call(i);
      times.push(performance.now() - started);
      rows += page.rows.length;
    }
    return { c, s: summary(times), rows: rows / runs };
  }
  const ms = (v: number) => v.toFixed(1).padStart(7);
  const header = `${"case".padEnd(36)} ${"rows".padStart(5)} ${"p50 ms".padStart(7)} ${"p90 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"max ms".padStart(7)}  result (p50 ≤ ${targets.p50}, p99 ≤ ${targets.p99})`;
  function printRow({ c, s, rows }: Awaited<ReturnType<typeof time>>) {
    const pass = s.p50 <= targets.p50 && s.p99 <= targets.p99;
    console.log(`${c.name.padEnd(36)} ${rows.toFixed(0).padStart(5)} ${ms(s.p50)} ${ms(s.p90)} ${ms(s.p99)} ${ms(s.max)}  ${c.target ? (pass ? "PASS" : "FAIL") : pass ? "(within)" : "(over)"}`);
    return pass;
  }
  const results = [];
  for (const c of cases) results.push(await time(c));
  console.log(`\n${header}`);
  for (const result of results) if (!printRow(result) && result.c.target) failed = true;

  // ── The SQL behind the pages, and its plans ──
  const events: QueryEvent[] = [];
  const logging = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 1 }), log: [{ emit: "event", level: "query" }] });
  logging.$on("query", (e) => events.push({ query: e.query, params: e.params }));
  const appClient = (globalThis as { prisma?: unknown }).prisma;
  /** The statements one listDeliveries() call runs, captured from a client that logs them. */
  async function capture(call: Case["calls"][number]) {
    events.length = 0;
    (globalThis as { prisma?: unknown }).prisma = logging;
    try {
      await listDeliveries(storeId, parseDeliverySearch(call.search), { webhookId: call.webhookId });
    } finally {
      (globalThis as { prisma?: unknown }).prisma = appClient;
    }
    return [...events];
  }
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the SQL Prisma ran (captured with query events; replayed with the same parameters):`);
  for (const c of cases) {
    const statements = await capture(c.calls[Math.floor(c.calls.length / 2)]!);
    const deliveries = statements.find((s) => /FROM "public"\."Delivery"/.test(s.query));
    if (!deliveries) throw new Error(`No Delivery query captured for ${c.name}`);
    const plan = (await sql.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${deliveries.query}`, JSON.parse(deliveries.params))).rows.map((r) => r["QUERY PLAN"]);
    const text = plan.join("\n");
    const index = /Index (Only )?Scan (Backward )?using "?([\w]+)"? on "Delivery"/.exec(text);
    const seqScan = /Seq Scan on "Delivery"/.test(text);
    const sort = plan.some((l) => /^\s*(->\s*)?Sort\b/.test(l));
    const ok = Boolean(index) && !seqScan && !(c.target && c.explain === "full" && sort);
    if (c.target && !ok) failed = true;
    const verdict = `${ok ? "PASS" : c.target ? "FAIL" : "NOTE"}: ${index ? `${index[1] ? "Index Only Scan" : "Index Scan"}${index[2] ? " Backward" : ""} using ${index[3]}` : "no index scan of \"Delivery\""}${seqScan ? ", Seq Scan on \"Delivery\"" : ""}${sort ? ", with a Sort" : ""} — ${plan.find((l) => l.startsWith("Execution Time"))}`;
    if (c.explain === "full") {
      console.log(`\n── ${c.name} ──`);
      for (const s of statements) console.log(`SQL: ${s.query}\n     params ${s.params.length > 160 ? s.params.slice(0, 160) + "…" : s.params}`);
      console.log(text.split("\n").map((l) => `  ${l}`).join("\n"));
      console.log(`  ${verdict}`);
    } else {
      console.log(`\n── ${c.name} ── ${verdict}`);
      console.log(plan.filter((l) => /Scan|Sort|Limit/.test(l)).map((l) => `  ${l}`).join("\n"));
    }
  }
  console.log(`\n${failed ? "FAIL" : "PASS"}: first and deep pages ${failed ? "miss" : "meet"} p50 ≤ ${targets.p50} ms / p99 ≤ ${targets.p99} ms with an index scan.`);
  await logging.$disconnect();
  await sql.end();
  await db.$disconnect();
} finally {
  await database.drop();
}
if (failed) process.exitCode = 1;
