import { describe, expect, it } from "vitest";
import { signUpSchema } from "./schemas";

const valid = { name: "Ada", email: "Ada@Shop.com ", password: "0123456789", storeName: "Ada's", storeDomain: "https://Ada-Shop.com/path" };

function fieldErrors(input: Record<string, string>) {
  const result = signUpSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
}

describe("sign-up input", () => {
  it("normalises email and domain", () => {
    const parsed = signUpSchema.parse(valid);
    expect(parsed.email).toBe("ada@shop.com");
    expect(parsed.storeDomain).toBe("ada-shop.com");
  });

  it.each([
    ["email", "not-an-email", "Enter a valid email address, like name@shop.com"],
    ["email", "a@b", "Enter a valid email address, like name@shop.com"],
    ["password", "short", "Use at least 10 characters"],
    ["password", "x".repeat(201), "Use at most 200 characters"],
    ["name", "   ", "Enter your name"],
    ["storeName", "x", "Enter your store's name"],
    ["storeDomain", "localhost", "Enter your shop's domain, like my-shop.com"],
    ["storeDomain", "bad_domain.com", "Enter your shop's domain, like my-shop.com"],
  ])("rejects %s = %j with a clear message", (field, value, message) => {
    expect(fieldErrors({ ...valid, [field]: value })[field]).toBe(message);
  });
});
