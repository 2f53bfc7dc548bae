import { listWebhookDeliveriesEndpoint } from "@/lib/api/deliveries/endpoints";

// GET /api/v1/webhooks/{id}/deliveries; see lib/api/deliveries/endpoints.ts.
export const GET = listWebhookDeliveriesEndpoint.handler;
export const dynamic = "force-dynamic";
