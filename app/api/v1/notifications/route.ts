import { createNotificationEndpoint, listNotificationsEndpoint } from "@/lib/api/notifications/endpoints";

// GET (reconciliation) and POST (sign-up) /api/v1/notifications; see lib/api/notifications/endpoints.ts.
export const GET = listNotificationsEndpoint.handler;
export const POST = createNotificationEndpoint.handler;
export const dynamic = "force-dynamic";
