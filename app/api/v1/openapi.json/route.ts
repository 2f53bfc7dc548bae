import { openApiRoute } from "@/lib/api/openapi/route";

// GET /api/v1/openapi.json: the OpenAPI 3.1 document, generated from the endpoints' zod schemas.
export const GET = openApiRoute;
export const dynamic = "force-dynamic";
