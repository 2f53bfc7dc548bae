import { getDeliveryEndpoint } from "@/lib/api/deliveries/endpoints";

// GET /api/v1/deliveries/{id}; see lib/api/deliveries/endpoints.ts.
export const GET = getDeliveryEndpoint.handler;
export const dynamic = "force-dynamic";
