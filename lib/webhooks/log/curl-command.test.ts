import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { curlCommand } from "./curl-command";

describe("curlCommand", () => {
  const body = `{"note":"it's $HOME \`x\` \\"q\\""}`;
  const command = curlCommand("https://hooks.example.dev/bis?a=1&b=2", { "content-type": "application/json", "x-bis-signature": "[redacted]", "content-length": "42" }, body);

  it("keeps redacted signatures redacted and drops transport headers", () => {
    expect(command).toContain(`-H 'x-bis-signature: [redacted]'`);
    expect(command).not.toContain("content-length");
  });

  it("quotes so the shell passes the URL and body through byte for byte", () => {
    // Run the command's arguments through a real shell with `printf` standing in for curl.
    const args = command.replace(/^curl/, "printf '%s\\n'").replaceAll(" \\\n", " ");
    const printed = execFileSync("sh", ["-c", args], { encoding: "utf8" }).split("\n");
    expect(printed).toContain("https://hooks.example.dev/bis?a=1&b=2");
    expect(printed).toContain(body);
    expect(printed).toContain("x-bis-signature: [redacted]");
  });
});
