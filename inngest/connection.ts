import "server-only";
import { env, inngestMode } from "@/lib/env";
import { handleExecutorApi } from "@/lib/executor/api";
import { embeddedKeys, type EmbeddedConnection } from "@/lib/executor/client-options";
import { sharedExecutorPool } from "@/lib/executor/pool";
import { eventCatalog } from "./events";

let cached: EmbeddedConnection | null | undefined;

/** The app's connection to the embedded executor, or null when an Inngest server is configured. */
export function appConnection(): EmbeddedConnection | null {
  if (cached !== undefined) return cached;
  // `next build` loads the route (serve() reads the client's settings) with no env to read.
  if (process.env.NEXT_PHASE === "phase-production-build") return null;
  const settings = env();
  if (inngestMode(settings) === "inngest") return (cached = null);
  const keys = embeddedKeys(settings.AUTH_SECRET);
  cached = {
    ...keys,
    api: (request) => handleExecutorApi(request, { ...keys, pool: sharedExecutorPool(settings.DATABASE_URL), catalog: eventCatalog }),
  };
  return cached;
}
