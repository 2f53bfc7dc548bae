import { resendDeliveryEndpoint } from "@/lib/api/deliveries/endpoints";

// POST /api/v1/deliveries/{id}/resend; see lib/api/deliveries/endpoints.ts.
export const POST = resendDeliveryEndpoint.handler;
export const dynamic = "force-dynamic";
