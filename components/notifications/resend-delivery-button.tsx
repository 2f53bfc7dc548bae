"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { resendDeliveryAction } from "@/app/actions/webhooks";
import { Button } from "@/components/ui/button";

/** Resends one finished delivery and refreshes the page to show it retrying; says why when refused. */
export function ResendDeliveryButton({ storeId, deliveryId }: { storeId: string; deliveryId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button
        type="button"
        variant="secondary"
        className="px-2.5 py-1 text-xs"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const outcome = await resendDeliveryAction(storeId, deliveryId);
            setResult(outcome);
            if (outcome.ok) router.refresh();
          })
        }
      >
        {pending ? "Resending…" : "Resend"}
      </Button>
      {result && (
        <span role="status" className={`text-xs ${result.ok ? "text-emerald-700" : "text-red-700"}`}>
          {result.message}
        </span>
      )}
    </span>
  );
}
