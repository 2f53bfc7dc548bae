import { createWebhookEndpoint, listWebhooksEndpoint } from "@/lib/api/webhooks/endpoints";

// GET /api/v1/webhooks (list, paginated) and POST /api/v1/webhooks (create). The handlers, their
// schemas and their documentation live in lib/api/webhooks/endpoints.ts.
export const GET = listWebhooksEndpoint.handler;
export const POST = createWebhookEndpoint.handler;
export const dynamic = "force-dynamic";
