import "server-only";
import { errorResponse } from "../responses";
import { openApiDocument } from "./document";

/** Serves the OpenAPI document (public: it is documentation), pretty-printed. */
export async function openApiRoute(): Promise<Response> {
  try {
    const document = await openApiDocument();
    return new Response(JSON.stringify(document, null, 2), {
      headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
    });
  } catch (error) {
    console.error("[api] GET /api/v1/openapi.json failed:", error instanceof Error ? (error.stack ?? error.message) : String(error));
    return errorResponse("internal_error", "The API description could not be built. Try again later.");
  }
}
