/** Pretty-printed JSON in a scrollable, keyboard-focusable block. */
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  const text = value === undefined ? "undefined" : JSON.stringify(value, null, 2);
  return (
    <pre
      tabIndex={0}
      aria-label={label}
      className="max-h-80 overflow-auto whitespace-pre-wrap break-words rounded-md bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800 ring-1 ring-inset ring-slate-200"
    >
      {text}
    </pre>
  );
}
