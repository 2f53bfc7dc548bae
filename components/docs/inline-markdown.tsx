import { Fragment } from "react";

// The little Markdown the API descriptions use: paragraphs (blank lines), **bold** and `code`.

function inline(text: string, keyPrefix: string): React.ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*|`[^`]+`)/g).map((part, i) => {
    const key = `${keyPrefix}-${i}`;
    if (part.startsWith("**") && part.endsWith("**") && part.length > 4) return <strong key={key} className="font-semibold text-slate-900">{part.slice(2, -2)}</strong>;
    if (part.startsWith("`") && part.endsWith("`") && part.length > 2) return <Code key={key}>{part.slice(1, -1)}</Code>;
    return <Fragment key={key}>{part}</Fragment>;
  });
}

export function Code({ children }: { children: React.ReactNode }) {
  return <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800 ring-1 ring-inset ring-slate-200">{children}</code>;
}

/** Inline Markdown (bold and code) in a span. */
export function InlineMarkdown({ text }: { text: string }) {
  return <>{inline(text, "md")}</>;
}

/** Paragraphs of Markdown-lite text. */
export function MarkdownText({ text, className = "" }: { text: string; className?: string }) {
  return (
    <div className={`space-y-3 text-sm leading-6 text-slate-700 ${className}`}>
      {text.split(/\n\s*\n/).map((paragraph, i) => (
        <p key={i}>{inline(paragraph.trim(), `p${i}`)}</p>
      ))}
    </div>
  );
}
