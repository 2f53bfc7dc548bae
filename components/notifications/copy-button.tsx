"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies `text` to the clipboard and says so (in a live region, for screen readers too). */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <span className="inline-flex items-center gap-2">
      <span role="status" className="text-xs text-slate-500">
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select the text instead" : ""}
      </span>
      <Button
        type="button"
        variant="secondary"
        className="px-2.5 py-1 text-xs"
        aria-label={label}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setState("copied");
          } catch {
            setState("failed");
          }
          setTimeout(() => setState("idle"), 2500);
        }}
      >
        Copy
      </Button>
    </span>
  );
}
