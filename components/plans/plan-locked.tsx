import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { Plan } from "@/lib/generated/prisma/enums";
import { plans, webhookPlans } from "@/lib/plans";

/** What a store on a plan without webhooks sees instead of Settings → Webhooks. */
export function PlanLocked({ storeId, currentPlan, pausedCount }: { storeId: string; currentPlan: Plan; pausedCount: number }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-6 py-10 text-center shadow-xs" data-testid="webhooks-locked">
      <div aria-hidden className="mx-auto grid size-10 place-items-center rounded-full bg-slate-100 text-lg">
        🔒
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
