import { describe, expect, it } from "vitest";
import { memoizeLast } from "./memoize-last";

describe("memoizeLast", () => {
  it("computes once per argument in a row, again when the argument changes", () => {
    const calls: string[] = [];
    const upper = memoizeLast((s: string) => (calls.push(s), s.toUpperCase()));
    expect([upper("a"), upper("a"), upper("b"), upper("b"), upper("a")]).toEqual(["A", "A", "B", "B", "A"]);
    expect(calls).toEqual(["a", "b", "a"]);
  });
});
