import { describe, expect, it } from "vitest";
import {
  checkResolvedAddress,
  checkWebhookUrl,
  isBlockedIp,
  isLoopbackIp,
  MAX_WEBHOOK_URL_LENGTH,
  urlPolicyMessages,
  webhookUrlSchema,
  type UrlPolicyOptions,
  type UrlPolicyRule,
} from "./url-policy";

const appHost = "app.backinstock.test";
const insecure: UrlPolicyOptions = { allowInsecure: true };

/** A URL of exactly `length` characters (already in normalised form). */
function urlOfLength(length: number): string {
  const prefix = "https://hooks.shop.com/";
  return prefix + "a".repeat(length - prefix.length);
}

type Case = [url: string, expected: "ok" | UrlPolicyRule, options?: UrlPolicyOptions];

const cases: Case[] = [
  // Allowed
  ["https://hooks.shop.com/bis?x=1", "ok"],
  ["https://shop.com", "ok"],
  ["HTTPS://Hooks.Shop.COM/Path", "ok"],
  ["  https://shop.com/hook  ", "ok"],
  ["https://shop.com:8443/hook", "ok"],
  ["https://93.184.216.34/webhook", "ok"],
  ["https://172.32.0.1", "ok"],
  ["https://8.8.8.8", "ok"],
  ["https://[2606:4700::1111]", "ok"],
  ["https://[64:ff9b::808:808]", "ok"], // NAT64 of public 8.8.8.8
  ["https://notexample.com", "ok"],
  ["https://localhost.shop.com", "ok"],
  ["https://global.shop.com", "ok"],
  [urlOfLength(MAX_WEBHOOK_URL_LENGTH), "ok"],
  ["https://backinstock.test/x", "ok", { appHost }],
  // Not a URL / wrong scheme / too long / credentials
  ["not a url", "invalid_url"],
  ["/relative/path", "invalid_url"],
  ["shop.com/hook", "invalid_url"],
  ["", "invalid_url"],
  ["https://", "invalid_url"],
  ["http://shop.com", "https_required"],
  ["ftp://shop.com", "https_required"],
  ["javascript:alert(1)", "https_required"],
  ["file:///etc/passwd", "https_required"],
  [urlOfLength(MAX_WEBHOOK_URL_LENGTH + 1), "too_long"],
  ["https://user:pw@shop.com", "credentials"],
  ["https://user@shop.com", "credentials"],
  ["https://:pw@shop.com", "credentials"],
  // localhost and internal names
  ["https://localhost", "localhost"],
  ["https://localhost:3000/x", "localhost"],
  ["https://foo.localhost", "localhost"],
  ["https://LOCALHOST.", "localhost"],
  ["https://metadata.google.internal", "internal_host"],
  ["https://metadata.google.internal./computeMetadata/v1/", "internal_host"],
  ["https://foo.internal", "internal_host"],
  ["https://printer.local", "internal_host"],
  ["https://Printer.LOCAL.", "internal_host"],
  ["https://mylocal", "internal_host"], // literal "ends with local"
  // IPv4 literals, in every spelling the URL parser accepts
  ["https://127.0.0.1", "private_ip"],
  ["https://127.1", "private_ip"],
  ["https://0x7f000001", "private_ip"],
  ["https://2130706433", "private_ip"],
  ["https://0177.0.0.1", "private_ip"],
  ["https://%31%32%37.0.0.1", "private_ip"],
  ["https://169.254.169.254/latest/meta-data", "private_ip"],
  ["https://10.1.2.3", "private_ip"],
  ["https://172.16.0.1", "private_ip"],
  ["https://172.31.255.255", "private_ip"],
  ["https://192.168.1.1", "private_ip"],
  ["https://100.64.0.1", "private_ip"],
  ["https://100.127.255.255", "private_ip"],
  ["https://0.0.0.0", "private_ip"],
  ["https://0", "private_ip"],
  ["https://192.0.0.8", "private_ip"],
  ["https://192.0.2.1", "private_ip"],
  ["https://198.18.0.1", "private_ip"],
  ["https://198.19.255.255", "private_ip"],
  ["https://198.51.100.7", "private_ip"],
  ["https://203.0.113.9", "private_ip"],
  ["https://224.0.0.1", "private_ip"],
  ["https://239.255.255.250", "private_ip"],
  ["https://240.0.0.1", "private_ip"],
  ["https://255.255.255.255", "private_ip"],
  // IPv6 literals
  ["https://[::1]", "private_ip"],
  ["https://[::]", "private_ip"],
  ["https://[fe80::1]", "private_ip"],
  ["https://[fc00::1]", "private_ip"],
  ["https://[fd00:ec2::254]", "private_ip"],
  ["https://[ff02::1]", "private_ip"],
  ["https://[2001:db8::1]", "private_ip"],
  ["https://[::ffff:127.0.0.1]", "private_ip"],
  ["https://[::ffff:7f00:1]", "private_ip"],
  ["https://[::ffff:169.254.169.254]", "private_ip"],
  ["https://[::127.0.0.1]", "private_ip"],
  ["https://[::10.0.0.1]", "private_ip"],
  ["https://[64:ff9b::10.0.0.1]", "private_ip"],
  ["https://[64:ff9b::a9fe:a9fe]", "private_ip"], // NAT64 of 169.254.169.254
  ["https://[2002:a00:1::]", "private_ip"], // 6to4 of 10.0.0.1
  // Reserved and own domains
  ["https://example.com", "reserved_domain"],
  ["https://example.org", "reserved_domain"],
  ["https://example.net/hook", "reserved_domain"],
  ["https://shop.example.com", "reserved_domain"],
  ["https://EXAMPLE.COM./x", "reserved_domain"],
  ["https://app.backinstock.test/x", "own_domain", { appHost }],
  ["https://APP.backinstock.test./x", "own_domain", { appHost }],
  ["https://api.app.backinstock.test/x", "own_domain", { appHost }],
  ["https://app.backinstock.test:8443/x", "own_domain", { appHost: "https://app.backinstock.test" }],
  ["https://app.backinstock.test/x", "ok"], // no appHost given
  // allowInsecure: http and loopback only
  ["http://localhost:4000", "ok", insecure],
  ["http://localhost:3000/hooks", "ok", { allowInsecure: true, appHost: "localhost:3000" }],
  ["http://receiver.localhost:4000", "ok", insecure],
  ["http://127.0.0.1:9", "ok", insecure],
  ["http://[::1]:4000", "ok", insecure],
  ["http://[::ffff:127.0.0.1]:4000", "ok", insecure],
  ["http://shop.com", "ok", insecure],
  ["https://10.0.0.1", "private_ip", insecure],
  ["http://192.168.0.10", "private_ip", insecure],
  ["http://169.254.169.254", "private_ip", insecure],
  ["http://[64:ff9b::7f00:1]", "private_ip", insecure], // loopback through NAT64 is not this machine
  ["http://user:pw@localhost:4000", "credentials", insecure],
  ["http://metadata.google.internal", "internal_host", insecure],
  ["http://example.com", "reserved_domain", insecure],
  ["ftp://localhost", "https_required", insecure],
  [`http://localhost:4000/${"a".repeat(MAX_WEBHOOK_URL_LENGTH)}`, "too_long", insecure],
  ["http://app.backinstock.test/x", "own_domain", { allowInsecure: true, appHost }],
];

describe("checkWebhookUrl", () => {
  it("has a broad table", () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
  });

  it.each(cases)("%s → %s %o", (url, expected, options) => {
    const result = checkWebhookUrl(url, options);
    if (expected === "ok") {
      expect(result).toMatchObject({ ok: true });
    } else {
      expect(result).toEqual({ ok: false, rule: expected, message: urlPolicyMessages[expected] });
    }
  });

  it("returns the normalised URL", () => {
    const result = checkWebhookUrl("  HTTPS://Hooks.Shop.COM/bis?x=1  ");
    expect(result.ok && result.url.href).toBe("https://hooks.shop.com/bis?x=1");
  });

  it("uses the message the brief asks for on http", () => {
    expect(checkWebhookUrl("http://shop.com")).toMatchObject({
      message: "Use an https:// URL: webhooks are only delivered over HTTPS.",
    });
  });

  it("relies on the URL parser normalising IPv4 spellings", () => {
    for (const spelling of ["https://2130706433", "https://0x7f000001", "https://0177.0.0.1", "https://127.1"]) {
      expect(new URL(spelling).hostname).toBe("127.0.0.1");
    }
    expect(new URL("https://[::ffff:127.0.0.1]").hostname).toBe("[::ffff:7f00:1]");
  });
});

describe("checkResolvedAddress", () => {
  const resolved: [address: string, expected: "ok" | "private_ip", options?: UrlPolicyOptions][] = [
    ["127.0.0.1", "private_ip"],
    ["::ffff:10.0.0.1", "private_ip"],
    ["::ffff:a00:1", "private_ip"],
    ["169.254.169.254", "private_ip"],
    ["fd00:ec2::254", "private_ip"],
    ["::1", "private_ip"],
    ["::", "private_ip"],
    ["0.0.0.0", "private_ip"],
    ["fe80::1%eth0", "private_ip"],
    ["100.100.100.200", "private_ip"], // Alibaba Cloud metadata, in CGNAT space
    ["not an address", "private_ip"],
    ["", "private_ip"],
    ["0177.0.0.1", "private_ip"], // not a form dns.lookup returns: fail closed
    ["8.8.8.8", "ok"],
    ["2001:4860:4860::8888", "ok"],
    ["::ffff:8.8.8.8", "ok"],
    ["93.184.216.34", "ok"],
    ["127.0.0.1", "ok", insecure],
    ["127.8.9.10", "ok", insecure],
    ["::1", "ok", insecure],
    ["::ffff:127.0.0.1", "ok", insecure],
    ["10.0.0.1", "private_ip", insecure],
    ["fd00:ec2::254", "private_ip", insecure],
    ["169.254.169.254", "private_ip", insecure],
  ];

  it.each(resolved)("%s → %s %o", (address, expected, options) => {
    const result = checkResolvedAddress(address, options);
    if (expected === "ok") expect(result).toEqual({ ok: true });
    else expect(result).toEqual({ ok: false, rule: "private_ip", message: urlPolicyMessages.private_ip });
  });
});

describe("isBlockedIp", () => {
  it.each([
    ["10.255.255.255", true],
    ["11.0.0.0", false],
    ["172.15.255.255", false],
    ["172.16.0.0", true],
    ["100.63.255.255", false],
    ["100.128.0.0", false],
    ["198.17.255.255", false],
    ["198.20.0.0", false],
    ["223.255.255.255", false],
    ["fbff:ffff::1", false],
    ["fc00::", true],
    ["fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true],
    ["fe7f::1", false],
    ["febf::1", true],
    ["2001:db8:ffff::1", true],
    ["2001:db9::1", false],
    ["64:ff9b::1.1.1.1", false],
    ["64:ff9b::192.168.0.1", true],
    ["[::1]", true],
  ] as const)("%s → %s", (address, blocked) => {
    expect(isBlockedIp(address)).toBe(blocked);
  });

  it("tells loopback apart", () => {
    expect(isLoopbackIp("127.0.0.1")).toBe(true);
    expect(isLoopbackIp("::ffff:7f00:1")).toBe(true);
    expect(isLoopbackIp("::127.0.0.1")).toBe(false);
    expect(isLoopbackIp("10.0.0.1")).toBe(false);
  });
});

describe("messages", () => {
  it("every refusal has a non-empty human sentence", () => {
    const rules = Object.keys(urlPolicyMessages) as UrlPolicyRule[];
    expect(new Set(rules)).toEqual(
      new Set([
        "invalid_url",
        "https_required",
        "too_long",
        "credentials",
        "localhost",
        "internal_host",
        "private_ip",
        "reserved_domain",
        "own_domain",
      ]),
    );
    for (const rule of rules) {
      const message = urlPolicyMessages[rule];
      expect(message.length).toBeGreaterThan(20);
      expect(message).toMatch(/^[A-Z][^\n]*\.$/);
      expect(message).not.toMatch(/_/); // no rule codes leaking into prose
    }
    expect(new Set(Object.values(urlPolicyMessages)).size).toBe(rules.length);
  });

  it("every refusal in the table carries its rule's message", () => {
    for (const [url, expected, options] of cases) {
      const result = checkWebhookUrl(url, options);
      if (!result.ok) {
        expect(result.rule).toBe(expected);
        expect(result.message.trim()).not.toBe("");
      }
    }
  });
});

describe("webhookUrlSchema", () => {
  it("trims and accepts a good URL", () => {
    expect(webhookUrlSchema().parse("  https://hooks.shop.com/bis  ")).toBe("https://hooks.shop.com/bis");
  });

  it("reports the rule's message and code", () => {
    const result = webhookUrlSchema({ appHost }).safeParse("https://app.backinstock.test/x");
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.message).toBe(urlPolicyMessages.own_domain);
    expect(issue).toMatchObject({ code: "custom", params: { rule: "own_domain" } });
  });

  it("passes options through", () => {
    expect(webhookUrlSchema().safeParse("http://localhost:4000").success).toBe(false);
    expect(webhookUrlSchema(insecure).safeParse("http://localhost:4000").success).toBe(true);
  });

  it("rejects non-strings", () => {
    expect(webhookUrlSchema().safeParse(42).success).toBe(false);
  });
});
