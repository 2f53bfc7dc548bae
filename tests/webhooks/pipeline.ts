// The app's background side inside a test: its own database, the real functions (fan-out,
// retry, mail …) run by the embedded executor in-process, as `npm run dev` runs them. App
// modules are imported after DATABASE_URL is set, so they bind to this test's database.
import type { EmbeddedExecutor } from "@/lib/executor/executor";
import { createTestDatabase } from "@/scripts/db/test-database";

export async function startPipeline(name: string, env: Record<string, string>) {
  const database = await createTestDatabase(name);
  Object.assign(process.env, env, { DATABASE_URL: database.url });
  (globalThis as { prisma?: unknown }).prisma = undefined;
  const [{ db }, { inngestHandler }, { embeddedKeys }, { EmbeddedExecutor }, { inProcessTransport }] = await Promise.all([
    import("@/lib/db"),
    import("@/inngest/handler"),
    import("@/lib/executor/client-options"),
    import("@/lib/executor/executor"),
    import("@/lib/executor/transport"),
  ]);
  const executor: EmbeddedExecutor = new EmbeddedExecutor({
    databaseUrl: database.url,
    transport: inProcessTransport(inngestHandler),
    serveUrl: "http://app.test/api/inngest",
    signingKey: embeddedKeys(process.env.AUTH_SECRET!).signingKey,
    log: () => {},
  });
  await executor.start();
  return {
    db,
    executor,
    async stop() {
      await executor.stop();
      await db.$disconnect();
      await database.drop();
    },
  };
}
