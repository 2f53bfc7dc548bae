// How the executor reaches the app's serve() handler: in-process (embedded mode: the same
// protocol, no socket) or over HTTP (the dev server's freshly compiled route, or any app URL).
/**
 * Route handlers as `inngest/next`'s serve() returns them. Next.js hands them a NextRequest;
 * the adapter reads only what a plain Request has (method syntax keeps that assignable).
 */
export type ServeHandlers = {
  POST(request: Request, context: unknown): Promise<Response>;
  PUT(request: Request, context: unknown): Promise<Response>;
};

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
    invoke: (url, body, headers) => handlers.POST(new Request(url, { method: "POST", body, headers }), undefined),
    sync: (serveUrl) => handlers.PUT(new Request(serveUrl, { method: "PUT" }), undefined),
  };
}

export function httpTransport(timeoutMs = 60_000): Transport {
  return {
    verifiesResponses: true,
    invoke: (url, body, headers) => fetch(url, { method: "POST", body, headers, signal: AbortSignal.timeout(timeoutMs) }),
    sync: (serveUrl) => fetch(serveUrl, { method: "PUT", signal: AbortSignal.timeout(timeoutMs) }),
  };
}
