/**
 * `fn`, remembering its last argument and answer: for values derived from a setting every call
 * passes again (APP_URL's host, the webhook User-Agent), computed once per value instead of on
 * every delivery attempt.
 */
export function memoizeLast<A, R>(fn: (arg: A) => R): (arg: A) => R {
  let last: { arg: A; value: R } | null = null;
  return (arg) => {
    if (!last || last.arg !== arg) last = { arg, value: fn(arg) };
    return last.value;
  };
}
