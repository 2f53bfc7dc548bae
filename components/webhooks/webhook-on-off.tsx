"use client";
import { useOptimistic, useState, useTransition } from "react";
import { setWebhookActiveAction } from "@/app/actions/webhooks";
import { Button } from "@/components/ui/button";
import { Switch } from "@/components/ui/switch";

// A webhook's own page: the list's server action switches it, and its revalidation re-renders
// the page with the new state (so no client cache to keep in step, unlike the list).

/** The On/Off switch, flipped at once and rolled back with a message if the server refuses. */
export function WebhookActiveSwitch({ storeId, webhookId, on, label }: { storeId: string; webhookId: string; on: boolean; label: string }) {
  const [shown, setShown] = useOptimistic(on);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-2 text-sm text-slate-600">
        <span aria-hidden>{shown ? "On" : "Off"}</span>
        <Switch
          checked={shown}
          disabled={pending}
          label={label}
          onChange={(next) =>
            startTransition(async () => {
              setError(null);
              setShown(next);
              const outcome = await setWebhookActiveAction(storeId, webhookId, next);
              if (!outcome.ok) setError(`The change was not saved: ${outcome.message}`);
            })
          }
        />
      </div>
      {error && (
        <p role="alert" className="max-w-xs text-right text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** Re-enables a deactivated webhook (the same as switching it On). */
export function ReEnableButton({ storeId, webhookId }: { storeId: string; webhookId: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="mt-2 flex flex-wrap items-center gap-3">
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const outcome = await setWebhookActiveAction(storeId, webhookId, true);
            if (!outcome.ok) setError(`Not re-enabled: ${outcome.message}`);
          })
        }
      >
        {pending ? "Re-enabling…" : "Re-enable"}
      </Button>
      {error && <p className="text-sm">{error}</p>}
    </div>
  );
}
