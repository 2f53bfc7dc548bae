import { describe, expect, it } from "vitest";
import { asClause, asSentence } from "./error-text";

describe("error text", () => {
  it("ends a stored message with exactly one full stop, or none inside brackets", () => {
    expect(asSentence("The endpoint answered 500.")).toBe("The endpoint answered 500.");
    expect(asSentence("connect ECONNREFUSED")).toBe("connect ECONNREFUSED.");
    expect(asClause("The endpoint answered 500.")).toBe("The endpoint answered 500");
    expect(asClause("connect ECONNREFUSED")).toBe("connect ECONNREFUSED");
  });
});
