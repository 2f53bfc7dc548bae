/** A block of code or JSON, scrollable and keyboard-focusable, with an optional caption. */
export function CodeBlock({ code, label, caption, wrap = false }: { code: string; label: string; caption?: string; wrap?: boolean }) {
  return (
    <figure className="min-w-0">
      {caption && <figcaption className="mb-1.5 text-xs font-medium uppercase tracking-wide text-slate-500">{caption}</figcaption>}
      <pre
        tabIndex={0}
        aria-label={label}
        className={`max-h-[28rem] overflow-auto ${wrap ? "whitespace-pre-wrap break-words" : ""} rounded-md bg-slate-900 px-4 py-3 font-mono text-xs leading-5 text-slate-100 shadow-xs`}
      >
        <code>{code}</code>
      </pre>
    </figure>
  );
}

/** Pretty JSON in a CodeBlock. */
export function JsonExample({ value, label, caption, wrap }: { value: unknown; label: string; caption?: string; wrap?: boolean }) {
  return <CodeBlock code={JSON.stringify(value, null, 2)} label={label} caption={caption} wrap={wrap} />;
}
