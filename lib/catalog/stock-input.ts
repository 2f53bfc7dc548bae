import { z } from "zod";

/** The most a variant's stock can be set to from the dashboard. */
export const maxStock = 1_000_000;

const wholeNumber = "Enter the stock as a whole number from 0 to 1,000,000.";

/** Catalog → Set stock: the form's fields, each with a message a merchant can act on. */
export const setStockSchema = z.object({
  storeId: z.string().min(1),
  variantId: z.string().regex(/^[1-9]\d{0,18}$/, "Unknown variant."),
  available: z
    .string({ error: wholeNumber })
    .trim()
    .min(1, { error: wholeNumber, abort: true })
    .regex(/^\d+$/, "Stock must be a whole number from 0 to 1,000,000 (no decimals, signs or spaces).")
    .transform(Number)
    .pipe(z.number().max(maxStock, "Stock can be at most 1,000,000.")),
});
