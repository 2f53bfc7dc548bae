// With Inngest Cloud or a self-hosted Inngest server configured, the outbox's events are sent
// there. Rows are marked sent in the transaction that locked them, after Inngest accepted
// them; a crash in between re-sends them, and Inngest drops the duplicate by the event id.
import pg from "pg";
import { inTransaction } from "./transaction";
import { createExecutorPool } from "./pool";
import type { InngestEvent } from "./protocol";

export type RelayOptions = {
  databaseUrl: string;
  send: (events: InngestEvent[]) => Promise<unknown>;
  batchSize?: number;
  pollIntervalMs?: number;
  log?: (message: string) => void;
};

export class OutboxRelay {
  private readonly pool: pg.Pool;
  private listener?: pg.Client;
  private timer?: NodeJS.Timeout;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(private readonly options: RelayOptions) {
    this.pool = createExecutorPool(options.databaseUrl, 2);
  }

  async start() {
    this.listener = new pg.Client({ connectionString: this.options.databaseUrl });
    this.listener.on("error", (error) => this.options.log?.(`Relay lost its database connection: ${error.message}`));
    await this.listener.connect();
    await this.listener.query("LISTEN executor_event");
    this.listener.on("notification", () => void this.relay());
    this.timer = setInterval(() => void this.relay(), this.options.pollIntervalMs ?? 5000);
    this.timer.unref();
    await this.relay();
  }

  async stop() {
    this.stopped = true;
    clearInterval(this.timer);
    await this.listener?.end().catch(() => {});
    await this.pool.end().catch(() => {});
  }

  /** Sends unsent events until none are left; returns how many were sent. */
  async relay(): Promise<number> {
    if (this.running) {
      this.again = true;
      return 0;
    }
    this.running = true;
    let total = 0;
    try {
      do {
        this.again = false;
        if (this.stopped) break;
        const sent = await this.relayBatch();
        total += sent;
        if (sent === (this.options.batchSize ?? 500)) this.again = true;
      } while (this.again);
    } catch (error) {
      this.options.log?.(`Relaying events failed (they stay in the outbox): ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
    return total;
  }

  private relayBatch(): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ id: string; name: string; data: Record<string, unknown>; ts: string }>(
        `SELECT id, name, data, (extract(epoch FROM "createdAt") * 1000)::bigint AS ts FROM "OutboxEvent"
          WHERE "sentAt" IS NULL ORDER BY "createdAt", id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize ?? 500],
      );
      if (rows.length === 0) return 0;
      // The outbox id is the event id: Inngest deduplicates a re-send by it.
      await this.options.send(rows.map((r) => ({ id: r.id, name: r.name, data: r.data, ts: Number(r.ts) })));
      await client.query(`UPDATE "OutboxEvent" SET "sentAt" = now() WHERE id = ANY($1::text[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }
}
