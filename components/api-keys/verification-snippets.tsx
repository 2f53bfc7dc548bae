"use client";
import { useRef, useState } from "react";
import type { VerificationSnippet } from "@/lib/api-keys/verification-snippets";
import { CopyButton } from "@/components/ui/copy-button";

/** The "Verify a webhook" code, one tab per language (arrow keys move between tabs). */
export function VerificationSnippets({ snippets }: { snippets: readonly VerificationSnippet[] }) {
  const [selected, setSelected] = useState(0);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const snippet = snippets[selected]!;

  function onKeyDown(e: React.KeyboardEvent) {
    const last = snippets.length - 1;
    const next = { ArrowRight: selected === last ? 0 : selected + 1, ArrowLeft: selected === 0 ? last : selected - 1, Home: 0, End: last }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    setSelected(next);
    tabs.current[next]?.focus();
  }

  return (
    <div className="min-w-0">
      <div className="flex flex-wrap items-end justify-between gap-2 border-b border-slate-200">
        <div role="tablist" aria-label="Language" className="-mb-px flex gap-1" onKeyDown={onKeyDown}>
          {snippets.map((s, i) => (
            <button
              key={s.language}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`snippet-tab-${s.language}`}
              aria-selected={i === selected}
              aria-controls={`snippet-panel-${s.language}`}
              tabIndex={i === selected ? 0 : -1}
              onClick={() => setSelected(i)}
              className={`rounded-t-md border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 ${
                i === selected ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800"
              }`}
            >
              {s.label}
            </button>
          ))}
        </div>
        <div className="pb-1.5">
          <CopyButton key={snippet.language} what={`${snippet.label} snippet`} text={() => snippet.code} fallback="Select the code and press Ctrl+C (⌘C on a Mac)." />
        </div>
      </div>
      <div
        role="tabpanel"
        id={`snippet-panel-${snippet.language}`}
        aria-labelledby={`snippet-tab-${snippet.language}`}
        tabIndex={0}
        className="mt-3 overflow-x-auto rounded-md bg-slate-900 focus:outline-2 focus:outline-offset-2 focus:outline-indigo-600"
      >
        <pre className="p-4 font-mono text-xs leading-relaxed text-slate-100">
          <code>{snippet.code}</code>
        </pre>
      </div>
    </div>
  );
}
