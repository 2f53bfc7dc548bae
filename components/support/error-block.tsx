/**
 * A serialised error as a person reads it: the stack (or "Name: message") as plain lines,
 * then any other fields as JSON. Red, scrollable, keyboard-focusable.
 */
export function ErrorBlock({ error, label }: { error: unknown; label: string }) {
  let text: string;
  if (error && typeof error === "object" && !Array.isArray(error) && typeof (error as { message?: unknown }).message === "string") {
    const { name, message, stack, __serialized: _serialized, ...rest } = error as Record<string, unknown>;
    const head = typeof stack === "string" && stack.length > 0 ? stack : `${typeof name === "string" ? name : "Error"}: ${String(message)}`;
    const extra = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null));
    text = Object.keys(extra).length > 0 ? `${head}\n\n${JSON.stringify(extra, null, 2)}` : head;
  } else {
    text = typeof error === "string" ? error : JSON.stringify(error, null, 2);
  }
  return (
    <pre
      tabIndex={0}
      aria-label={label}
      className="max-h-80 overflow-auto whitespace-pre-wrap break-words rounded-md bg-red-50 px-3 py-2 font-mono text-xs text-red-800 ring-1 ring-inset ring-red-200"
    >
      {text}
    </pre>
  );
}
