// A stored error message ("The endpoint answered 500.") set inside other text, without doubled
// or stray full stops. Pure, so both the owner's emails and the (client) notices use it.

/** The message as a sentence: one full stop at the end, never two. */
export function asSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The message inside a sentence (in brackets, say): its own final full stop dropped. */
export function asClause(text: string): string {
  return text.replace(/\.$/, "");
}
