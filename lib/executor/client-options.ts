// Inngest client options that point the SDK at the embedded executor. They are resolved
// lazily (getters): the client is built at import time, when `next build` has no env.
import { createHmac } from "node:crypto";
import type { ClientOptions } from "inngest";
import type { ApiRequest } from "./api";

/** Never resolved by DNS (.invalid): requests to it are answered in-process or fail loudly. */
export const embeddedBaseUrl = "http://inngest-executor.invalid/";

export type EmbeddedConnection = {
  signingKey: string;
  eventKey: string;
  /** Answers the SDK's calls to the server API (/fn/register, /e/:key, checkpoints). */
  api: (request: ApiRequest) => Promise<Response>;
};

/** The embedded mode's keys, derived from the app secret so there is nothing more to configure. */
export function embeddedKeys(appSecret: string): { signingKey: string; eventKey: string } {
  const derive = (purpose: string) => createHmac("sha256", appSecret).update(`inngest-executor:${purpose}`).digest("hex");
  return { signingKey: `signkey-embedded-${derive("signing-key")}`, eventKey: derive("event-key") };
}

/**
 * Options for `new Inngest(...)`. `resolve()` returns the embedded connection, or null when an
 * Inngest server is configured: then the SDK reads INNGEST_* from the environment as usual.
 */
export function inngestClientOptions<T extends { id: string }>(base: T, resolve: () => EmbeddedConnection | null): T & ClientOptions {
  const routedFetch: typeof fetch = (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const connection = resolve();
    if (connection && url.startsWith(embeddedBaseUrl)) {
      // In-process: no Request object (and its AbortSignal) per call, a checkpoint per step.
      if (typeof input !== "string" && !(input instanceof URL)) return connection.api(input);
      const headers = new Headers(init?.headers);
      const body = init?.body;
      return connection.api({
        method: init?.method ?? "GET",
        url,
        headers,
        text: async () => (typeof body === "string" ? body : body ? await new Response(body).text() : ""),
      });
    }
    return fetch(input, init);
  };
  return Object.defineProperties(
    { ...base, fetch: routedFetch },
    {
      isDev: { enumerable: true, get: () => (resolve() ? false : undefined) },
      baseUrl: { enumerable: true, get: () => (resolve() ? embeddedBaseUrl : undefined) },
      signingKey: { enumerable: true, get: () => resolve()?.signingKey },
      eventKey: { enumerable: true, get: () => resolve()?.eventKey },
    },
  ) as T & ClientOptions;
}
