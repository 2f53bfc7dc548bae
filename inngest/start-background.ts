import "server-only";
import { env, inngestMode } from "@/lib/env";
import { embeddedKeys } from "@/lib/executor/client-options";
import { EmbeddedExecutor } from "@/lib/executor/executor";
import { OutboxRelay } from "@/lib/executor/outbox-relay";
import { snapshotProcessEnv } from "@/lib/executor/process-env";
import { httpTransport, inProcessTransport } from "@/lib/executor/transport";
import { inngest } from "./client";
import { inngestHandler } from "./handler";

const log = (message: string) => console.log(`[inngest] ${message}`);
const globalForBackground = globalThis as unknown as { backgroundStarted?: boolean };

/**
 * Called once per server process (instrumentation.ts). Without an Inngest server configured,
 * the embedded executor runs the functions: in-process through the serve handler, or over
 * HTTP in development so edited functions are picked up as Next.js recompiles the route.
 * With Inngest configured, only the outbox relay runs here; Inngest calls /api/inngest.
 */
export function startBackgroundFunctions(): void {
  if (globalForBackground.backgroundStarted) return;
  globalForBackground.backgroundStarted = true;
  const settings = env();
  if (inngestMode(settings) === "inngest") {
    const relay = new OutboxRelay({ databaseUrl: settings.DATABASE_URL, send: (events) => inngest.send(events), log });
    relay.start().then(
      () => log("Inngest is configured: relaying outbox events to it."),
      (error) => log(`The outbox relay did not start: ${(error as Error).message}`),
    );
    return;
  }
  const serveUrl = new URL("/api/inngest", settings.APP_URL).href;
  const inProcess = settings.NODE_ENV !== "development";
  if (inProcess) snapshotProcessEnv(); // the SDK reads process.env on every call it serves
  const executor = new EmbeddedExecutor({
    databaseUrl: settings.DATABASE_URL,
    transport: inProcess ? inProcessTransport(inngestHandler) : httpTransport(),
    serveUrl,
    signingKey: embeddedKeys(settings.AUTH_SECRET).signingKey,
    log,
  });
  executor.start().then(
    () => log(`Embedded executor started (worker ${executor.id}); functions synced from ${serveUrl}.`),
    (error) => log(`The embedded executor did not start: ${(error as Error).message}`),
  );
}
