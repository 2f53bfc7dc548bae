import { describe, expect, it } from "vitest";
import { makeStore } from "@/tests/factories";
import { authenticate, loginLimit } from "./authenticate";

describe("authenticate", () => {
  it("accepts the right password", async () => {
    const { userId, input } = await makeStore();
    await expect(authenticate(input.email, input.password, "10.0.0.1")).resolves.toMatchObject({ id: userId });
  });

  it("gives the same message for a wrong password and an unknown email", async () => {
    const { input } = await makeStore();
    await expect(authenticate(input.email, "wrong password", "10.0.0.2")).rejects.toThrow("Wrong email or password.");
    await expect(authenticate(`nobody-${Date.now()}@shop.test`, "whatever", "10.0.0.2")).rejects.toThrow("Wrong email or password.");
  });

  it("limits attempts per email and IP, without locking the owner out from another IP", async () => {
    const { input } = await makeStore();
    for (let i = 0; i < loginLimit.attempts; i++) {
      await expect(authenticate(input.email, "wrong password", "10.0.0.3")).rejects.toThrow("Wrong email or password.");
    }
    await expect(authenticate(input.email, input.password, "10.0.0.3")).rejects.toThrow(/Too many sign-in attempts. Try again in 1[45] minutes/);
    await expect(authenticate(input.email, input.password, "10.0.0.4")).resolves.toBeTruthy();
  });
});
