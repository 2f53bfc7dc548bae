import type pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/scripts/db/test-database";
import { createExecutorPool } from "./pool";
import { inlined, inTransaction } from "./transaction";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase("executor_transaction");
  pool = createExecutorPool(database.url, 2);
  await pool.query(`CREATE TABLE tx_test (id text PRIMARY KEY, n int)`);
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

beforeEach(async () => {
  await pool.query(`TRUNCATE tx_test`);
});

/** The queries a transaction sends, counted on the connection it takes. */
async function countingQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  const connect = pool.connect.bind(pool);
  const restore = () => ((pool as { connect: unknown }).connect = connect);
  (pool as { connect: unknown }).connect = async () => {
    const client = await connect();
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (text: string, ...rest: unknown[]) => (queries.push(text), query(text, ...rest));
    const release = client.release.bind(client);
    client.release = (error?: Error | boolean) => ((client as { query: unknown }).query = query, release(error));
    return client;
  };
  try {
    return { result: await work(), queries };
  } finally {
    restore();
  }
}

describe("inlined statements", () => {
  it("reads back every kind of value the executor sends exactly as sent through parameters", async () => {
    const values = [
      "it's a \\ \"quoted\" line\nand more",
      ["run_1", "with \"quote\"", "back\\slash", "comma,brace}"],
      JSON.stringify({ a: [1, "x'y"], b: null }),
      null,
      -42,
      12345678901234567890n,
      true,
      new Date("2026-12-03T17:00:00.123Z"),
      1.5,
    ];
    const text = `SELECT $1::text AS s, $2::text[] AS a, $3::json AS j, $4::text AS n, $5::int AS neg, $6::numeric AS big, $7::boolean AS b,
                          $8::timestamptz AS d, $9::float8 AS f`;
    const { rows: viaParameters } = await pool.query(text, values);
    const { rows: viaLiterals } = await pool.query(inlined({ text, values }));
    expect(viaLiterals).toEqual(viaParameters);
    expect(viaLiterals[0]).toMatchObject({ s: values[0], a: values[1], neg: -42, b: true, n: null });
  });

  it("refuses what it cannot write safely: a missing value, dollar quoting", () => {
    expect(() => inlined({ text: "SELECT $1, $2", values: [1] })).toThrow("No value for $2");
    expect(() => inlined({ text: "SELECT $$x$$", values: [] })).toThrow("Dollar-quoted");
  });
});

describe("inTransaction", () => {
  it("sends BEGIN with the first statement and COMMIT with the last ones: two round trips", async () => {
    const { result, queries } = await countingQueries(() =>
      inTransaction(pool, async (tx) => {
        const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM tx_test WHERE id <> $1`, ["x"]);
        const [inserted] = await tx.commitWith([
          { text: `INSERT INTO tx_test (id, n) VALUES ($1, $2) RETURNING id`, values: ["a", rows[0]!.n] },
          { text: `INSERT INTO tx_test (id, n) VALUES ($1, $2)`, values: ["b", 2] },
        ]);
        return inserted!.rows;
      }),
    );
    expect(result).toEqual([{ id: "a" }]);
    expect(queries).toHaveLength(2);
    expect(queries[0]).toMatch(/^BEGIN; SELECT/);
    expect(queries[1]).toMatch(/COMMIT$/);
    expect((await pool.query(`SELECT id, n FROM tx_test ORDER BY id`)).rows).toEqual([
      { id: "a", n: 0 },
      { id: "b", n: 2 },
    ]);
  });

  it("writes nothing when a statement of the commit fails, and the connection is usable again", async () => {
    await pool.query(`INSERT INTO tx_test (id, n) VALUES ('taken', 1)`);
    await expect(
      inTransaction(pool, async (tx) => {
        await tx.query(`UPDATE tx_test SET n = $1 WHERE id = $2`, [5, "taken"]);
        await tx.commitWith([
          { text: `INSERT INTO tx_test (id, n) VALUES ($1, 1)`, values: ["new"] },
          { text: `INSERT INTO tx_test (id, n) VALUES ($1, 1)`, values: ["taken"] },
        ]);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect((await pool.query(`SELECT id, n FROM tx_test ORDER BY id`)).rows).toEqual([{ id: "taken", n: 1 }]);
    // Both connections of the pool: none was returned inside an aborted transaction.
    const [one, two] = await Promise.all([pool.query(`SELECT 1 AS ok`), pool.query(`SELECT 1 AS ok`)]);
    expect([one.rows, two.rows]).toEqual([[{ ok: 1 }], [{ ok: 1 }]]);
  });

  it("rolls back what ran when the work throws between statements", async () => {
    await expect(
      inTransaction(pool, async (tx) => {
        await tx.query(`INSERT INTO tx_test (id, n) VALUES ($1, 1)`, ["half"]);
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    expect((await pool.query(`SELECT count(*)::int AS n FROM tx_test`)).rows[0]).toEqual({ n: 0 });
  });

  it("commits a transaction of plain statements once the work ends, and sends nothing for none", async () => {
    const ran = await countingQueries(() =>
      inTransaction(pool, async (tx) => {
        await tx.query(`INSERT INTO tx_test (id, n) VALUES ($1, 1)`, ["kept"]);
        await tx.query(`INSERT INTO tx_test (id, n) VALUES ($1, 2)`, ["also"]);
      }),
    );
    expect(ran.queries).toHaveLength(3);
    expect((await pool.query(`SELECT count(*)::int AS n FROM tx_test`)).rows[0]).toEqual({ n: 2 });
    const idle = await countingQueries(() => inTransaction(pool, async () => "nothing to do"));
    expect(idle).toEqual({ result: "nothing to do", queries: [] });
  });
});
