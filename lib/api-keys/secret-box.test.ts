import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, hashSecret } from "./secret-box";

describe("secret box (AES-256-GCM)", () => {
  it("round-trips and never stores the plaintext", () => {
    const sealed = encryptSecret("bis_live_secret");
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain("bis_live_secret");
    expect(decryptSecret(sealed)).toBe("bis_live_secret");
    expect(encryptSecret("bis_live_secret")).not.toBe(sealed);
  });

  it("refuses a tampered ciphertext", () => {
    const [v, iv, tag, ct] = encryptSecret("bis_live_secret").split(".");
    const flipped = Buffer.from(ct!, "base64url");
    flipped[0]! ^= 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString("base64url")].join("."))).toThrow();
    expect(() => decryptSecret("garbage")).toThrow("Unrecognised sealed secret format");
  });

  it("hashes for lookup with SHA-256", () => {
    expect(hashSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
