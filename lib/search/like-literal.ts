/**
 * Text for Prisma's `contains`/`startsWith`, which pass it to (I)LIKE as it is: escapes the
 * wildcards so "%" and "_" typed into a search box mean themselves.
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}
