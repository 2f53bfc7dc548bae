// Support staff read deliveries with the shopper's contact details masked: the payload's
// customer.email and customer.sms. Pure functions, no I/O, so they are unit-tested on their own.
//
// The body is masked in place, token by token, rather than parsed and re-serialised: whatever
// the stored bytes look like (key order, spacing, escapes), only the two values change.

const dots = "•••";

/** "jane@example.com" → "j•••@example.com"; a one-letter local part shows no letter at all. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 0) return maskOpaque(email);
  const local = email.slice(0, at);
  return `${local.length > 1 ? [...local][0] : ""}${dots}${email.slice(at)}`;
}

/**
 * "+447700900134" → "+44 •••• ••34": the country calling code (two digits) and the last two digits,
 * in a fixed shape that does not give away how long the number is.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 6) return "•••• ••";
  const prefix = phone.trim().startsWith("+") ? `+${digits.slice(0, 2)} ` : "";
  return `${prefix}•••• ••${digits.slice(-2)}`;
}

function maskOpaque(value: string): string {
  return value.length === 0 ? value : dots;
}

/** A string token of the body and where it sits: [start, end) of the raw JSON text, quotes included. */
type Span = { start: number; end: number; path: readonly (string | number)[] };

/**
 * The string values of a JSON text with their paths. The text must be valid JSON (the caller
 * has parsed it already), so the scanner only needs to find token boundaries.
 */
function stringSpans(text: string): Span[] {
  const spans: Span[] = [];
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const str = (): [number, number] => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return [start, i];
  };
  const value = (path: (string | number)[]): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        const [ks, ke] = str();
        const key = JSON.parse(text.slice(ks, ke)) as string;
        ws();
        i++; // ':'
        value([...path, key]);
        ws();
        if (text[i++] === "}") return;
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (let n = 0; ; n++) {
        value([...path, n]);
        ws();
        if (text[i++] === "]") return;
      }
    }
    if (c === '"') {
      const [start, end] = str();
      spans.push({ start, end, path });
      return;
    }
    // A number, true, false or null: up to the next delimiter.
    while (i < text.length && !",]} \t\n\r".includes(text[i]!)) i++;
  };
  value([]);
  return spans;
}

const maskers: Record<string, (value: string) => string> = { email: maskEmail, sms: maskPhone };

function customerField(path: readonly (string | number)[]): string | null {
  return path.length === 2 && path[0] === "customer" && typeof path[1] === "string" && path[1] in maskers ? path[1] : null;
}

// A body that is not JSON is not one of ours; mask anything in it that looks like an email
// address or an international phone number rather than show it as is.
const emailPattern = /[\w.%+-]+@[\w-]+(?:\.[\w-]+)+/g;
const phonePattern = /\+\d[\d\s().-]{5,}\d/g;

/**
 * The delivery body with customer.email and customer.sms masked; every other byte as stored.
 * A body that is not JSON gets anything that looks like an email address or phone number masked.
 */
export function maskCustomerData(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body.replace(emailPattern, maskEmail).replace(phonePattern, maskPhone);
  }
  if (!parsed || typeof parsed !== "object" || !("customer" in parsed)) return body;
  let out = "";
  let from = 0;
  for (const span of stringSpans(body)) {
    const field = customerField(span.path);
    if (!field) continue;
    const raw = JSON.parse(body.slice(span.start, span.end)) as string;
    out += body.slice(from, span.start) + JSON.stringify(maskers[field]!(raw));
    from = span.end;
  }
  return out + body.slice(from);
}

/** The contact details in a body (customer.email and customer.sms, when strings), as sent. */
export function customerContacts(body: string): { value: string; masked: string }[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const customer = parsed && typeof parsed === "object" && "customer" in parsed ? parsed.customer : null;
  if (!customer || typeof customer !== "object") return [];
  const found: { value: string; masked: string }[] = [];
  for (const [field, mask] of Object.entries(maskers)) {
    const value = (customer as Record<string, unknown>)[field];
    if (typeof value === "string" && value.length > 0) found.push({ value, masked: mask(value) });
  }
  return found;
}

/** `text` with every occurrence of the given contact details masked (e.g. a receiver echoing the payload back). */
export function maskContactsIn(text: string, contacts: { value: string; masked: string }[]): string {
  return contacts.reduce((t, c) => t.split(c.value).join(c.masked), text);
}

type MaskableDelivery = {
  body: string;
  attempts: { requestHeaders: unknown; responseHeaders: unknown; responseBody: string | null; errorMessage: string | null }[];
};

/**
 * A delivery as support sees it by default: the body masked, and the same contact details
 * masked wherever else they show up (a response that echoes the payload, an error message).
 */
export function maskDeliveryForSupport<D extends MaskableDelivery>(delivery: D): D {
  const contacts = customerContacts(delivery.body);
  const text = (s: string | null) => (s === null ? null : maskContactsIn(s, contacts));
  const headers = (h: unknown) =>
    h && typeof h === "object" && !Array.isArray(h) ? Object.fromEntries(Object.entries(h).map(([k, v]) => [k, typeof v === "string" ? maskContactsIn(v, contacts) : v])) : h;
  return {
    ...delivery,
    body: maskCustomerData(delivery.body),
    attempts: delivery.attempts.map((a) => ({
      ...a,
      requestHeaders: headers(a.requestHeaders),
      responseHeaders: headers(a.responseHeaders),
      responseBody: text(a.responseBody),
      errorMessage: text(a.errorMessage),
    })),
  } as D;
}
