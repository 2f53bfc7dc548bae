import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { handlePoolErrors } from "@/lib/pg-pool-errors";

// The one Prisma client. Kept on globalThis so dev-mode hot reloads reuse its pool.
const globalForDb = globalThis as unknown as { prisma?: PrismaClient };

function createClient(): PrismaClient {
  // Our own pool, so that a connection lost while checked out (PostgreSQL restarting during a
  // transaction) rejects that transaction instead of killing the process; the adapter listens
  // only while it runs a transaction's statements. $disconnect still ends the pool.
  const pool = handlePoolErrors(new pg.Pool({ connectionString: env().DATABASE_URL, max: 10 }));
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    globalForDb.prisma ??= createClient();
    const value = Reflect.get(globalForDb.prisma, prop);
    return typeof value === "function" ? value.bind(globalForDb.prisma) : value;
  },
});

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
