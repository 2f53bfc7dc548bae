"use client";
import { useRef, useState, useTransition } from "react";
import { rotateApiKeyAction, type RotateOutcome } from "@/app/actions/api-key";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * "Rotate key…" opens a modal confirm (native <dialog>: focus moves to Cancel, the safe choice;
 * Escape closes; focus returns to the button) that spells out the 24-hour overlap.
 */
export function RotateApiKeyButton({ storeId, onRotated }: { storeId: string; onRotated: (outcome: RotateOutcome & { ok: true }) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function open() {
    setError(null);
    dialog.current?.showModal();
    cancel.current?.focus();
  }

  function confirm() {
    startTransition(async () => {
      const outcome = await rotateApiKeyAction(storeId);
      if (!outcome.ok) {
        setError(outcome.message);
        return;
      }
      dialog.current?.close();
      onRotated(outcome);
    });
  }

  return (
    <>
      <Button ref={opener} type="button" variant="secondary" onClick={open} aria-haspopup="dialog">
        Rotate key…
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="rotate-title"
        aria-describedby="rotate-description"
        onClose={() => opener.current?.focus()}
        onCancel={(e) => {
          if (pending) e.preventDefault();
        }}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="space-y-4 px-5 py-5">
          <div>
            <h2 id="rotate-title" className="text-base font-semibold text-slate-900">
              Rotate the API key?
            </h2>
            <div id="rotate-description" className="mt-2 space-y-2 text-sm text-slate-600">
              <p>A new key is issued and becomes the current key at once.</p>
              <p>
                The previous key keeps working for <strong className="text-slate-800">24 hours</strong>: for REST API calls, and as a
                second signature on webhooks (in the <code className="font-mono text-xs whitespace-nowrap">webhook-signature</code> header). Update your
                integrations and webhook receivers with the new key before then.
              </p>
            </div>
          </div>
          {error && <Alert tone="error">{error}</Alert>}
          <div className="flex justify-end gap-2">
            <Button ref={cancel} type="button" variant="secondary" onClick={() => dialog.current?.close()} disabled={pending}>
              Cancel
            </Button>
            <Button type="button" variant="danger" onClick={confirm} disabled={pending}>
              {pending ? "Rotating…" : "Rotate key"}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
