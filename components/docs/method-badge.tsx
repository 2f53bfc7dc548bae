const tones: Record<string, string> = {
  get: "bg-sky-50 text-sky-700 ring-sky-200",
  post: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  put: "bg-amber-50 text-amber-800 ring-amber-200",
  patch: "bg-violet-50 text-violet-700 ring-violet-200",
  delete: "bg-red-50 text-red-700 ring-red-200",
};

/** GET, POST, … as a coloured label. */
export function MethodBadge({ method, className = "" }: { method: string; className?: string }) {
  return (
    <span
      className={`inline-flex w-16 shrink-0 justify-center rounded px-1.5 py-0.5 font-mono text-xs font-semibold uppercase ring-1 ring-inset ${tones[method] ?? "bg-slate-100 text-slate-700 ring-slate-200"} ${className}`}
    >
      {method}
    </span>
  );
}

/** A status code, coloured by class (2xx green, 4xx amber, 5xx red). */
export function StatusBadge({ status }: { status: string }) {
  const tone = status.startsWith("2")
    ? "bg-emerald-50 text-emerald-700 ring-emerald-200"
    : status.startsWith("5")
      ? "bg-red-50 text-red-700 ring-red-200"
      : "bg-amber-50 text-amber-800 ring-amber-200";
  return <span className={`inline-flex rounded px-1.5 py-0.5 font-mono text-xs font-semibold ring-1 ring-inset ${tone}`}>{status}</span>;
}
