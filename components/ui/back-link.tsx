import Link from "next/link";

/** "← All runs": the way back to the list a detail page was opened from. */
export function BackLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <p className="mb-2 text-sm">
      <Link href={href} className="text-indigo-600 hover:text-indigo-500">
        ← {children}
      </Link>
    </p>
  );
}
