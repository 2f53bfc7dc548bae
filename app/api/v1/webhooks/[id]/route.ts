import { deleteWebhookEndpoint, getWebhookEndpoint, replaceWebhookEndpoint, updateWebhookEndpoint } from "@/lib/api/webhooks/endpoints";

// GET, PUT (replace), PATCH (partial) and DELETE /api/v1/webhooks/{id}; see lib/api/webhooks/endpoints.ts.
export const GET = getWebhookEndpoint.handler;
export const PUT = replaceWebhookEndpoint.handler;
export const PATCH = updateWebhookEndpoint.handler;
export const DELETE = deleteWebhookEndpoint.handler;
export const dynamic = "force-dynamic";
