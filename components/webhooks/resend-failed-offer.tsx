"use client";
import { useTransition } from "react";
import { resendFailedDeliveriesAction } from "@/app/actions/webhooks";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { LocalTime } from "@/components/ui/local-time";

export type ResendOutcome = Awaited<ReturnType<typeof resendFailedDeliveriesAction>>;

/**
 * After failures (typically once a deactivated webhook is back On): send what failed again.
 * The caller shows the outcome, in a place that outlives this offer (it goes once nothing is left).
 */
export function ResendFailedOffer({
  storeId,
  webhookId,
  failed,
  onDone,
  className = "",
}: {
  storeId: string;
  webhookId: string;
  failed: { count: number; since: string };
  onDone: (outcome: ResendOutcome) => void;
  className?: string;
}) {
  const [pending, startTransition] = useTransition();
  const what = `${failed.count} ${failed.count === 1 ? "delivery" : "deliveries"}`;
  return (
    <div className={`flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 bg-slate-50 px-4 py-2 text-sm text-slate-700 ${className}`}>
      <p>
        {what} failed since <LocalTime date={failed.since} />.
      </p>
      <ConfirmButton
        label={pending ? "Resending…" : "Resend failed"}
        pending={pending}
        title={`Resend ${what}?`}
        description={<>Each gets a new chain of attempts with its original message id, so your endpoint can drop any it already has.</>}
        confirmLabel={`Resend ${what}`}
        confirmVariant="primary"
        onConfirm={() => startTransition(async () => onDone(await resendFailedDeliveriesAction(storeId, webhookId, failed.since)))}
      />
    </div>
  );
}
