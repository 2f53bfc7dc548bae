import "server-only";
import { plans } from "@/lib/plans";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { getWebhook, listWebhooksPage } from "@/lib/webhooks/queries";
import { sendTestPayload } from "@/lib/webhooks/send-test-payload";
import { updateWebhook } from "@/lib/webhooks/update-webhook";
import { webhookInputSchema, webhookPatchSchema } from "@/lib/webhooks/webhook-input";
import { webhookNotFound, webhookView } from "@/lib/webhooks/webhook-view";
import { defineEndpoint } from "../endpoint";
import { jsonResponse, noContent } from "../responses";
import { listWebhooksQuerySchema, testPayloadOutcomeSchema, webhookIdParamsSchema, webhookListSchema, webhookSchema } from "./schemas";

// /api/v1/webhooks: thin handlers over lib/webhooks, which holds the rules (Off by default,
// plan and limit, duplicates, another store's id is not found, audit records).

const exampleUrl = "https://hooks.yourshop.com/back-in-stock";

/** A webhook as the API returns it, made by the real view function. */
export const exampleWebhook = webhookView({
  id: "wh_01JD3W5Y6N3Q8G2K7V9X4T1B0C",
  topic: "notification/*",
  url: exampleUrl,
  isActive: true,
  state: "ACTIVE",
  deactivatedAt: null,
  deactivationReason: null,
  createdAt: new Date("2026-11-20T09:30:00.000Z"),
  updatedAt: new Date("2026-11-21T16:05:12.000Z"),
});

const limits = (["MEDIUM", "LARGE", "ENTERPRISE"] as const).map((p) => `${plans[p].webhookLimit} on ${plans[p].name}`).join(", ");

export const listWebhooksEndpoint = defineEndpoint(
  {
    method: "get",
    path: "/webhooks",
    operationId: "listWebhooks",
    tag: "Webhooks",
    summary: "List webhooks",
    description:
      "The store's webhooks, oldest first, a page at a time. Pass the response's `next_cursor` as `after` to get the next page; it is null on the last page. Each webhook appears exactly once across the pages, even while others are created.",
    success: {
      status: 200,
      description: "A page of webhooks.",
      schema: webhookListSchema,
      example: { data: [exampleWebhook], next_cursor: null },
    },
  },
  { requiredFeature: "webhooks", query: listWebhooksQuerySchema },
  async ({ auth, query }) => jsonResponse(await listWebhooksPage(auth.storeId, query)),
);

export const createWebhookEndpoint = defineEndpoint(
  {
    method: "post",
    path: "/webhooks",
    operationId: "createWebhook",
    tag: "Webhooks",
    summary: "Create a webhook",
    description: `Subscribes a URL to a topic. A new webhook starts Off unless \`is_active\` is true. Refused with 409 when the store already has a webhook for the same topic and URL, or has as many webhooks as its plan allows (${limits}).`,
    requestBody: {
      name: "WebhookCreate",
      description: "The topic and URL; `is_active` defaults to false (Off).",
      example: { topic: "notification/*", url: exampleUrl, is_active: true },
    },
    success: {
      status: 201,
      description: "Created. The Location header is the new webhook's URL.",
      schema: webhookSchema,
      example: exampleWebhook,
      headers: { Location: "The new webhook's URL, like /api/v1/webhooks/wh_01JD3W5Y6N3Q8G2K7V9X4T1B0C." },
    },
    errors: ["conflict"],
  },
  { requiredFeature: "webhooks", body: webhookInputSchema },
  async ({ actor, body }) => {
    const webhook = await createWebhook(actor, body);
    return jsonResponse(webhook, { status: 201, headers: { Location: `/api/v1/webhooks/${webhook.id}` } });
  },
);

export const getWebhookEndpoint = defineEndpoint(
  {
    method: "get",
    path: "/webhooks/{id}",
    operationId: "getWebhook",
    tag: "Webhooks",
    summary: "Get a webhook",
    description: "One webhook of the store. An id of another store's webhook answers 404, exactly like an id that does not exist.",
    success: { status: 200, description: "The webhook.", schema: webhookSchema, example: exampleWebhook },
    errors: ["not_found"],
  },
  { requiredFeature: "webhooks", params: webhookIdParamsSchema },
  async ({ auth, params }) => {
    const webhook = await getWebhook(auth.storeId, params.id);
    if (!webhook) throw webhookNotFound();
    return jsonResponse(webhook);
  },
);

export const replaceWebhookEndpoint = defineEndpoint(
  {
    method: "put",
    path: "/webhooks/{id}",
    operationId: "replaceWebhook",
    tag: "Webhooks",
    summary: "Replace a webhook",
    description:
      "Replaces the webhook's topic and URL (both required). `is_active` is changed only when sent. Switching a deactivated webhook On (`is_active: true`) re-enables it and resets its failure count.",
    requestBody: {
      name: "WebhookReplace",
      description: "The new topic and URL; `is_active` is left as it is when omitted.",
      example: { topic: "notification/sent", url: exampleUrl },
    },
    success: { status: 200, description: "The webhook as it is now.", schema: webhookSchema, example: { ...exampleWebhook, topic: "notification/sent" } },
    errors: ["not_found", "conflict"],
  },
  { requiredFeature: "webhooks", params: webhookIdParamsSchema, body: webhookInputSchema },
  async ({ actor, params, body }) => jsonResponse(await updateWebhook(actor, params.id, body)),
);

export const updateWebhookEndpoint = defineEndpoint(
  {
    method: "patch",
    path: "/webhooks/{id}",
    operationId: "updateWebhook",
    tag: "Webhooks",
    summary: "Update a webhook",
    description:
      "Changes any of topic, URL and `is_active`; fields left out stay as they are. Use `{\"is_active\": true}` to switch a webhook On (a deactivated one is re-enabled) and `false` to switch it Off.",
    requestBody: {
      name: "WebhookUpdate",
      description: "At least one of topic, url and is_active.",
      example: { is_active: false },
      schema: { minProperties: 1 },
    },
    success: { status: 200, description: "The webhook as it is now.", schema: webhookSchema, example: { ...exampleWebhook, is_active: false } },
    errors: ["not_found", "conflict"],
  },
  { requiredFeature: "webhooks", params: webhookIdParamsSchema, body: webhookPatchSchema },
  async ({ actor, params, body }) => jsonResponse(await updateWebhook(actor, params.id, body)),
);

export const deleteWebhookEndpoint = defineEndpoint(
  {
    method: "delete",
    path: "/webhooks/{id}",
    operationId: "deleteWebhook",
    tag: "Webhooks",
    summary: "Delete a webhook",
    description:
      "Deletes the webhook and its delivery log. Allowed on every plan, so a store that moved to a plan without webhooks can still tidy up.",
    success: { status: 204, description: "Deleted; no body." },
    errors: ["not_found"],
  },
  { params: webhookIdParamsSchema },
  async ({ actor, params }) => {
    await deleteWebhook(actor, params.id);
    return noContent();
  },
);

export const sendTestPayloadEndpoint = defineEndpoint(
  {
    method: "post",
    path: "/webhooks/{id}/test",
    operationId: "sendTestPayload",
    tag: "Webhooks",
    summary: "Send a test payload",
    description:
      'Sends one signed test payload (the documented example with `"test": true`) to the webhook now, On or Off, and answers with what the endpoint did. One attempt, no retries; it appears in the delivery log as a test and does not count toward deactivation.',
    success: {
      status: 200,
      description: "The endpoint's answer.",
      schema: testPayloadOutcomeSchema,
      example: { delivery_id: "dlv_01JD3W5Y6N3Q8G2K7V9X4T1B0D", ok: true, status: 200, error_class: null, error_message: null, latency_ms: 184, response_excerpt: "ok" },
    },
    errors: ["not_found"],
  },
  { requiredFeature: "webhooks", params: webhookIdParamsSchema },
  async ({ actor, params }) => {
    const outcome = await sendTestPayload(actor, params.id);
    return jsonResponse({
      delivery_id: outcome.deliveryId,
      ok: outcome.ok,
      status: outcome.status,
      error_class: outcome.errorClass,
      error_message: outcome.errorMessage,
      latency_ms: outcome.latencyMs,
      response_excerpt: outcome.responseExcerpt,
    });
  },
);

/** Every /api/v1 endpoint, in the order the documentation shows them. */
export const webhookEndpoints = [
  listWebhooksEndpoint,
  createWebhookEndpoint,
  getWebhookEndpoint,
  replaceWebhookEndpoint,
  updateWebhookEndpoint,
  deleteWebhookEndpoint,
  sendTestPayloadEndpoint,
];
