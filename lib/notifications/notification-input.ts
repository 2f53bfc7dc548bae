import { fitsBigint } from "@/lib/decimal-id";
import { z } from "zod";

// A shopper's sign-up, as the storefront form and the REST API send it (snake_case, as
// the webhook payload names the same facts).

const e164 = /^\+[1-9]\d{6,14}$/;
const variantIdMessage = "variant_id must be the variant's numeric id.";

/** A BCP 47 language tag that Intl accepts, returned in canonical case ("en-gb" → "en-GB"). */
const languageTag = z
  .string()
  .trim()
  .min(2)
  .max(35)
  .transform((tag, ctx) => {
    try {
      return Intl.getCanonicalLocales(tag)[0]!;
    } catch {
      ctx.addIssue({ code: "custom", message: "customer_language must be a BCP 47 language tag such as en-GB." });
      return z.NEVER;
    }
  });

export const notificationInputSchema = z
  .strictObject({
    // A number or a decimal string (ids can pass 2^53 on some platforms); a bigint inside.
    variant_id: z
      .union(
        [
          z.number({ error: variantIdMessage }).int({ error: variantIdMessage }).positive({ error: variantIdMessage }),
          z
            .string()
            .regex(/^[1-9]\d{0,18}$/, { error: variantIdMessage })
            // Postgres' bigint ends at 2^63 - 1: a larger id failed in the database (500), not here.
            .refine(fitsBigint, { error: variantIdMessage }),
        ],
        { error: variantIdMessage },
      )
      .transform((v) => BigInt(v)),
    channel: z.enum(["email", "sms"], { message: "channel must be email or sms." }),
    contact: z.string().trim().min(1, "Give the shopper's email address or phone number.").max(254),
    quantity_required: z.number().int().min(1, "quantity_required must be at least 1.").max(10_000).default(1),
    customer_language: languageTag.default("en"),
    customer_utc_offset: z
      .number()
      .int("customer_utc_offset is a whole number of seconds.")
      .min(-12 * 3600, "customer_utc_offset is seconds from UTC, between -43200 and 50400.")
      .max(14 * 3600, "customer_utc_offset is seconds from UTC, between -43200 and 50400.")
      .default(0),
  })
  .superRefine((input, ctx) => {
    if (input.channel === "email" && !z.email().safeParse(input.contact).success) {
      ctx.addIssue({ code: "custom", path: ["contact"], message: "contact must be a valid email address for the email channel." });
    }
    if (input.channel === "sms" && !e164.test(input.contact)) {
      ctx.addIssue({ code: "custom", path: ["contact"], message: "contact must be a phone number in E.164 form (+447700900123) for the sms channel." });
    }
  });
export type NotificationInput = z.infer<typeof notificationInputSchema>;
