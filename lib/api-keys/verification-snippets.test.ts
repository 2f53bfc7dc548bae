import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes, randomInt } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bisSignature } from "@/lib/webhooks/signing";
import { verificationSnippets, type SnippetLanguage } from "./verification-snippets";

// Runs each published "Verify a webhook" snippet, as shown on Account → API, in its own
// language against signatures made by the real signer. Each run gets a JSON file of cases
// (body as base64 so any bytes survive, the header value, the key) and prints one verdict a line.

type Case = { body: string; signature: string | null; key: string };

const harness: Record<SnippetLanguage, { file: string; command: string; args: string[]; driver: string }> = {
  node: {
    file: "verify.mjs",
    command: process.execPath,
    args: [],
    driver: `
import { readFileSync } from "node:fs";
for (const c of JSON.parse(readFileSync(process.argv[2], "utf8"))) {
  console.log(verifyBisSignature(Buffer.from(c.body, "base64"), c.signature, c.key) ? "true" : "false");
}
`,
  },
  ruby: {
    file: "verify.rb",
    command: "ruby",
    args: [],
    driver: `
require "json"
JSON.parse(File.read(ARGV[0])).each do |c|
  puts(verify_bis_signature(Base64.strict_decode64(c["body"]), c["signature"], c["key"]) ? "true" : "false")
end
`,
  },
  python: {
    file: "verify.py",
    command: "python3",
    args: [],
    driver: `
import json
import sys

with open(sys.argv[1]) as f:
    for c in json.load(f):
        print("true" if verify_bis_signature(base64.b64decode(c["body"]), c["signature"], c["key"]) else "false")
`,
  },
};

const available = (command: string) => spawnSync(command, ["--version"]).status === 0;
// Ruby comes from apt-get (.ci/run installs it): in CI its absence fails the test instead of skipping it.
const canRun = (language: SnippetLanguage) => available(harness[language].command) || process.env.CI === "true";

const dir = mkdtempSync(path.join(tmpdir(), "bis-snippets-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function apiKey() {
  return "bis_live_" + randomBytes(32).toString("base64url");
}

/** Valid signatures and near misses, with the verdict each must get. */
function cases(): { input: Case; valid: boolean }[] {
  const out: { input: Case; valid: boolean }[] = [];
  const add = (key: string, body: Buffer, signature: string | null) =>
    out.push({ input: { key, body: body.toString("base64"), signature }, valid: signature === bisSignature(key, body) });

  const seedKey = "your_back_in_stock_api_key";
  const json = Buffer.from(JSON.stringify({ notification_id: 12345, topic: "notification/sent", product: { product_title: "Thé vert 🍵" } }));
  add(seedKey, json, bisSignature(seedKey, json));
  add(seedKey, Buffer.alloc(0), bisSignature(seedKey, ""));
  add(seedKey, json, null);
  add(seedKey, json, "");
  add(seedKey, json, bisSignature(seedKey, json) + "\n");
  add(seedKey, json, bisSignature(seedKey, json).replace(/=$/, ""));
  add(seedKey, json, "é" + bisSignature(seedKey, json).slice(1));
  add(seedKey, json, Buffer.from(bisSignature(seedKey, json), "base64").toString("base64url"));
  for (let i = 0; i < 25; i++) {
    const key = apiKey();
    const body = i % 2 ? randomBytes(randomInt(1, 4096)) : Buffer.from(JSON.stringify({ i, note: randomBytes(40).toString("latin1") }));
    const signature = bisSignature(key, body);
    add(key, body, signature);
    const changed = Buffer.from(body);
    changed[randomInt(changed.length)]! ^= 1 << randomInt(8);
    add(key, changed, signature);
    add(apiKey(), body, signature);
    const sig = Buffer.from(signature, "base64");
    sig[randomInt(sig.length)]! ^= 1 << randomInt(8);
    add(key, body, sig.toString("base64"));
  }
  return out;
}

describe("Verify a webhook snippets", () => {
  it("has one for each of Node, Ruby and Python, each checking X-BIS-Signature with a timing-safe compare", () => {
    expect(verificationSnippets.map((s) => s.language)).toEqual(["node", "ruby", "python"]);
    const safeCompare = { node: "timingSafeEqual(", ruby: "OpenSSL.secure_compare(", python: "hmac.compare_digest(" };
    for (const snippet of verificationSnippets) {
      expect(snippet.code).toContain("X-BIS-Signature");
      expect(snippet.code).toContain(safeCompare[snippet.language]);
      expect(snippet.code).not.toMatch(/bis_live_/);
    }
  });

  for (const snippet of verificationSnippets) {
    it.runIf(canRun(snippet.language))(`${snippet.label}: accepts exactly the signer's signatures`, () => {
      const h = harness[snippet.language];
      const file = path.join(dir, h.file);
      writeFileSync(file, snippet.code + "\n" + h.driver);
      const all = cases();
      const casesFile = path.join(dir, `${snippet.language}-cases.json`);
      writeFileSync(casesFile, JSON.stringify(all.map((c) => c.input)));
      const r = spawnSync(h.command, [...h.args, file, casesFile], { encoding: "utf8" });
      if (r.error) throw new Error(`${h.command} could not run (${r.error.message}); CI installs it in .ci/run`);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const verdicts = r.stdout.trim().split("\n");
      expect(verdicts).toEqual(all.map((c) => String(c.valid)));
      expect(verdicts.filter((v) => v === "true").length).toBe(27);
    });
  }
});
