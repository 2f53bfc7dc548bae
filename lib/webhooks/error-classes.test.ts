import { describe, expect, it } from "vitest";
import { errorClassSentence, errorClassSentences } from "./error-classes";

describe("error classes in words", () => {
  it("states the limits that attempt.ts enforces", () => {
    expect(errorClassSentences.timeout).toContain("longer than 5 s");
    expect(errorClassSentences.too_large).toContain("over 256 KiB");
  });

  it("names every class with one sentence, and shows an unknown one as it is", () => {
    for (const sentence of Object.values(errorClassSentences)) expect(sentence).toMatch(/^[A-Z].*\.$/);
    expect(errorClassSentence("dns")).toBe("The host name did not resolve.");
    expect(errorClassSentence("something_new")).toBe("Failed (something_new).");
  });
});
