"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import type { WebhookRow } from "@/lib/webhooks/queries";
import { ResendFailedOffer, type ResendOutcome } from "./resend-failed-offer";
import { WebhookHealthNotice } from "./webhook-health-notice";
import { ReEnableButton } from "./webhook-on-off";

/**
 * A webhook page's way back to health: the deactivation notice (with Re-enable) or the failure
 * warning, then "Resend failed since …" once it is On. Stays mounted across the page's
 * refreshes, so the resend's outcome outlives the offer it removes.
 */
export function WebhookRecovery({ storeId, row }: { storeId: string; row: WebhookRow }) {
  const [outcome, setOutcome] = useState<ResendOutcome | null>(null);
  const deactivated = row.state === "deactivated";
  const on = row.is_active && !deactivated;
  return (
    <>
      <WebhookHealthNotice row={row}>
        {deactivated && (
          <>
            <p className="mt-1">
              Fix the endpoint, then re-enable it
              {row.failed_since_success
                ? `; you can then resend what failed (${row.failed_since_success.count} ${row.failed_since_success.count === 1 ? "delivery" : "deliveries"})`
                : ""}
              .
            </p>
            <ReEnableButton storeId={storeId} webhookId={row.id} />
          </>
        )}
      </WebhookHealthNotice>
      {on && row.failed_since_success && <ResendFailedOffer storeId={storeId} webhookId={row.id} failed={row.failed_since_success} onDone={setOutcome} />}
      {outcome && <Alert tone={outcome.ok ? "success" : "error"}>{outcome.message ?? "Resent."}</Alert>}
    </>
  );
}
