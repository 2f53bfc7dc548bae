import "server-only";
import { fitsBigint } from "@/lib/decimal-id";
import { z } from "zod";
import { db } from "@/lib/db";
import { setVariantAvailable } from "@/lib/inventory/set-variant-available";
import { createNotification } from "@/lib/notifications/create-notification";
import { notificationInputSchema } from "@/lib/notifications/notification-input";
import { notificationView, notificationViewSchema } from "@/lib/notifications/notification-view";
import { defineEndpoint } from "../endpoint";
import { jsonResponse } from "../responses";

// /api/v1/notifications (sign-ups and reconciliation) and /api/v1/inventory (stock, which
// sends restock notifications). Thin handlers over lib/notifications and lib/inventory.

const exampleNotification = {
  id: 12345,
  variant_id: 44211925318693,
  channel: "email" as const,
  contact: "customer@example.com",
  quantity_required: 1,
  customer_language: "en-GB",
  customer_utc_offset: 14400,
  status: "waiting" as const,
  created_at: "2026-11-20T09:30:00.000Z",
  updated_at: "2026-11-20T09:30:00.000Z",
  sent_at: null,
};

export const notificationListSchema = z.object({
  data: z.array(notificationViewSchema),
  next_cursor: z.string().nullable().meta({ description: "Pass it as `after` for the next page; null on the last page." }),
});


const timeFilter = (what: string) =>
  z.iso
    .datetime({ offset: true, error: `${what} must be an ISO 8601 time, like 2026-11-20T09:30:00Z.` })
    // Postgres has no year 0 (0000-01-01T00:00:00Z, or 0001-01-01T00:00:00+01:00, failed there: 500).
    .refine((v) => new Date(v).getUTCFullYear() >= 1, { error: `${what} must be an ISO 8601 time, like 2026-11-20T09:30:00Z.` })
    .optional()
    .meta({ description: `Only notifications ${what.replace("_min", "")} at or after this time.` });

export const listNotificationsQuerySchema = z.object({
  created_at_min: timeFilter("created_at_min"),
  updated_at_min: timeFilter("updated_at_min"),
  limit: z.coerce.number({ error: "limit must be a whole number from 1 to 250." }).int().min(1).max(250, { error: "limit must be a whole number from 1 to 250." }).default(100),
  after: z
    .string()
    .regex(/^\d{1,19}$/, { error: "after must be the next_cursor of a previous page." })
    .refine(fitsBigint, { error: "after must be the next_cursor of a previous page." })
    .optional(),
});

export const inventorySchema = z.object({
  variant_id: z.number().int(),
  available: z.number().int(),
  previous: z.number().int().meta({ description: "The quantity before this change." }),
  restocked: z.boolean().meta({ description: "True when the quantity rose: waiting shoppers it pays for are being notified." }),
});

export const createNotificationEndpoint = defineEndpoint(
  {
    method: "post",
    path: "/notifications",
    operationId: "createNotification",
    tag: "Notifications",
    summary: "Sign a shopper up",
    description:
      "Creates a back-in-stock notification for a variant (the storefront's sign-up, from your server). The same variant, channel and contact again returns the existing notification with 200 instead of creating another.",
    requestBody: {
      name: "NotificationCreate",
      description: "The variant, the channel (email or sms) and the matching contact; the rest has defaults.",
      example: { variant_id: 44211925318693, channel: "email", contact: "customer@example.com", quantity_required: 1, customer_language: "en-GB", customer_utc_offset: 14400 },
    },
    success: { status: 201, description: "Created (200 when it existed).", schema: notificationViewSchema, example: exampleNotification },
    errors: ["not_found"],
  },
  { body: () => notificationInputSchema },
  async ({ auth, body }) => {
    const { notification, created } = await createNotification(auth.storeId, body);
    return jsonResponse(notificationView(notification), { status: created ? 201 : 200 });
  },
);

export const listNotificationsEndpoint = defineEndpoint(
  {
    method: "get",
    path: "/notifications",
    operationId: "listNotifications",
    tag: "Notifications",
    summary: "List notifications (reconciliation)",
    description:
      "The store's notifications in id order, a page at a time, optionally only those created or updated since a time: poll with `updated_at_min` to catch up on what webhooks may have missed.",
    success: { status: 200, description: "A page of notifications.", schema: notificationListSchema, example: { data: [exampleNotification], next_cursor: null } },
  },
  { query: listNotificationsQuerySchema },
  async ({ auth, query }) => {
    const rows = await db.notification.findMany({
      where: {
        storeId: auth.storeId,
        ...(query.after && { id: { gt: BigInt(query.after) } }),
        ...(query.created_at_min && { createdAt: { gte: new Date(query.created_at_min) } }),
        ...(query.updated_at_min && { updatedAt: { gte: new Date(query.updated_at_min) } }),
      },
      orderBy: { id: "asc" },
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return jsonResponse({ data: page.map(notificationView), next_cursor: rows.length > query.limit ? String(page.at(-1)!.id) : null });
  },
);

export const setInventoryEndpoint = defineEndpoint(
  {
    method: "put",
    path: "/inventory/{variant_id}",
    operationId: "setInventory",
    tag: "Inventory",
    summary: "Set a variant's stock",
    description:
      "Sets how many units of a variant are available. A rise notifies the waiting shoppers it pays for, oldest first, in the background (each once); they then appear as sent, with a notification/sent webhook each.",
    requestBody: { name: "InventoryUpdate", description: "The new available quantity.", example: { available: 40 } },
    success: { status: 200, description: "The stock as it is now.", schema: inventorySchema, example: { variant_id: 44211925318693, available: 40, previous: 0, restocked: true } },
    errors: ["not_found"],
  },
  {
    params: z.object({ variant_id: z.string().regex(/^\d{1,19}$/).refine(fitsBigint).meta({ description: "The variant's id." }) }),
    body: () => z.strictObject({ available: z.number().int({ error: "available must be a whole number." }).min(0, { error: "available must be 0 or more." }).max(1_000_000_000) }),
  },
  async ({ auth, params, body }) => {
    const change = await setVariantAvailable(auth.storeId, BigInt(params.variant_id), body.available);
    return jsonResponse({ variant_id: Number(params.variant_id), available: change.to, previous: change.from, restocked: change.restocked });
  },
);

export const notificationEndpoints = [createNotificationEndpoint, listNotificationsEndpoint, setInventoryEndpoint];
