"use client";
import { useEffect, useRef, useState } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";

type Status = "idle" | "copying" | "copied" | "failed";

/**
 * Copies text to the clipboard and says so: the button reads "Copied" for a moment and a live
 * region announces it. `text` may fetch the value first (a reveal); null means nothing to copy.
 * Where the browser refuses the clipboard (no permission, an http:// origin), `fallback` says how
 * to copy by hand and `onFailure` can show and select the text.
 */
export function CopyButton({
  text,
  label = "Copy",
  what,
  fallback,
  onFailure,
  variant = "secondary",
  className = "",
  inlineFallback = true,
}: {
  text: () => Promise<string | null> | string | null;
  label?: string;
  /** Names the thing copied, for screen readers ("Copy API key") and the announcement. */
  what: string;
  fallback: string;
  onFailure?: () => void;
  variant?: ButtonVariant;
  className?: string;
  /** Show `fallback` next to the button; off when `onFailure` shows it elsewhere (it is still announced). */
  inlineFallback?: boolean;
}) {
  const [status, setStatus] = useState<Status>("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    clearTimeout(timer.current);
    setStatus("copying");
    const value = await text();
    if (value === null) {
      setStatus("idle");
      return;
    }
    try {
      if (!navigator.clipboard) throw new Error("Clipboard unavailable");
      await navigator.clipboard.writeText(value);
      setStatus("copied");
      timer.current = setTimeout(() => setStatus("idle"), 2500);
    } catch {
      setStatus("failed");
      onFailure?.();
    }
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button type="button" variant={variant} onClick={copy} disabled={status === "copying"} className={className}>
        {status === "copied" ? (
          <>
            <span aria-hidden className="text-emerald-600">
              ✓
            </span>
            Copied
          </>
        ) : (
          label
        )}
        <span className="sr-only"> {what}</span>
      </Button>
      <span role="status" className={status === "failed" && inlineFallback ? "text-sm text-amber-800" : "sr-only"}>
        {status === "copied" ? `${what} copied to the clipboard.` : status === "failed" ? fallback : ""}
      </span>
    </span>
  );
}
