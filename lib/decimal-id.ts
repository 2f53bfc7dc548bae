/**
 * Numeric ids (notifications, products, variants: the webhook contract's numbers) are PostgreSQL
 * bigints. A decimal string from outside must fit one: a larger value fails in the database (a
 * 500) instead of simply finding nothing.
 */
export const maxBigint = 9_223_372_036_854_775_807n;

/** True unless `digits` is a run of decimal digits too large for a bigint (other input is left to the caller's regex). */
export function fitsBigint(digits: string): boolean {
  return !/^\d+$/.test(digits) || BigInt(digits) <= maxBigint;
}
