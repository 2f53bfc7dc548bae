import { z } from "zod";
import { decodeCursor } from "@/lib/pagination/keyset-cursor";
import { deliveryStatuses } from "@/lib/webhooks/log/delivery-search";
import { errorClassSentences } from "@/lib/webhooks/error-classes";
import { eventTopics } from "@/lib/webhooks/topics";

// The REST API's delivery shapes; the OpenAPI document is generated from them.

const errorClasses = Object.keys(errorClassSentences);

export const deliverySchema = z.object({
  id: z.string().meta({ description: "The delivery's id (`dlv_` and a ULID)." }),
  message_id: z.string().meta({ description: "The `X-BIS-Webhook-Id` (and `webhook-id`) header: the same on every attempt and resend." }),
  webhook_id: z.string(),
  topic: z.enum(eventTopics),
  status: z.enum(deliveryStatuses).meta({ description: "`pending` before the first attempt, `retrying` between attempts, then `succeeded` or `failed`." }),
  test: z.boolean().meta({ description: "True for a test payload (Send test payload)." }),
  attempts: z.number().int().meta({ description: "Attempts made so far." }),
  last_status_code: z.number().int().nullable().meta({ description: "The endpoint's HTTP status on the last attempt; null when no answer came." }),
  last_latency_ms: z.number().int().nullable(),
  last_error_class: z.string().nullable().meta({ description: `Why the last attempt failed: one of ${errorClasses.join(", ")}.` }),
  next_attempt_at: z.iso.datetime().nullable().meta({ description: "When the next attempt is due, while retrying." }),
  notification_id: z.number().int().nullable(),
  created_at: z.iso.datetime(),
});

export const attemptSchema = z.object({
  attempt: z.number().int(),
  started_at: z.iso.datetime(),
  duration_ms: z.number().int(),
  succeeded: z.boolean(),
  response_status: z.number().int().nullable(),
  error_class: z.string().nullable(),
  error_message: z.string().nullable(),
  request_headers: z.record(z.string(), z.string()).meta({ description: "As sent, with the signature headers redacted." }),
  response_headers: z.record(z.string(), z.string()).nullable(),
  response_body: z.string().nullable().meta({ description: "The first 4 KiB of the answer." }),
});

export const deliveryWithAttemptsSchema = deliverySchema.extend({
  body: z.string().meta({ description: "The exact bytes sent (the signed payload)." }),
  attempt_log: z.array(attemptSchema).meta({ description: "Every attempt, oldest first." }),
});

export const deliveryListSchema = z.object({
  data: z.array(deliverySchema).meta({ description: "At most `limit` deliveries, newest first." }),
  next_cursor: z.string().nullable().meta({ description: "Pass it as `after` to get the next (older) page; null on the last page." }),
});

const limitMessage = "limit must be a whole number from 1 to 100.";

export const listDeliveriesQuerySchema = z.object({
  status: z.enum(deliveryStatuses, { error: `status must be one of ${deliveryStatuses.join(", ")}.` }).optional(),
  topic: z.enum(eventTopics, { error: `topic must be one of ${eventTopics.join(", ")}.` }).optional(),
  limit: z.coerce.number({ error: limitMessage }).int({ error: limitMessage }).min(1, { error: limitMessage }).max(100, { error: limitMessage }).default(25),
  after: z
    .string()
    .max(200)
    .refine((c) => decodeCursor(c, z.string()) !== null, { error: "after must be the next_cursor of a previous page." })
    .optional()
    .meta({ description: "The `next_cursor` of the previous page; leave it out for the newest deliveries." }),
});

export const deliveryIdParamsSchema = z.object({
  id: z.string().regex(/^dlv_[0-9A-Z]{26}$/, { error: "Not a delivery id." }).meta({ description: "The delivery's id.", examples: ["dlv_01JD3W5Y6N3Q8G2K7V9X4T1B0D"] }),
});
