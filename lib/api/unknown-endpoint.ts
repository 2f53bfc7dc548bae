import { errorResponse } from "./responses";

/** The answer for a path under /api/v1 that is no endpoint (documented ones are in openapi.json). */
export async function unknownEndpoint(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  return errorResponse("not_found", `No endpoint ${request.method} ${pathname.slice(0, 200)}. The endpoints are listed in /api/v1/openapi.json.`);
}
