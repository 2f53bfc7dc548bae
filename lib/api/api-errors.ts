import { AppError } from "@/lib/errors";
import { planOrder, plans } from "@/lib/plans";
import type { Plan } from "@/lib/generated/prisma/enums";
import type { TokenBucket } from "./rate-limit";

// The errors the API framework itself answers with, in one place: withApiKey throws them and
// the OpenAPI document shows them as examples, so the documented messages are the real ones.

/** Plan features an endpoint can require (boolean columns of the plan table), with their names. */
export const planFeatures = { webhooks: "Webhooks" } as const;
export type PlanFeature = keyof typeof planFeatures;

/** The names of the plans that include a feature, in plan order ("Medium", "Large", "Enterprise"). */
export function plansWith(feature: PlanFeature): string[] {
  return planOrder.filter((p) => plans[p][feature]).map((p) => plans[p].name);
}

/** "A, B and C". */
export function listOf(names: string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
}

export function missingApiKey(): AppError {
  return new AppError("unauthorized", "Send your API key in the X-Auth-Token header, or as Authorization: Bearer <key>.");
}

export function invalidApiKey(): AppError {
  return new AppError("unauthorized", "The API key is not valid. Copy the current key from Account → API.");
}

export function rateLimited(bucket: TokenBucket, retryAfterSeconds: number): AppError {
  return new AppError(
    "rate_limited",
    `Too many requests: each API key may send ${bucket.perSecond} a second on average, in bursts of up to ${bucket.burst}. Retry after ${retryAfterSeconds} s.`,
    { retry_after_seconds: retryAfterSeconds },
  );
}

export function planRequired(feature: PlanFeature, plan: Plan): AppError {
  const name = plans[plan].name;
  return new AppError("plan_required", `${planFeatures[feature]} are not included in the ${name} plan. They come with the ${listOf(plansWith(feature))} plans.`, {
    feature,
    plan: name,
    plans: plansWith(feature),
  });
}

export function internalError(requestId: string): AppError {
  return new AppError("internal_error", "Something went wrong on our side. Try again; if it keeps happening, contact support with the request id.", {
    request_id: requestId,
  });
}
