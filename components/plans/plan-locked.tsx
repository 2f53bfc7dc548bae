import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { Plan } from "@/lib/generated/prisma/enums";
import { plans, webhookPlans } from "@/lib/plans";

/** What a store on a plan without webhooks sees instead of Settings → Webhooks. */
export function PlanLocked({ storeId, currentPlan, pausedCount }: { storeId: string; currentPlan: Plan; pausedCount: number }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-6 py-10 text-center shadow-xs" data-testid="webhooks-locked">
      <div aria-hidden className="mx-auto grid size-10 place-items-center rounded-full bg-slate-100 text-slate-500">
        <svg viewBox="0 0 20 20" fill="currentColor" className="size-5">
          <path
            fillRule="evenodd"
            d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z"
            clipRule="evenodd"
          />
        </svg>
      </div>
      <h2 className="mt-4 text-base font-semibold text-slate-900">Webhooks are not included in the {plans[currentPlan].name} plan</h2>
      <p className="mx-auto mt-2 max-w-lg text-sm text-slate-600">
        Webhooks are available on the {webhookPlans.join(", ").replace(/, ([^,]*)$/, " and $1")} plans. With webhooks you can
        receive a signed JSON POST on your own server whenever a shopper signs up or is notified, with retries, a delivery
        log and failure alerts.
      </p>
      {pausedCount > 0 && (
        <p className="mx-auto mt-3 max-w-lg text-sm text-amber-800">
          Your {pausedCount} existing webhook{pausedCount === 1 ? " is" : "s are"} paused, not deleted, and will resume when you upgrade.
        </p>
      )}
      <Link href={`/s/${storeId}/account/plan`} className={buttonClass("primary", "mt-6")}>
        Compare plans
      </Link>
    </div>
  );
}
