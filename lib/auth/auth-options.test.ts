import { afterEach, describe, expect, it, vi } from "vitest";

// next-auth marks every cookie it sets Secure (and __Secure- prefixed) when useSecureCookies is
// on; the e2e apps run on plain http, so the production half is asserted here.
async function optionsFor(appUrl: string) {
  vi.resetModules();
  vi.stubEnv("APP_URL", appUrl);
  const { authOptions } = await import("./auth-options");
  return authOptions();
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("auth options", () => {
  it("use Secure cookies exactly when the app is served over https", async () => {
    expect((await optionsFor("https://app.backinstock.example")).useSecureCookies).toBe(true);
    expect((await optionsFor("http://localhost:3000")).useSecureCookies).toBe(false);
  });

  it("keep the session in a JWT for 7 days, signed with AUTH_SECRET", async () => {
    const options = await optionsFor("https://app.backinstock.example");
    expect(options.session).toEqual({ strategy: "jwt", maxAge: 7 * 24 * 60 * 60 });
    expect(options.secret).toBe(process.env.AUTH_SECRET);
  });
});
