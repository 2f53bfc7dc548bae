import { describe, expect, it } from "vitest";
import { setStockSchema } from "./stock-input";

const parse = (available: unknown) => setStockSchema.safeParse({ storeId: "sto_1", variantId: "44211925318693", available });
const message = (available: unknown) => {
  const r = parse(available);
  return r.success ? null : r.error.issues.map((i) => i.message).join(" ");
};

describe("setStockSchema", () => {
  it("takes whole numbers from 0 to 1,000,000", () => {
    expect(parse("0")).toMatchObject({ success: true, data: { available: 0 } });
    expect(parse(" 42 ")).toMatchObject({ success: true, data: { available: 42 } });
    expect(parse("1000000")).toMatchObject({ success: true, data: { available: 1_000_000 } });
  });

  it("refuses anything else with a clear message", () => {
    expect(message("")).toBe("Enter the stock as a whole number from 0 to 1,000,000.");
    expect(message(undefined)).toBe("Enter the stock as a whole number from 0 to 1,000,000.");
    for (const bad of ["-1", "1.5", "+3", "1e3", "ten", "1 000"]) expect(message(bad)).toMatch(/whole number from 0 to 1,000,000/);
    expect(message("1000001")).toBe("Stock can be at most 1,000,000.");
    expect(message("99999999999999999999999")).toBe("Stock can be at most 1,000,000.");
    expect(setStockSchema.safeParse({ storeId: "sto_1", variantId: "abc", available: "1" }).error?.issues[0]?.message).toBe("Unknown variant.");
  });
});
