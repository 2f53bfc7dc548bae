import Link from "next/link";
import { buttonClass } from "./button";

/**
 * Keyset pagination links: back to the first page (when not on it) and on to the next (when
 * there is one). Nothing at all when the list fits on one page.
 */
export function Pager({
  first,
  next,
  labels = { first: "← Newest", next: "Older →" },
}: {
  /** The first page's href, or null when this is the first page. */
  first: string | null;
  /** The next page's href, or null on the last page. */
  next: string | null;
  labels?: { first: string; next: string };
}) {
  if (!first && !next) return null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex justify-between">
      {first ? (
        <Link className={buttonClass("secondary")} href={first}>
          {labels.first}
        </Link>
      ) : (
        <span />
      )}
      {next && (
        <Link className={buttonClass("secondary")} href={next}>
          {labels.next}
        </Link>
      )}
    </nav>
  );
}
