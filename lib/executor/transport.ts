// How the executor reaches the app's serve() handler: in-process (embedded mode: the same
// protocol, no socket) or over HTTP (the dev server's freshly compiled route, or any app URL).
import { NextRequest } from "next/server";

/** A route handler as `inngest/next`'s serve() returns it (Next.js hands it a NextRequest). */
export type Handler = (request: NextRequest, context: unknown) => Promise<Response>;
export type ServeHandlers = { POST: Handler; PUT: Handler };

export type Transport = {
  /** False when answers never leave the process, so checking their signature proves nothing. */
  verifiesResponses: boolean;
  /** POSTs a signed invocation; resolves with the SDK's answer. */
  invoke(url: string, body: string, headers: Record<string, string>): Promise<Response>;
  /** PUT on the serve URL: the SDK registers its functions (it calls /fn/register back). */
  sync(serveUrl: string): Promise<Response>;
};

export function inProcessTransport(handlers: ServeHandlers): Transport {
  return {
    verifiesResponses: false,
    invoke: (url, body, headers) => handlers.POST(new NextRequest(url, { method: "POST", body, headers }), undefined),
    sync: (serveUrl) => handlers.PUT(new NextRequest(serveUrl, { method: "PUT" }), undefined),
  };
}

export function httpTransport(timeoutMs = 60_000): Transport {
  return {
    verifiesResponses: true,
    invoke: (url, body, headers) => fetch(url, { method: "POST", body, headers, signal: AbortSignal.timeout(timeoutMs) }),
    sync: (serveUrl) => fetch(serveUrl, { method: "PUT", signal: AbortSignal.timeout(timeoutMs) }),
  };
}
