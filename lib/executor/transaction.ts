// The executor's transactions, in as few round trips as their statements allow. On this kind of
// machine a round trip to PostgreSQL costs ~350 µs and ~170 µs of the caller's CPU (measured:
// a `SELECT $1` loop), more than most of the executor's statements take to run, and the hot
// transactions (dispatch, batch flush, claim) were mostly BEGIN and COMMIT: BEGIN now travels
// with the first statement and COMMIT with the last ones, as one simple-protocol query each
// (PostgreSQL runs the statements of one query string in order, stopping at the first error).
import pg from "pg";

export type Statement = { text: string; values?: readonly unknown[] };

/**
 * A statement with its parameters written in as literals, for the simple protocol (which has no
 * parameters). Strings, arrays, dates and JSON go through node-postgres's own text encoding and
 * escaping; `$n` must only appear as a parameter (the executor's SQL has no `$` in literals).
 */
export function inlined({ text, values = [] }: Statement): string {
  if (text.includes("$$")) throw new Error("Dollar-quoted SQL cannot be inlined");
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= values.length) throw new Error(`No value for $${n}`);
    return literal(values[index]);
  });
}

/** node-postgres's encoding of a parameter as text, exactly as the extended protocol sends it (not in @types/pg). */
const { prepareValue } = (pg as unknown as { utils: { prepareValue(value: unknown): string | Buffer | null } }).utils;

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" && Number.isFinite(value)) return value < 0 ? `(${value})` : String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "bigint") return value.toString();
  const text = prepareValue(value);
  if (text === null) return "NULL";
  if (typeof text !== "string") throw new Error("Binary values cannot be inlined");
  return pg.escapeLiteral(text);
}

/** Statements of one transaction on one pooled connection. */
export class Transaction {
  private state: "new" | "open" | "done" = "new";

  constructor(readonly client: pg.PoolClient) {}

  /** A statement of the transaction; the first one carries BEGIN in its round trip. */
  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: readonly unknown[] = []): Promise<pg.QueryResult<R>> {
    if (this.state === "done") throw new Error("The transaction is over");
    if (this.state === "open") return this.client.query<R>(text, values as unknown[]);
    this.state = "open";
    const [, result] = (await this.client.query(`BEGIN; ${inlined({ text, values })}`)) as unknown as pg.QueryResult<R>[];
    return result!;
  }

  /**
   * The transaction's last statements and COMMIT, in one round trip (with BEGIN too if nothing
   * ran yet). Resolves with each statement's result once committed; the transaction is over.
   */
  async commitWith(statements: readonly Statement[]): Promise<pg.QueryResult[]> {
    if (this.state === "done") throw new Error("The transaction is over");
    const begin = this.state === "new" ? ["BEGIN"] : [];
    const sql = [...begin, ...statements.map(inlined), "COMMIT"].join(";\n");
    this.state = "done";
    const results = (await this.client.query(sql)) as unknown as pg.QueryResult | pg.QueryResult[];
    const all = Array.isArray(results) ? results : [results];
    return all.slice(begin.length, begin.length + statements.length);
  }

  /** Ends it: COMMIT if anything ran and commitWith did not. */
  async finish(): Promise<void> {
    if (this.state === "open") await this.client.query("COMMIT");
    this.state = "done";
  }

  get started(): boolean {
    return this.state !== "new";
  }
}

export async function inTransaction<T>(pool: pg.Pool, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const tx = new Transaction(client);
  try {
    const result = await work(tx);
    await tx.finish();
    return result;
  } catch (error) {
    // Also after a failed commitWith: its statements stopped at the error, the BEGIN stands.
    if (tx.started) await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
