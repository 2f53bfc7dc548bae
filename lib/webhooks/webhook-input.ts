import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import { memoizeLast } from "@/lib/memoize-last";
import { subscriptionTopicSchema } from "./topics";
import { webhookUrlSchema, type UrlPolicyOptions } from "./url-policy";

/** APP_URL's host name, parsed once per value (every delivery attempt asks). */
const appHostOf = memoizeLast((appUrl: string) => new URL(appUrl).hostname);

/**
 * The URL policy as this deployment applies it: its own host refused, insecure URLs only by
 * env. Read when a URL is checked (getters), so schemas can be built where env is not loaded.
 */
export function urlPolicyOptions(): UrlPolicyOptions {
  return policyFromEnv;
}
const policyFromEnv: UrlPolicyOptions = {
  get appHost() {
    return appHostOf(env().APP_URL);
  },
  get allowInsecure() {
    return env().WEBHOOKS_ALLOW_INSECURE_URLS;
  },
};

/** What a webhook is made of, as the form and the REST API send it. */
export function webhookInputSchema() {
  return z.strictObject({
    topic: subscriptionTopicSchema,
    url: webhookUrlSchema(urlPolicyOptions()),
    is_active: z.boolean().optional(),
  });
}
export type WebhookInput = z.infer<ReturnType<typeof webhookInputSchema>>;

/** A change to a webhook: any of its fields. */
export function webhookPatchSchema() {
  return webhookInputSchema()
    .partial()
    .refine((v) => Object.keys(v).length > 0, "Send at least one of topic, url or is_active.");
}
export type WebhookPatch = z.infer<ReturnType<typeof webhookPatchSchema>>;
