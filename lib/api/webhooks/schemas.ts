import { z } from "zod";
import { subscriptionTopicSchema } from "@/lib/webhooks/topics";
import type { WebhookView } from "@/lib/webhooks/webhook-view";

// The REST API's webhook shapes beyond the request bodies (which are lib/webhooks'
// webhookInputSchema / webhookPatchSchema, used as they are). The OpenAPI document is generated
// from these, and the tests parse every response with them, so the document cannot drift.

const webhookIdPattern = /^wh_[0-9A-HJKMNP-TV-Z]{26}$/;
const limitMessage = "limit must be a whole number from 1 to 100.";

export const webhookSchema = z.object({
  id: z.string().meta({ description: "The webhook's id: `wh_` and a ULID, so ids sort by creation time." }),
  topic: subscriptionTopicSchema,
  url: z.string().meta({ description: "Where deliveries are POSTed (an https:// URL)." }),
  is_active: z.boolean().meta({ description: "The On/Off switch. A new webhook starts Off unless created with `is_active: true`." }),
  state: z.enum(["active", "deactivated"]).meta({
    description: "`deactivated` after repeated failures (see Webhooks → Deactivation); switching the webhook On again re-activates it.",
  }),
  deactivated_at: z.iso.datetime().nullable().meta({ description: "When the webhook was deactivated, if it is." }),
  deactivation_reason: z.string().nullable().meta({ description: "Why it was deactivated, with the last error." }),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});

// The documented shape has exactly the fields webhookView returns (a compile error otherwise).
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const _sameFields: SameKeys<z.infer<typeof webhookSchema>, WebhookView> = true;
void _sameFields;

export const webhookListSchema = z.object({
  data: z.array(webhookSchema).meta({ description: "At most `limit` webhooks, oldest first." }),
  next_cursor: z.string().nullable().meta({ description: "Pass it as `after` to get the next page; null on the last page." }),
});

export const listWebhooksQuerySchema = z.object({
  limit: z.coerce
    .number({ error: limitMessage })
    .int({ error: limitMessage })
    .min(1, { error: limitMessage })
    .max(100, { error: limitMessage })
    .default(50)
    .meta({ description: "How many webhooks per page, 1 to 100." }),
  after: z
    .string()
    .regex(webhookIdPattern, { error: "after must be the next_cursor of a previous page (a webhook id)." })
    .optional()
    .meta({ description: "The `next_cursor` of the previous page; leave it out for the first page." }),
});

export const webhookIdParamsSchema = z.object({
  id: z.string().meta({ description: "The webhook's id.", examples: ["wh_01JD3W5Y6N3Q8G2K7V9X4T1B0C"] }),
});

export const testPayloadOutcomeSchema = z.object({
  delivery_id: z.string().meta({ description: "The test delivery's id in the delivery log." }),
  ok: z.boolean().meta({ description: "True when the endpoint answered 2xx." }),
  status: z.number().int().nullable().meta({ description: "The endpoint's HTTP status; null when no answer came." }),
  error_class: z
    .enum(["timeout", "dns", "tls", "refused", "reset", "http_4xx", "http_5xx", "redirect", "blocked_url", "too_large"])
    .nullable()
    .meta({ description: "Why it failed, when it did." }),
  error_message: z.string().nullable(),
  latency_ms: z.number().int(),
  response_excerpt: z.string().nullable().meta({ description: "The first 500 characters of the endpoint's answer." }),
});
