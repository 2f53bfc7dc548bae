import { Alert } from "@/components/ui/alert";
import { LocalTime } from "@/components/ui/local-time";
import { asClause, asSentence } from "@/lib/webhooks/error-text";
import type { WebhookRow } from "@/lib/webhooks/queries";

/**
 * A webhook's deactivation notice (reason, last error, when) or its failure warning (last
 * error, how close deactivation is); nothing for a healthy webhook. `named` puts the URL in
 * the title, for places that list several webhooks' notices (the dashboard).
 */
export function WebhookHealthNotice({ row, named = false, children }: { row: WebhookRow; named?: boolean; children?: React.ReactNode }) {
  if (row.state === "deactivated") {
    return (
      <Alert tone="error" title={named ? `Webhook deactivated: ${row.url}` : "Deactivated"}>
        <p>
          {row.deactivation_reason ?? "Too many failed deliveries."}
          {row.last_error && <> Last error: {asSentence(row.last_error)}</>}
          {row.deactivated_at && (
            <>
              {" "}
              Deactivated <LocalTime date={row.deactivated_at} />.
            </>
          )}
        </p>
        {children}
      </Alert>
    );
  }
  if (row.deactivation_outlook && row.is_active) {
    const { failures_left, not_before } = row.deactivation_outlook;
    return (
      <Alert tone="warning" title={named ? `Webhook failing: ${row.url}` : "Failing"}>
        <p>
          The last {row.consecutive_failures} deliveries failed{row.last_error && <> (last error: {asClause(row.last_error)})</>}. It will be deactivated{" "}
          {failures_left > 0 ? `after ${failures_left} more ${failures_left === 1 ? "failure" : "failures"} in a row` : "at its next failure"}
          {not_before ? (
            <>
              {failures_left > 0 ? ", no sooner than " : " after "}
              <LocalTime date={not_before} />
            </>
          ) : null}
          , unless a delivery succeeds first.
        </p>
        {children}
      </Alert>
    );
  }
  return null;
}
