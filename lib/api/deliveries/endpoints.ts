import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getDelivery } from "@/lib/webhooks/log/get-delivery";
import { attemptView, deliveryView } from "@/lib/webhooks/log/delivery-view";
import { listDeliveries } from "@/lib/webhooks/log/list-deliveries";
import { getWebhook } from "@/lib/webhooks/queries";
import { resendDelivery } from "@/lib/webhooks/resend-delivery";
import { webhookNotFound } from "@/lib/webhooks/webhook-view";
import { defineEndpoint } from "../endpoint";
import { jsonResponse } from "../responses";
import { webhookIdParamsSchema } from "../webhooks/schemas";
import { deliveryIdParamsSchema, deliveryListSchema, deliveryWithAttemptsSchema, listDeliveriesQuerySchema } from "./schemas";

const exampleDelivery = deliveryView({
  id: "dlv_01JD3W5Y6N3Q8G2K7V9X4T1B0D",
  messageId: "msg_01JD3W5Y6N3Q8G2K7V9X4T1B0E",
  webhookId: "wh_01JD3W5Y6N3Q8G2K7V9X4T1B0C",
  topic: "notification/create",
  status: "SUCCEEDED",
  isTest: false,
  attemptCount: 1,
  lastStatusCode: 200,
  lastLatencyMs: 84,
  lastErrorClass: null,
  nextAttemptAt: null,
  notificationId: 8339067207909n,
  createdAt: new Date("2026-11-21T16:05:12.000Z"),
});

export const listWebhookDeliveriesEndpoint = defineEndpoint(
  {
    method: "get",
    path: "/webhooks/{id}/deliveries",
    operationId: "listWebhookDeliveries",
    tag: "Deliveries",
    summary: "List a webhook's deliveries",
    description:
      "The webhook's delivery log, newest first, a page at a time, optionally only one status or topic. Pass the response's `next_cursor` as `after` for older deliveries. Deliveries are kept for your plan's retention (7, 30 or 90 days).",
    success: { status: 200, description: "A page of deliveries.", schema: deliveryListSchema, example: { data: [exampleDelivery], next_cursor: null } },
    errors: ["not_found"],
  },
  { requiredFeature: "webhooks", params: webhookIdParamsSchema, query: listDeliveriesQuerySchema },
  async ({ auth, params, query }) => {
    if (!(await getWebhook(auth.storeId, params.id))) throw webhookNotFound();
    const page = await listDeliveries(auth.storeId, { status: query.status, topic: query.topic, cursor: query.after }, { webhookId: params.id, limit: query.limit });
    return jsonResponse({ data: page.rows.map((r) => deliveryView({ ...r, webhookId: r.webhook.id })), next_cursor: page.nextCursor });
  },
);

export const getDeliveryEndpoint = defineEndpoint(
  {
    method: "get",
    path: "/deliveries/{id}",
    operationId: "getDelivery",
    tag: "Deliveries",
    summary: "Get a delivery with its attempts",
    description: "One delivery: the exact body sent and every attempt with its request headers (signatures redacted), the response status, headers and first 4 KiB, and the error class.",
    success: {
      status: 200,
      description: "The delivery.",
      schema: deliveryWithAttemptsSchema,
      example: {
        ...exampleDelivery,
        body: '{"notification_id":8339067207909,"topic":"notification/create"}',
        attempt_log: [
          {
            attempt: 1,
            started_at: "2026-11-21T16:05:12.020Z",
            duration_ms: 84,
            succeeded: true,
            response_status: 200,
            error_class: null,
            error_message: null,
            request_headers: { "content-type": "application/json", "x-bis-signature": "[redacted]", "x-bis-webhook-id": "msg_01JD3W5Y6N3Q8G2K7V9X4T1B0E" },
            response_headers: { "content-type": "text/plain" },
            response_body: "ok",
          },
        ],
      },
    },
    errors: ["not_found"],
  },
  { requiredFeature: "webhooks", params: deliveryIdParamsSchema },
  async ({ auth, params }) => {
    const delivery = await getDelivery(auth.storeId, params.id);
    if (!delivery) throw new AppError("not_found", "No delivery with that id.");
    return jsonResponse({ ...deliveryView(delivery), body: delivery.body, attempt_log: delivery.attempts.map(attemptView) });
  },
);

export const resendResultSchema = z.object({
  delivery_id: z.string(),
  status: z.literal("retrying").meta({ description: "The delivery is on its way again: its first new attempt is due at once." }),
  first_attempt: z.number().int().meta({ description: "The attempt number the new chain starts at (they continue the delivery's numbering)." }),
});

export const resendDeliveryEndpoint = defineEndpoint(
  {
    method: "post",
    path: "/deliveries/{id}/resend",
    operationId: "resendDelivery",
    tag: "Deliveries",
    summary: "Resend a delivery",
    description:
      "Sends a delivery that succeeded or failed again: a new chain of attempts (the first at once, then the retry schedule) with the same message id (`X-BIS-Webhook-Id`), so a receiver that already has it can drop it. 409 while it is still being sent or retried, or when its webhook is Off.",
    success: { status: 200, description: "Resent.", schema: resendResultSchema, example: { delivery_id: "dlv_01JD3W5Y6N3Q8G2K7V9X4T1B0D", status: "retrying", first_attempt: 4 } },
    errors: ["not_found", "conflict"],
  },
  { requiredFeature: "webhooks", params: z.object({ id: z.string().regex(/^dlv_[0-9A-Z]{26}$/).meta({ description: "The delivery's id." }) }) },
  async ({ actor, params }) => {
    const { deliveryId, firstAttempt } = await resendDelivery(actor, params.id);
    return jsonResponse({ delivery_id: deliveryId, status: "retrying", first_attempt: firstAttempt });
  },
);

export const deliveryEndpoints = [listWebhookDeliveriesEndpoint, getDeliveryEndpoint, resendDeliveryEndpoint];
