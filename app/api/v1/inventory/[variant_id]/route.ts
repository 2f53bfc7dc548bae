import { setInventoryEndpoint } from "@/lib/api/notifications/endpoints";

// PUT /api/v1/inventory/{variant_id}; see lib/api/notifications/endpoints.ts.
export const PUT = setInventoryEndpoint.handler;
export const dynamic = "force-dynamic";
