import { isIPv4, isIPv6 } from "node:net";
import { z } from "zod";

// The webhook URL policy: the one set of rules, read by the UI, the REST API and the delivery
// worker, that decides where Back in Stock is willing to POST. It is a server-side request
// forgery defence, so it refuses anything that could reach our own network, a cloud metadata
// service, or a host that is not the merchant's.
//
// Two checks:
// - checkWebhookUrl, when a URL is saved (and again before each delivery): the URL's text.
// - checkResolvedAddress, at delivery time, on each address DNS returned for the host, so a
//   public name that resolves (or later re-resolves: DNS rebinding) to a private address is
//   still refused.
//
// Decisions on the rules that could be read more than one way:
// - URLs are trimmed first, and the 2,048-character limit applies to the trimmed text and to the
//   normalised URL (`url.href`, what is stored and requested), whichever is longer.
// - IP literals in any spelling are normalised by the WHATWG URL parser before we look at them:
//   `https://2130706433`, `https://0x7f000001`, `https://0177.0.0.1` and `https://127.1` all
//   have `url.hostname` "127.0.0.1"; IPv6 comes back bracketed and compressed, and IPv4-mapped
//   addresses in hex (`[::ffff:127.0.0.1]` becomes `[::ffff:7f00:1]`). We rely on that.
// - "hosts ending `internal` or `local`" is applied literally to the end of the host name (after
//   dropping a trailing dot), not label by label: `metadata.google.internal`, `printer.local`,
//   but also `mylocal` and `shop.hyperlocal` are refused. `localhost` does not end in `local`;
//   it has its own rule.
// - Only example.com, example.net and example.org (and their subdomains) are refused as
//   reserved; other special-use names (.test, .invalid, .example) are left to DNS, which fails.
// - appHost may be a host name, a host:port or a full URL; only its host name is used, and the
//   own-domain rule ignores ports (the whole host and its subdomains are ours).
// - allowInsecure (WEBHOOKS_ALLOW_INSECURE_URLS=1, development and tests only) admits exactly two
//   things: the http: scheme, and loopback hosts (localhost, *.localhost, 127.0.0.0/8, ::1 and
//   its IPv4-mapped form ::ffff:127.0.0.0/104). Everything else is still refused: credentials,
//   over-long URLs, other private ranges (10.0.0.1 stays refused), internal names, reserved
//   domains. Loopback hosts admitted this way are exempt from the own-domain rule, because in
//   development the app itself runs on localhost next to the test receiver.
// - Anything that is not an IP address is refused by checkResolvedAddress, and isBlockedIp
//   returns true for it: the resolve-time check fails closed.

export type UrlPolicyRule =
  | "invalid_url"
  | "https_required"
  | "too_long"
  | "credentials"
  | "localhost"
  | "internal_host"
  | "private_ip"
  | "reserved_domain"
  | "own_domain";

export type UrlPolicyOptions = {
  /** The app's own host (e.g. "app.backinstock.test"); it and its subdomains are refused. */
  appHost?: string;
  /** Development and tests only (WEBHOOKS_ALLOW_INSECURE_URLS=1): admit http: and loopback hosts. */
  allowInsecure?: boolean;
};

export type UrlPolicyRefusal<R extends UrlPolicyRule = UrlPolicyRule> = { ok: false; rule: R; message: string };
export type UrlPolicyResult = { ok: true; url: URL } | UrlPolicyRefusal;
export type AddressPolicyResult = { ok: true } | UrlPolicyRefusal<"private_ip">;

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** The user-facing sentence for each refusal. */
export const urlPolicyMessages: Readonly<Record<UrlPolicyRule, string>> = {
  invalid_url: "Enter a full URL that starts with https://, like https://hooks.yourshop.com/back-in-stock.",
  https_required: "Use an https:// URL: webhooks are only delivered over HTTPS.",
  too_long: `Use a shorter URL: webhook URLs can be at most ${MAX_WEBHOOK_URL_LENGTH.toLocaleString("en-US")} characters.`,
  credentials: "Remove the user name and password from the URL: webhook URLs can't contain credentials.",
  localhost: "Use a public host name: webhooks can't be delivered to localhost.",
  internal_host: "Use a public host name: hosts ending in “internal” or “local” are on private networks.",
  private_ip:
    "Use a public address: webhooks can't be delivered to private, loopback, link-local, multicast or reserved IP addresses.",
  reserved_domain: "Use your own domain: example.com, example.net and example.org are reserved for documentation.",
  own_domain: "Use your own server's URL: webhooks can't be delivered to Back in Stock itself.",
};

function refuse<R extends UrlPolicyRule>(rule: R): UrlPolicyRefusal<R> {
  return { ok: false, rule, message: urlPolicyMessages[rule] };
}

// ---------------------------------------------------------------------------------------------
// IP ranges

type Bytes = readonly number[];
type Range = { bytes: Bytes; prefix: number; name: string; loopback?: true };
type Embedding = { bytes: Bytes; prefix: number; name: string; ipv4At: number; keepsLoopback?: true };

/** Every IP range we never deliver to, each named. IPv6 ranges that embed an IPv4 address are in `embeddings`. */
const blockedRanges: readonly Range[] = [
  // IPv4
  range("0.0.0.0/8", "“this network”, including the unspecified address 0.0.0.0"),
  range("10.0.0.0/8", "private network (RFC 1918)"),
  range("100.64.0.0/10", "carrier-grade NAT shared space (RFC 6598)"),
  range("127.0.0.0/8", "loopback", true),
  range("169.254.0.0/16", "link-local, including the cloud metadata service 169.254.169.254"),
  range("172.16.0.0/12", "private network (RFC 1918)"),
  range("192.0.0.0/24", "IETF protocol assignments"),
  range("192.0.2.0/24", "documentation (TEST-NET-1)"),
  range("192.168.0.0/16", "private network (RFC 1918)"),
  range("198.18.0.0/15", "benchmarking (RFC 2544)"),
  range("198.51.100.0/24", "documentation (TEST-NET-2)"),
  range("203.0.113.0/24", "documentation (TEST-NET-3)"),
  range("224.0.0.0/4", "multicast"),
  range("240.0.0.0/4", "reserved, including the broadcast address 255.255.255.255"),
  // IPv6
  range("::/128", "unspecified"),
  range("::1/128", "loopback", true),
  range("100::/64", "discard-only (RFC 6666)"),
  range("64:ff9b:1::/48", "local-use IPv4/IPv6 translation (RFC 8215)"),
  range("2001::/32", "Teredo tunnelling (its embedded IPv4 address is obfuscated, so the whole range is refused)"),
  range("2001:db8::/32", "documentation"),
  range("fc00::/7", "unique local, including the AWS metadata service fd00:ec2::254"),
  range("fe80::/10", "link-local"),
  range("fec0::/10", "site-local (deprecated)"),
  range("ff00::/8", "multicast"),
];

/** IPv6 ranges that carry an IPv4 address (at byte `ipv4At`), judged by that IPv4 address. */
const embeddings: readonly Embedding[] = [
  embedding("::ffff:0:0/96", 12, "IPv4-mapped (::ffff:a.b.c.d): the same socket address as a.b.c.d", true),
  embedding("::/96", 12, "IPv4-compatible (::a.b.c.d, deprecated)"),
  embedding("64:ff9b::/96", 12, "IPv4/IPv6 translation (NAT64)"),
  embedding("2002::/16", 2, "6to4"),
];

function range(cidr: string, name: string, loopback?: true): Range {
  const [address = "", prefix = ""] = cidr.split("/");
  const bytes = parseIp(address);
  if (!bytes) throw new Error(`Bad range ${cidr}`);
  return { bytes, prefix: Number(prefix), name, loopback };
}

function embedding(cidr: string, ipv4At: number, name: string, keepsLoopback?: true): Embedding {
  const { bytes, prefix } = range(cidr, name);
  return { bytes, prefix, name, ipv4At, keepsLoopback };
}

function inRange(bytes: Bytes, base: Bytes, prefix: number): boolean {
  if (bytes.length !== base.length) return false;
  const whole = Math.floor(prefix / 8);
  for (let i = 0; i < whole; i++) if (bytes[i] !== base[i]) return false;
  const rest = prefix % 8;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((bytes[whole] ?? 0) & mask) === ((base[whole] ?? 0) & mask);
}

/** IPv4 (dotted decimal) or IPv6 (brackets and a %zone tolerated) to its 4 or 16 bytes; null if it is neither. */
function parseIp(input: string): number[] | null {
  let address = input.trim();
  if (address.startsWith("[") && address.endsWith("]")) address = address.slice(1, -1);
  if (isIPv4(address)) return address.split(".").map(Number);
  if (!isIPv6(address)) return null;
  address = address.replace(/%.*$/, "");

  // A trailing dotted IPv4 part (::ffff:127.0.0.1) is the last two 16-bit groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.split(".").map(Number);
    address = `${address.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }

  const [head = "", tail] = address.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill("0");
  const groups = [...headGroups, ...zeros, ...tailGroups];
  if (groups.length !== 8) return null;
  return groups.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}

type IpClass = "public" | "loopback" | "blocked";

function classify(bytes: Bytes): IpClass {
  for (const r of blockedRanges) {
    if (inRange(bytes, r.bytes, r.prefix)) return r.loopback ? "loopback" : "blocked";
  }
  for (const e of embeddings) {
    if (!inRange(bytes, e.bytes, e.prefix)) continue;
    const embedded = classify(bytes.slice(e.ipv4At, e.ipv4At + 4));
    // Only the mapped form is the same machine; loopback reached through a tunnel or translator is not.
    return embedded === "loopback" && !e.keepsLoopback ? "blocked" : embedded;
  }
  return "public";
}

function classifyAddress(address: string): IpClass {
  const bytes = parseIp(address);
  return bytes ? classify(bytes) : "blocked";
}

/**
 * Whether webhooks must never be delivered to this address: private, loopback, link-local,
 * CGNAT, multicast, broadcast, unspecified, documentation or metadata ranges, IPv4 and IPv6
 * (IPv4-mapped, IPv4-compatible, NAT64 and 6to4 addresses are judged by their IPv4 address).
 * True for anything that is not an IP address.
 */
export function isBlockedIp(address: string): boolean {
  return classifyAddress(address) !== "public";
}

/** Whether this is a loopback address (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104). */
export function isLoopbackIp(address: string): boolean {
  return classifyAddress(address) === "loopback";
}

/**
 * The delivery-time check, on an address DNS returned for the webhook's host (dns.lookup gives
 * IPv4, IPv6 or IPv4-mapped IPv6 strings). allowInsecure admits loopback addresses only.
 */
export function checkResolvedAddress(address: string, options: UrlPolicyOptions = {}): AddressPolicyResult {
  const ipClass = classifyAddress(address);
  if (ipClass === "public" || (ipClass === "loopback" && options.allowInsecure)) return { ok: true };
  return refuse("private_ip");
}

// ---------------------------------------------------------------------------------------------
// URLs

const reservedDomains = ["example.com", "example.net", "example.org"];

function isSameOrSubdomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** A host name without trailing dots, lower case. */
function bareHost(host: string): string {
  return host.toLowerCase().replace(/\.+$/, "");
}

/** The host name of appHost, which may be "host", "host:port" or a full URL. */
function appHostName(appHost: string): string {
  const value = appHost.trim();
  try {
    return bareHost(new URL(value.includes("://") ? value : `https://${value}`).hostname);
  } catch {
    return bareHost(value);
  }
}

/**
 * Whether a webhook URL may be saved and delivered to. On success, `url` is the parsed,
 * normalised URL (store `url.href`). At delivery time, also run checkResolvedAddress on the
 * addresses the host resolves to.
 */
export function checkWebhookUrl(raw: string, options: UrlPolicyOptions = {}): UrlPolicyResult {
  const { appHost, allowInsecure = false } = options;
  const input = raw.trim();
  if (input.length > MAX_WEBHOOK_URL_LENGTH) return refuse("too_long");
  // The URL parser drops or escapes control characters, but the string saved is `input`: a NUL
  // in it failed in Postgres (500), a tab or newline would be saved as sent.
  if (/[\u0000-\u001f\u007f]/.test(input)) return refuse("invalid_url");

  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return refuse("invalid_url");
  }
  if (!(url.protocol === "https:" || (allowInsecure && url.protocol === "http:"))) return refuse("https_required");
  if (!url.hostname) return refuse("invalid_url");
  if (url.href.length > MAX_WEBHOOK_URL_LENGTH) return refuse("too_long");
  if (url.username || url.password) return refuse("credentials");

  const host = bareHost(url.hostname);
  let loopbackAdmitted = false;
  const ipBytes = isIPv4(host) || host.startsWith("[") ? parseIp(host) : null;
  if (ipBytes) {
    const ipClass = classify(ipBytes);
    if (ipClass === "loopback" && allowInsecure) loopbackAdmitted = true;
    else if (ipClass !== "public") return refuse("private_ip");
  } else if (host.startsWith("[")) {
    return refuse("invalid_url");
  } else {
    if (host === "localhost" || host.endsWith(".localhost")) {
      if (!allowInsecure) return refuse("localhost");
      loopbackAdmitted = true;
    }
    // Literally "ends with": mylocal and shop.hyperlocal are refused too (see the top of the file).
    if (/(internal|local)$/.test(host)) return refuse("internal_host");
    if (reservedDomains.some((domain) => isSameOrSubdomain(host, domain))) return refuse("reserved_domain");
  }

  if (appHost && !loopbackAdmitted) {
    const own = appHostName(appHost);
    if (own && isSameOrSubdomain(host, own)) return refuse("own_domain");
  }
  return { ok: true, url };
}

/**
 * A zod schema for a webhook URL field (trimmed), whose issues carry the rule's message and
 * `params.rule`. Options come from the caller (env), so this is a factory.
 */
export function webhookUrlSchema(options: UrlPolicyOptions = {}) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const result = checkWebhookUrl(value, options);
      if (!result.ok) ctx.addIssue({ code: "custom", message: result.message, params: { rule: result.rule } });
    });
}
