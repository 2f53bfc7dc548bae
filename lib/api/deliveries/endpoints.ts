import "server-only";
import { z } from "zod";
import { resendDelivery } from "@/lib/webhooks/resend-delivery";
import { defineEndpoint } from "../endpoint";
import { jsonResponse } from "../responses";

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

export const deliveryEndpoints = [resendDeliveryEndpoint];
