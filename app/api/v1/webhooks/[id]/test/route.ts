import { sendTestPayloadEndpoint } from "@/lib/api/webhooks/endpoints";

// POST /api/v1/webhooks/{id}/test; see lib/api/webhooks/endpoints.ts.
export const POST = sendTestPayloadEndpoint.handler;
export const dynamic = "force-dynamic";
