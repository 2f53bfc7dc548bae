import type { z } from "zod";
import { AppError } from "@/lib/errors";

export type ValidationDetails = {
  /** Messages per field ("url", "product.sku"); an unknown field is listed under its own name. */
  fieldErrors: Record<string, string[]>;
  /** Messages about the input as a whole. */
  formErrors: string[];
};

/** A zod error as the API reports it (422 details): the issues, grouped by field. */
export function validationDetails(error: z.ZodError): ValidationDetails {
  // No prototype: a field named "__proto__" or "constructor" (an unknown key a client sent) is a
  // key like any other, not Object.prototype's (whose lookup made `.push` throw: a 500).
  const fieldErrors: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const formErrors: string[] = [];
  const add = (field: string, message: string) => {
    if (field) (fieldErrors[field] ??= []).push(message);
    else formErrors.push(message);
  };
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add(field ? `${field}.${key}` : key, "Unknown field: remove it.");
    } else {
      add(field, issue.message);
    }
  }
  return { fieldErrors, formErrors };
}

/** Messages for the API's own inputs where zod's default says less than it could. */
const errorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "invalid_type" && issue.input === undefined) return "This field is required.";
  return undefined;
};

/** Parses API input (query, params or body): a mismatch is a 422 with the issues by field. */
export async function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: "body" | "query"): Promise<z.output<S>> {
  const result = await schema.safeParseAsync(input, { error: errorMap });
  if (result.success) return result.data;
  const details = validationDetails(result.error);
  const first = result.error.issues[0];
  const where = what === "body" ? "request body" : "query parameters";
  const field = first?.path.length ? `${first.path.join(".")}: ` : "";
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more; see details)` : "";
  throw new AppError("unprocessable_entity", `Invalid ${where}: ${field}${first?.message ?? "invalid input"}${more}`, details);
}
