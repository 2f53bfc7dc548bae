// `npm run db:seed:large`: a delivery log the size of a busy store's, to measure the log's pages
// on (`npm run bench:log`). Into DATABASE_URL's database (else the dev database, as `npm run dev`
// resolves it; migrations applied first) it adds, to the demo Medium store (Leafy Tea Co.,
// leafy-tea.test; `npm run db:seed` runs first when it is missing) or the store named by
// `--store <domain|id|name>` / SEED_LARGE_STORE:
//
//   4 webhooks (Off, so the dev app never sends to them): notification/create and
//   notification/sent to a healthy CRM endpoint, notification/* to a flaky automation endpoint,
//   and an ERP endpoint that was only ever sent test payloads;
//   ~400,000 deliveries over the last 90 days with 1,000,000 attempts (`--attempts N`): about 80 %
//   succeed first time, some after retries, ~6 % fail all 20 attempts; the last 48 hours hold
//   chains still RETRYING and the last 90 seconds PENDING deliveries; a few test deliveries.
//
// Rows are generated in SQL (INSERT … SELECT over generate_series), 25,000 events a transaction,
// with ids in the app's formats (dlv_/msg_/att_/evt_ + ULID) whose time part is the row's time,
// so ids sort as createdAt does. Refuses when the store is already seeded; `--reset` removes
// what an earlier run added (the seeded webhooks, their deliveries and attempts).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { decodeTime, ulid } from "ulid";
import type { Plan } from "@/lib/generated/prisma/enums";
import { deliveryHeaders, deliveryUserAgent, loggedHeaders } from "@/lib/webhooks/delivery-request";
import { deliveryRetentionDays } from "@/lib/webhooks/retention/delete-expired-deliveries";
import { retryDelaysMs } from "@/lib/webhooks/retry-schedule";
import { examplePayload, notificationPayloadSchema } from "@/lib/webhooks/topics";
import { projectRoot } from "./schema-engine";

export const defaultStoreDomain = "leafy-tea.test";
const day = 86_400_000;
const eventsPerBatch = 25_000;
/** Consecutive events that hold every outcome slot once, so attempts add up exactly (see `outcomeSlots`). */
const block = 500;

/** The seeded webhooks; their URLs are how a later run (or `--reset`) recognises them. */
const seededWebhooks = [
  { key: "create", topic: "notification/create", url: "https://crm.shop-hooks.example/bis/notification-create", isActive: false },
  { key: "sent", topic: "notification/sent", url: "https://crm.shop-hooks.example/bis/notification-sent", isActive: false },
  { key: "all", topic: "notification/*", url: "https://automations.flaky-relay.example/hooks/back-in-stock", isActive: false },
  { key: "erp", topic: "notification/create", url: "https://erp-staging.shop-hooks.example/webhooks/back-in-stock", isActive: false },
] as const;
export const seededWebhookUrls = seededWebhooks.map((w) => w.url);

/**
 * The outcome of each delivery by its slot: `k` attempts, the last one succeeding (`ok`) or the
 * 20th failing. Slot = (event × prime) mod 500, so every run of 500 events uses each slot once.
 * Lane 0 (the topic's own webhook) is healthy; lane 1 (the wildcard one) is flaky. Together
 * 1,000 deliveries plan exactly 2,500 attempts.
 */
function outcomeSlots() {
  const lane = (spec: [attempts: number, count: number, ok: boolean][]) => spec.flatMap(([k, count, ok]) => Array.from({ length: count }, () => ({ k, ok })));
  const healthy = lane([[1, 465, true], [2, 15, true], [3, 8, true], [4, 5, true], [20, 7, false]]);
  const flaky = lane([
    [1, 330, true], [2, 43, true], [3, 24, true], [4, 15, true], [5, 12, true], [6, 8, true], [7, 6, true],
    [8, 5, true], [10, 4, true], [13, 2, true], [17, 1, true], [20, 50, false],
  ]);
  const sum = (lane: { k: number }[]) => lane.reduce((s, o) => s + o.k, 0);
  if (healthy.length !== block || flaky.length !== block || sum(healthy) + sum(flaky) !== 5 * block) throw new Error("outcome slots do not add up");
  // Spread each lane's outcomes over its slots (a fixed shuffle), so neighbouring slots differ.
  const spread = <T>(items: T[]) => items.map((item, i) => ({ item, order: (i * 263) % block })).sort((a, b) => a.order - b.order).map((x) => x.item);
  return [spread(healthy), spread(flaky)];
}

/** Offset of attempt n (1-based) from the first, per the retry schedule, and the step before it. */
function scheduleRows() {
  const rows: { n: number; cum: number; step: number }[] = [{ n: 1, cum: 0, step: 0 }];
  for (let n = 2; n <= retryDelaysMs.length + 1; n++) {
    const step = retryDelaysMs[n - 2]!;
    rows.push({ n, cum: rows[n - 2]!.cum + step, step });
  }
  return rows;
}

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** SQL for a ULID from three bigint columns: the time in ms (48 bits) and two 40-bit random halves. */
function ulidSql(ms: string, r1: string, r2: string): string {
  const chars = (value: string, count: number) =>
    Array.from({ length: count }, (_, k) => `substr('${crockford}', ((${value} >> ${5 * (count - 1 - k)}) & 31)::int + 1, 1)`);
  return `(${[...chars(ms, 10), ...chars(r1, 8), ...chars(r2, 8)].join(" || ")})`;
}
const rand40 = "floor(random() * 1099511627776)::bigint";
const tsSql = (ms: string) => `(to_timestamp((${ms})::double precision / 1000) AT TIME ZONE 'UTC')::timestamp(3)`;
const isoSecondsSql = (ms: string) => `to_char(to_timestamp((${ms}) / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export type SeedLargeOptions = {
  /** Domain, id or name of the store; the demo Medium store by default. */
  store?: string;
  /** Attempts to make (default 1,000,000); deliveries are about 0.4 × this. */
  attempts?: number;
  log?: (line: string) => void;
};

export type SeedLargeResult = {
  storeId: string;
  storeName: string;
  /** How many days of log the store's plan keeps (the app's retention job deletes older deliveries daily). */
  retentionDays: number;
  webhooks: { id: string; topic: string; url: string; deliveries: number }[];
  deliveries: number;
  attempts: number;
  byStatus: Record<string, number>;
  seconds: number;
};

/** Finds the store (running the demo seed when the default store is missing). */
async function findStore(client: pg.Client, url: string, store: string | undefined, log: (line: string) => void) {
  const query = () => client.query<{ id: string; name: string; domain: string; plan: Plan }>(`SELECT id, name, domain, plan::text FROM "Store" WHERE domain = $1 OR id = $1 OR name = $1 LIMIT 1`, [store ?? defaultStoreDomain]);
  let found = await query();
  if (!found.rows[0] && !store) {
    log(`No ${defaultStoreDomain} store here: running the demo seed (npm run db:seed) first …`);
    const run = spawnSync(path.join(projectRoot, "node_modules/.bin/tsx"), ["--conditions=react-server", "prisma/seed.ts"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (run.status !== 0) throw new Error(`The demo seed failed (exit ${run.status})`);
    found = await query();
  }
  if (!found.rows[0]) throw new SeedLargeError(`No store with domain, id or name "${store ?? defaultStoreDomain}".`);
  return found.rows[0];
}

/** The seeded webhooks already in the store, with their delivery counts. */
async function existingSeed(client: pg.Client, storeId: string) {
  const { rows } = await client.query<{ id: string; deliveries: string }>(
    `SELECT w.id, (SELECT count(*) FROM "Delivery" d WHERE d."webhookId" = w.id) AS deliveries FROM "Webhook" w WHERE w."storeId" = $1 AND w.url = ANY($2)`,
    [storeId, seededWebhookUrls],
  );
  return rows;
}

/** Removes what seedLarge added to the store; returns the deliveries and attempts removed. */
export async function resetLargeSeed(url: string, options: Pick<SeedLargeOptions, "store" | "log"> = {}) {
  const log = options.log ?? console.log;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const store = await findStore(client, url, options.store, log);
    const ids = (await existingSeed(client, store.id)).map((w) => w.id);
    await client.query("BEGIN");
    // Attempts and deliveries first, by their webhook indexes: much faster than the cascades.
    const attempts = await client.query(`DELETE FROM "DeliveryAttempt" WHERE "webhookId" = ANY($1)`, [ids]);
    const deliveries = await client.query(`DELETE FROM "Delivery" WHERE "webhookId" = ANY($1)`, [ids]);
    await client.query(`DELETE FROM "Webhook" WHERE id = ANY($1)`, [ids]);
    await client.query("COMMIT");
    await client.query(`ANALYZE "Delivery", "DeliveryAttempt", "Webhook"`);
    return { store, webhooks: ids.length, deliveries: deliveries.rowCount ?? 0, attempts: attempts.rowCount ?? 0 };
  } finally {
    await client.end();
  }
}

export async function seedLarge(url: string, options: SeedLargeOptions = {}): Promise<SeedLargeResult> {
  const log = options.log ?? console.log;
  const targetAttempts = options.attempts ?? 1_000_000;
  // Two deliveries an event, 2.5 attempts a delivery: 5 attempts an event, in whole blocks.
  const events = Math.max(block, Math.floor(targetAttempts / 5 / block) * block);
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const store = await findStore(client, url, options.store, log);
    const already = await existingSeed(client, store.id);
    if (already.length > 0) {
      const n = already.reduce((s, w) => s + Number(w.deliveries), 0);
      throw new SeedLargeError(`${store.name} (${store.domain}) is already seeded: ${already.length} seeded webhooks with ${n.toLocaleString("en")} deliveries. Run with --reset to remove them first.`);
    }
    await client.query("SET synchronous_commit = off");
    await client.query("SET work_mem = '128MB'");

    const now = Date.now();
    const startMs = now - 90 * day;
    /** Attempts due after this are not made yet: the newest deliveries are still PENDING. */
    const horizonMs = now - 90_000;
    const appUrl = process.env.APP_URL ?? "http://localhost:3000";

    // ── Webhooks ──
    const webhooks = seededWebhooks.map((w, i) => {
      const createdMs = startMs - (20 - i * 3) * day;
      return { ...w, id: `wh_${ulid(createdMs)}`, createdMs };
    });
    const wh = Object.fromEntries(webhooks.map((w) => [w.key, w])) as Record<(typeof seededWebhooks)[number]["key"], (typeof webhooks)[number]>;
    for (const w of webhooks) {
      await client.query(
        `INSERT INTO "Webhook" (id, "storeId", topic, url, "isActive", state, "consecutiveFailures", "lastSuccessAt", "lastFailureAt", "lastError", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, 'ACTIVE', $6, $7, $8, $9, ${tsSql("$10::bigint")}, now())`,
        [
          w.id, store.id, w.topic, w.url, w.isActive,
          w.key === "all" ? 3 : 0,
          w.key === "erp" ? new Date(w.createdMs + 3_600_000) : new Date(now - 120_000),
          w.key === "all" ? new Date(now - 100_000) : w.key === "erp" ? new Date(w.createdMs + 600_000) : null,
          w.key === "all" ? "The endpoint answered 502." : w.key === "erp" ? "The endpoint refused the connection." : null,
          w.createdMs,
        ],
      );
    }

    // ── Lookup tables for the generator (temporary: gone when this session ends) ──
    const lanes = outcomeSlots();
    await client.query(`CREATE TEMP TABLE seed_slot (lane int, slot int, k int, ok boolean, PRIMARY KEY (lane, slot))`);
    await client.query(
      `INSERT INTO seed_slot SELECT l, s - 1, k, ok FROM unnest($1::int[], $2::int[], $3::int[], $4::boolean[]) AS t(l, s, k, ok)`,
      [
        lanes.flatMap((lane, l) => lane.map(() => l)),
        lanes.flatMap((lane) => lane.map((_, s) => s + 1)),
        lanes.flatMap((lane) => lane.map((o) => o.k)),
        lanes.flatMap((lane) => lane.map((o) => o.ok)),
      ],
    );
    const schedule = scheduleRows();
    await client.query(`CREATE TEMP TABLE seed_schedule (n int PRIMARY KEY, cum bigint, step bigint)`);
    await client.query(`INSERT INTO seed_schedule SELECT * FROM unnest($1::int[], $2::bigint[], $3::bigint[])`, [schedule.map((r) => r.n), schedule.map((r) => r.cum), schedule.map((r) => r.step)]);
    const variants = await client.query<{ product_id: string; product_title: string; variant_id: string; variant_title: string; sku: string | null }>(
      `SELECT p.id AS product_id, p.title AS product_title, v.id AS variant_id, v.title AS variant_title, v.sku
         FROM "Variant" v JOIN "Product" p ON p.id = v."productId" WHERE v."storeId" = $1 ORDER BY v.id`,
      [store.id],
    );
    const example = examplePayload("notification/create").product;
    const catalog = variants.rows.length
      ? variants.rows
      : [{ product_id: String(example.product_id), product_title: example.product_title, variant_id: String(example.variant_id), variant_title: example.variant_title, sku: example.sku }];
    await client.query(`CREATE TEMP TABLE seed_variant (idx int PRIMARY KEY, product_id bigint, product_title text, variant_id bigint, variant_title text, sku text)`);
    for (const [i, v] of catalog.entries()) {
      await client.query(`INSERT INTO seed_variant VALUES ($1, $2, $3, $4, $5, $6)`, [i, v.product_id, v.product_title, v.variant_id, v.variant_title, v.sku]);
    }
    // The request headers as the log keeps them (signatures "[redacted]"); per-attempt values are set in SQL.
    const headerTemplate = loggedHeaders(
      deliveryHeaders({ messageId: "msg_template", topic: "notification/create", attempt: 1, body: "{}", keys: ["template-key"], now: new Date(now), userAgent: deliveryUserAgent(appUrl) }),
    );
    for (const name of ["x-bis-topic", "x-bis-webhook-id", "x-bis-attempt", "webhook-id", "webhook-timestamp"]) {
      if (!(name in headerTemplate)) throw new Error(`deliveryHeaders no longer sends ${name}: update seed-large.ts`);
    }

    // ── Deliveries and attempts, one transaction per batch of events ──
    const insertBatch = `
      CREATE TEMP TABLE sd ON COMMIT DROP AS
      WITH ev AS (
        SELECT e,
               -- Evenly over the 90 days; the last 4 events in the last minute, whose first attempts are not made yet.
               CASE WHEN e >= $5 - 4 THEN $3::bigint + $4::bigint - ($5 - e) * 15000
                    ELSE $3::bigint + floor((e + random()) * $4::double precision / $5)::bigint END AS ms,
               CASE WHEN random() < 0.6 THEN 'notification/create' ELSE 'notification/sent' END AS topic,
               random() AS r_channel, random() AS r_misc, random() AS r_sent
          FROM generate_series($1::int, $2::int - 1) AS e
      ), d AS (
        SELECT ev.*, lanes.lane, s.k, s.ok,
               CASE WHEN lanes.lane = 1 THEN $6 WHEN ev.topic = 'notification/create' THEN $7 ELSE $8 END AS webhook_id,
               20 + floor(random() * 400)::int AS first_delay,
               ${rand40} AS r1, ${rand40} AS r2, ${rand40} AS r3, ${rand40} AS r4, ${rand40} AS r5, ${rand40} AS r6
          FROM ev CROSS JOIN (VALUES (0), (1)) AS lanes(lane)
          JOIN seed_slot s ON s.lane = lanes.lane AND s.slot = (ev.e::bigint * CASE lanes.lane WHEN 0 THEN 7919 ELSE 6007 END) % ${block}
      )
      SELECT d.e, d.lane, d.ms, d.topic, d.k, d.ok, d.webhook_id, d.first_delay,
             'dlv_' || ${ulidSql("d.ms", "d.r1", "d.r2")} AS id,
             'msg_' || ${ulidSql("d.ms", "d.r3", "d.r4")} AS message_id,
             'evt_' || ${ulidSql("(d.ms - 40)", "d.r5", "d.r6")} AS event_id,
             n.notification_id,
             format('{"notification_id":%s,"topic":%s,"timestamp":%s,"channel":%s,"customer":{"email":%s,"sms":%s},"quantity_required":%s,"customer_language":%s,"customer_utc_offset":%s,"created_at":%s,"product":{"product_id":%s,"product_title":%s,"variant_id":%s,"variant_title":%s,"sku":%s}}',
                    n.notification_id, to_json(d.topic), to_json(${isoSecondsSql("d.ms")}),
                    CASE WHEN d.r_channel < 0.85 THEN '"email"' ELSE '"sms"' END,
                    CASE WHEN d.r_channel < 0.85 THEN to_json('shopper' || n.notification_id || '@example.com')::text ELSE 'null' END,
                    CASE WHEN d.r_channel < 0.85 THEN 'null' ELSE to_json('+1415' || lpad((n.notification_id % 10000000)::text, 7, '0'))::text END,
                    CASE WHEN d.r_misc < 0.8 THEN 1 WHEN d.r_misc < 0.95 THEN 2 ELSE 3 END,
                    to_json((ARRAY['en-GB','en-US','fr-FR','de-DE','es-ES'])[1 + (n.notification_id % 5)::int]),
                    (ARRAY[0, -18000, 3600, 14400, 19800, -28800])[1 + (n.notification_id % 6)::int],
                    to_json(${isoSecondsSql("d.ms - CASE WHEN d.topic = 'notification/create' THEN 1000 ELSE (3600000 + floor(d.r_sent * 20 * 86400000))::bigint END")}),
                    v.product_id, to_json(v.product_title), v.variant_id, to_json(v.variant_title), coalesce(to_json(v.sku)::text, 'null')) AS body
        FROM d
        CROSS JOIN LATERAL (SELECT CASE WHEN d.topic = 'notification/create' THEN 5000000 + d.e
                                        ELSE 5000000 + greatest(0, d.e - 1 - floor(d.r_sent * 3000)::int) END::bigint AS notification_id) n
        JOIN seed_variant v ON v.idx = (n.notification_id / 3 % $9)::int;

      ANALYZE sd;

      CREATE TEMP TABLE sa ON COMMIT DROP AS
      SELECT x.*,
             CASE WHEN ok THEN NULL WHEN r_err < 0.45 THEN 'http_5xx' WHEN r_err < 0.70 THEN 'timeout' WHEN r_err < 0.80 THEN 'refused'
                  WHEN r_err < 0.88 THEN 'reset' WHEN r_err < 0.95 THEN 'http_4xx' WHEN r_err < 0.98 THEN 'dns' ELSE 'tls' END AS error_class
        FROM (SELECT sd.id AS delivery_id, sd.message_id, sd.webhook_id, sd.topic, c.n,
                     sd.ms + sd.first_delay + c.cum + floor((random() - 0.5) * 0.2 * c.step)::bigint AS start_ms,
                     (c.n = sd.k AND sd.ok) AS ok, random() AS r_err, random() AS r_code, random() AS r_time,
                     ${rand40} AS r1, ${rand40} AS r2
                FROM sd JOIN seed_schedule c ON c.n <= sd.k) x;

      CREATE TEMP TABLE sa2 ON COMMIT DROP AS
      SELECT sa.*,
             CASE WHEN ok THEN (ARRAY[200, 200, 200, 200, 200, 200, 202, 204, 201, 200])[1 + floor(r_code * 10)::int]
                  WHEN error_class = 'http_5xx' THEN (ARRAY[500, 502, 502, 503, 504])[1 + floor(r_code * 5)::int]
                  WHEN error_class = 'http_4xx' THEN (ARRAY[400, 401, 404, 429])[1 + floor(r_code * 4)::int] END AS status,
             CASE WHEN ok THEN 40 + floor(60 * exp(r_time * 2.5))::int
                  WHEN error_class = 'timeout' THEN 5000 + floor(r_time * 15)::int
                  WHEN error_class = 'refused' THEN 1 + floor(r_time * 4)::int
                  WHEN error_class = 'dns' THEN 3 + floor(r_time * 40)::int
                  WHEN error_class = 'tls' THEN 15 + floor(r_time * 60)::int
                  WHEN error_class = 'reset' THEN 50 + floor(r_time * 3000)::int
                  WHEN error_class = 'http_5xx' THEN 30 + floor(r_time * 1500)::int
                  ELSE 20 + floor(r_time * 200)::int END AS duration_ms
        FROM sa WHERE start_ms <= $10;

      ANALYZE sa, sa2;

      INSERT INTO "Delivery" (id, "messageId", "storeId", "webhookId", "eventId", "notificationId", topic, body, "isTest", status, "attemptCount",
                              "lastStatusCode", "lastLatencyMs", "lastErrorClass", "nextAttemptAt", "completedAt", "createdAt", "updatedAt")
      SELECT sd.id, sd.message_id, $11, sd.webhook_id, sd.event_id, sd.notification_id, sd.topic, sd.body, false,
             (CASE WHEN agg.r IS NULL THEN 'PENDING' WHEN agg.r < sd.k THEN 'RETRYING' WHEN sd.ok THEN 'SUCCEEDED' ELSE 'FAILED' END)::"DeliveryStatus",
             coalesce(agg.r, 0), last.status, last.duration_ms, last.error_class,
             CASE WHEN agg.r < sd.k THEN ${tsSql("nxt.start_ms")} END,
             CASE WHEN agg.r = sd.k THEN ${tsSql("last.start_ms + last.duration_ms + 5")} END,
             ${tsSql("sd.ms")},
             ${tsSql("coalesce(last.start_ms + last.duration_ms + 5, sd.ms)")}
        FROM sd
        LEFT JOIN (SELECT delivery_id, max(n) AS r FROM sa2 GROUP BY delivery_id) agg ON agg.delivery_id = sd.id
        LEFT JOIN sa2 last ON last.delivery_id = sd.id AND last.n = agg.r
        LEFT JOIN sa nxt ON nxt.delivery_id = sd.id AND nxt.n = coalesce(agg.r, 0) + 1
       ORDER BY sd.ms, sd.id;

      -- (first batch) The foreign-key check of each attempt below is planned once per session: with
      -- "Delivery" still looking empty it would be a sequential scan per row, quadratic in the batch.
      ANALYZE_FIRST_BATCH;

      INSERT INTO "DeliveryAttempt" (id, "deliveryId", "webhookId", "attemptNumber", "startedAt", "durationMs", "requestHeaders",
                                     "responseStatus", "responseHeaders", "responseBody", "errorClass", "errorMessage", succeeded)
      SELECT 'att_' || ${ulidSql("a.start_ms", "a.r1", "a.r2")}, a.delivery_id, a.webhook_id, a.n, ${tsSql("a.start_ms")}, a.duration_ms,
             $12::jsonb || jsonb_build_object('x-bis-topic', a.topic, 'x-bis-webhook-id', a.message_id, 'x-bis-attempt', a.n::text,
                                              'webhook-id', a.message_id, 'webhook-timestamp', (a.start_ms / 1000)::text),
             a.status,
             CASE WHEN a.status IS NOT NULL THEN jsonb_build_object(
               'content-type', CASE WHEN a.status = 502 OR a.status = 504 THEN 'text/html' ELSE 'application/json; charset=utf-8' END,
               'date', to_char(to_timestamp(a.start_ms / 1000) AT TIME ZONE 'UTC', 'Dy, DD Mon YYYY HH24:MI:SS "GMT"'),
               'server', CASE WHEN a.webhook_id = $6 THEN 'cloudflare' ELSE 'nginx' END,
               'content-length', length(rb.body)::text) END,
             rb.body, a.error_class,
             CASE a.error_class
               WHEN 'http_5xx' THEN 'The endpoint answered ' || a.status || '.'
               WHEN 'http_4xx' THEN 'The endpoint answered ' || a.status || '.'
               WHEN 'timeout' THEN 'The endpoint took longer than 5 s to answer.'
               WHEN 'refused' THEN 'The endpoint refused the connection.'
               WHEN 'reset' THEN 'The connection was dropped (ECONNRESET).'
               WHEN 'dns' THEN 'The endpoint''s host name does not resolve.'
               WHEN 'tls' THEN 'The TLS handshake failed (CERT_HAS_EXPIRED).' END,
             a.ok
        FROM sa2 a
        CROSS JOIN LATERAL (SELECT CASE
               WHEN a.status = 204 THEN ''
               WHEN a.ok THEN '{"received":true}'
               WHEN a.status = 502 THEN E'<html>\\r\\n<head><title>502 Bad Gateway</title></head>\\r\\n<body>\\r\\n<center><h1>502 Bad Gateway</h1></center>\\r\\n</body>\\r\\n</html>\\r\\n'
               WHEN a.status = 504 THEN E'<html>\\r\\n<head><title>504 Gateway Time-out</title></head>\\r\\n<body>\\r\\n<center><h1>504 Gateway Time-out</h1></center>\\r\\n</body>\\r\\n</html>\\r\\n'
               WHEN a.status = 503 THEN '{"error":"service unavailable","retry_after":30}'
               WHEN a.status = 500 THEN '{"error":"internal server error"}'
               WHEN a.status = 400 THEN '{"error":"unexpected payload"}'
               WHEN a.status = 401 THEN '{"error":"invalid signature"}'
               WHEN a.status = 404 THEN '{"error":"not found"}'
               WHEN a.status = 429 THEN '{"error":"rate limited"}' END AS body) rb
       ORDER BY a.start_ms;`;
    const statements = insertBatch.split(/;\s*\n\s*\n/).map((s) => s.trim()).filter(Boolean);
    for (let from = 0; from < events; from += eventsPerBatch) {
      const to = Math.min(events, from + eventsPerBatch);
      const params: unknown[] = [from, to, startMs, now - startMs - 1000, events, wh.all.id, wh.create.id, wh.sent.id, catalog.length, horizonMs, store.id, JSON.stringify(headerTemplate)];
      const batchStarted = performance.now();
      await client.query("BEGIN");
      for (const sql of statements) {
        if (sql.includes("ANALYZE_FIRST_BATCH")) {
          if (from === 0) await client.query(`ANALYZE "Delivery"`);
          continue;
        }
        // Each statement gets only the parameters it uses, renumbered (PostgreSQL wants every $n typed).
        const used = [...new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
        await client.query(sql.replace(/\$(\d+)/g, (_, d: string) => `$${used.indexOf(Number(d)) + 1}`), used.map((n) => params[n - 1]));
      }
      await client.query("COMMIT");
      log(`  events ${from.toLocaleString("en")}–${to.toLocaleString("en")} of ${events.toLocaleString("en")} in ${((performance.now() - batchStarted) / 1000).toFixed(1)} s`);
    }

    // ── A few test payloads: the ERP endpoint tried before going live, and the CRM's first test ──
    const tests = [
      ...[0, 1, 2, 3, 4, 5].map((i) => ({ w: wh.erp, ms: wh.erp.createdMs + 60_000 + i * 900_000, ok: i >= 3, cls: i < 2 ? "refused" : i === 2 ? "tls" : null })),
      ...[0, 1].map((i) => ({ w: wh.create, ms: wh.create.createdMs + 120_000 + i * 300_000, ok: true, cls: null })),
      { w: wh.all, ms: startMs + 45 * day, ok: false, cls: "http_4xx" as string | null },
      { w: wh.all, ms: startMs + 45 * day + 600_000, ok: true, cls: null },
    ];
    for (const t of tests) {
      const topic = t.w.topic === "notification/sent" ? "notification/sent" : "notification/create";
      const body = JSON.stringify(notificationPayloadSchema.parse({ ...examplePayload(topic), timestamp: new Date(t.ms).toISOString().slice(0, 19) + "Z", test: true }));
      const deliveryId = `dlv_${ulid(t.ms)}`;
      const messageId = `msg_${ulid(t.ms)}`;
      const startedMs = t.ms + 15;
      const duration = t.cls === "refused" ? 2 : t.cls === "tls" ? 48 : 180;
      const status = t.ok ? 200 : t.cls === "http_4xx" ? 401 : null;
      const headers = { ...headerTemplate, "x-bis-topic": topic, "x-bis-webhook-id": messageId, "x-bis-attempt": "1", "webhook-id": messageId, "webhook-timestamp": String(Math.floor(startedMs / 1000)) };
      const message = t.cls === "refused" ? "The endpoint refused the connection." : t.cls === "tls" ? "The TLS handshake failed (CERT_HAS_EXPIRED)." : t.cls ? "The endpoint answered 401." : null;
      await client.query(
        `INSERT INTO "Delivery" (id, "messageId", "storeId", "webhookId", topic, body, "isTest", status, "attemptCount", "lastStatusCode", "lastLatencyMs", "lastErrorClass", "completedAt", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6, true, $7, 1, $8, $9, $10, ${tsSql("$11::bigint")}, ${tsSql("$12::bigint")}, ${tsSql("$11::bigint")})`,
        [deliveryId, messageId, store.id, t.w.id, topic, body, t.ok ? "SUCCEEDED" : "FAILED", status, duration, t.cls, startedMs + duration + 5, t.ms],
      );
      await client.query(
        `INSERT INTO "DeliveryAttempt" (id, "deliveryId", "webhookId", "attemptNumber", "startedAt", "durationMs", "requestHeaders", "responseStatus", "responseHeaders", "responseBody", "errorClass", "errorMessage", succeeded)
         VALUES ($1, $2, $3, 1, ${tsSql("$4::bigint")}, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [`att_${ulid(startedMs)}`, deliveryId, t.w.id, startedMs, duration, JSON.stringify(headers), status,
         status ? JSON.stringify({ "content-type": "application/json; charset=utf-8", server: "nginx" }) : null,
         status === 200 ? '{"received":true}' : status ? '{"error":"invalid signature"}' : null, t.cls, message, t.ok],
      );
    }

    // ── Top up to exactly the attempts asked for: chains of the last 48 hours are not finished yet,
    //    so the blocks above made a little less. The rest are single-attempt successes to the
    //    topic's own webhook, spread over the older history (events the wildcard webhook missed). ──
    const ids = webhooks.map((w) => w.id);
    const made = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "DeliveryAttempt" WHERE "webhookId" = ANY($1)`, [ids])).rows[0]!.n);
    const gap = targetAttempts - made;
    if (gap > 0) {
      await client.query("BEGIN");
      await client.query(
        `CREATE TEMP TABLE st ON COMMIT DROP AS
         SELECT x.*, 'dlv_' || ${ulidSql("x.ms", "x.r1", "x.r2")} AS id, 'msg_' || ${ulidSql("x.ms", "x.r3", "x.r4")} AS message_id,
                'evt_' || ${ulidSql("(x.ms - 40)", "x.r5", "x.r6")} AS event_id, 'att_' || ${ulidSql("(x.ms + 120)", "x.r7", "x.r8")} AS attempt_id
           FROM (SELECT g, $1::bigint + floor(random() * $2::double precision)::bigint AS ms,
                        CASE WHEN random() < 0.6 THEN 'notification/create' ELSE 'notification/sent' END AS topic,
                        40 + floor(60 * exp(random() * 2.5))::int AS duration_ms,
                        ${rand40} AS r1, ${rand40} AS r2, ${rand40} AS r3, ${rand40} AS r4, ${rand40} AS r5, ${rand40} AS r6, ${rand40} AS r7, ${rand40} AS r8
                   FROM generate_series(1, $3::int) AS g) x`,
        [startMs, 87 * day, gap],
      );
      await client.query(
        `INSERT INTO "Delivery" (id, "messageId", "storeId", "webhookId", "eventId", "notificationId", topic, body, status, "attemptCount", "lastStatusCode", "lastLatencyMs", "completedAt", "createdAt", "updatedAt")
         SELECT st.id, st.message_id, $1, CASE WHEN st.topic = 'notification/create' THEN $2 ELSE $3 END, st.event_id, 9000000 + st.g, st.topic,
                format('{"notification_id":%s,"topic":%s,"timestamp":%s,"channel":"email","customer":{"email":%s,"sms":null},"quantity_required":1,"customer_language":"en-US","customer_utc_offset":-18000,"created_at":%s,"product":{"product_id":%s,"product_title":%s,"variant_id":%s,"variant_title":%s,"sku":%s}}',
                       9000000 + st.g, to_json(st.topic), to_json(${isoSecondsSql("st.ms")}), to_json('shopper' || (9000000 + st.g) || '@example.com'),
                       to_json(${isoSecondsSql("st.ms - 1000")}), v.product_id, to_json(v.product_title), v.variant_id, to_json(v.variant_title), coalesce(to_json(v.sku)::text, 'null')),
                'SUCCEEDED', 1, 200, st.duration_ms, ${tsSql("st.ms + 120 + st.duration_ms + 5")}, ${tsSql("st.ms")}, ${tsSql("st.ms + 120 + st.duration_ms + 5")}
           FROM st JOIN seed_variant v ON v.idx = st.g % $4
          ORDER BY st.ms`,
        [store.id, wh.create.id, wh.sent.id, catalog.length],
      );
      await client.query(
        `INSERT INTO "DeliveryAttempt" (id, "deliveryId", "webhookId", "attemptNumber", "startedAt", "durationMs", "requestHeaders", "responseStatus", "responseHeaders", "responseBody", succeeded)
         SELECT st.attempt_id, st.id, CASE WHEN st.topic = 'notification/create' THEN $1 ELSE $2 END, 1, ${tsSql("st.ms + 120")}, st.duration_ms,
                $3::jsonb || jsonb_build_object('x-bis-topic', st.topic, 'x-bis-webhook-id', st.message_id, 'x-bis-attempt', '1', 'webhook-id', st.message_id, 'webhook-timestamp', ((st.ms + 120) / 1000)::text),
                200, jsonb_build_object('content-type', 'application/json; charset=utf-8', 'server', 'nginx', 'content-length', '17'), '{"received":true}', true
           FROM st ORDER BY st.ms`,
        [wh.create.id, wh.sent.id, JSON.stringify(headerTemplate)],
      );
      await client.query("COMMIT");
    }
    await client.query(`ANALYZE "Delivery", "DeliveryAttempt", "Webhook"`);

    // ── What it made, and a check that bodies and ids are in the app's formats ──
    const counts = await client.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM "Delivery" WHERE "webhookId" = ANY($1) GROUP BY status ORDER BY status`, [ids]);
    const byStatus = Object.fromEntries(counts.rows.map((r) => [r.status, Number(r.n)]));
    const perWebhook = await client.query<{ id: string; n: string }>(`SELECT "webhookId" AS id, count(*) AS n FROM "Delivery" WHERE "webhookId" = ANY($1) GROUP BY 1`, [ids]);
    const attempts = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "DeliveryAttempt" WHERE "webhookId" = ANY($1)`, [ids])).rows[0]!.n);
    const samples = await client.query<{ id: string; message_id: string; ms: string; body: string }>(
      `SELECT id, "messageId" AS message_id, (extract(epoch FROM "createdAt") * 1000)::bigint AS ms, body FROM "Delivery" WHERE "webhookId" = ANY($1) ORDER BY random() LIMIT 5`,
      [ids],
    );
    for (const s of samples.rows) {
      if (!/^dlv_[0-9A-Z]{26}$/.test(s.id) || !/^msg_[0-9A-Z]{26}$/.test(s.message_id) || decodeTime(s.id.slice(4)) !== Number(s.ms)) throw new Error(`Seeded ids are off: ${s.id} at ${s.ms}`);
      if (JSON.stringify(notificationPayloadSchema.parse(JSON.parse(s.body))) !== s.body) throw new Error(`A seeded body is not in the payload's shape and order: ${s.body}`);
    }
    const deliveries = Object.values(byStatus).reduce((a, b) => a + b, 0);
    return {
      storeId: store.id,
      storeName: store.name,
      retentionDays: deliveryRetentionDays(store.plan),
      webhooks: webhooks.map((w) => ({ id: w.id, topic: w.topic, url: w.url, deliveries: Number(perWebhook.rows.find((r) => r.id === w.id)?.n ?? 0) })),
      deliveries,
      attempts,
      byStatus,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await client.end();
  }
}

/** A refusal to report as one line (already seeded, no such store), not a crash. */
export class SeedLargeError extends Error {}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const { resolveDatabaseUrl } = await import("./database-url");
  const { applyMigrations } = await import("./schema-engine");
  const { url, stop } = await resolveDatabaseUrl();
  try {
    const applied = await applyMigrations(url);
    if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
    const store = flag("--store") ?? process.env.SEED_LARGE_STORE;
    if (process.argv.includes("--reset")) {
      const removed = await resetLargeSeed(url, { store });
      console.log(`Removed from ${removed.store.name} (${removed.store.domain}): ${removed.webhooks} seeded webhooks, ${removed.deliveries.toLocaleString("en")} deliveries, ${removed.attempts.toLocaleString("en")} attempts.`);
      return;
    }
    const attempts = flag("--attempts") ? Number(flag("--attempts")) : undefined;
    if (attempts !== undefined && !(Number.isInteger(attempts) && attempts >= 2500)) throw new Error("--attempts takes a whole number ≥ 2500");
    console.log(`Seeding the delivery log of ${store ?? defaultStoreDomain} (${new URL(url).pathname.slice(1)}) …`);
    const result = await seedLarge(url, { store, attempts });
    console.log(`Seeded ${result.storeName} (${result.storeId}) in ${result.seconds.toFixed(1)} s:`);
    for (const w of result.webhooks) console.log(`  ${w.id}  ${w.topic.padEnd(20)} ${w.url}  ${w.deliveries.toLocaleString("en")} deliveries`);
    console.log(`  ${result.deliveries.toLocaleString("en")} deliveries (${Object.entries(result.byStatus).map(([s, n]) => `${s} ${n.toLocaleString("en")}`).join(", ")})`);
    console.log(`  ${result.attempts.toLocaleString("en")} attempts over the last 90 days`);
    if (result.retentionDays < 90) {
      console.log(
        `Note: this store's plan keeps ${result.retentionDays} days of delivery log, so the app's daily retention job (03:00 UTC) will delete the older seeded deliveries; seed an Enterprise store (--store atlas-home.test) to keep all 90 days.`,
      );
    }
    console.log(`Remove them with: npm run db:seed:large -- --reset${store ? ` --store ${store}` : ""}`);
  } catch (error) {
    if (!(error instanceof SeedLargeError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    await stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
