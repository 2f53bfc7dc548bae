"use client";
import { useEffect, useRef, useState } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";

type Status = "idle" | "copying" | "copied" | "failed";

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Copies text to the clipboard and says so: the button reads "Copied" for a moment and a live
 * region announces it. `text` may fetch the value first (a reveal); null means nothing to copy.
 * Server components pass the text itself (a function cannot cross to the client).
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
  compact = false,
  inlineFallback = true,
}: {
  /** The text, or (from client components) a function that fetches it first. */
  text: string | (() => Promise<string | null> | string | null);
  label?: string;
  /** Names the thing copied, for screen readers ("Copy API key") and the announcement. */
  what: string;
  fallback: string;
  onFailure?: () => void;
  variant?: ButtonVariant;
  className?: string;
  /** The small size, for a Copy beside a code block. */
  compact?: boolean;
  /** Show `fallback` next to the button; off when `onFailure` shows it elsewhere (it is still announced). */
  inlineFallback?: boolean;
}) {
  const [status, setStatus] = useState<Status>("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    clearTimeout(timer.current);
    setStatus("copying");
    const value = typeof text === "function" ? await text() : text;
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
      <Button type="button" variant={variant} onClick={copy} disabled={status === "copying"} className={compact ? `px-2.5 py-1 text-xs ${className}` : className}>
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
        {status === "copied" ? `${capitalised(what)} copied to the clipboard.` : status === "failed" ? fallback : ""}
      </span>
    </span>
  );
}
