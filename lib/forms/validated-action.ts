import "server-only";
import type { z } from "zod";
import { isAppError } from "@/lib/errors";

// Server actions parse their FormData with zod and report errors per field in one shape,
// so every form shows messages the same way and none throws a 500 for bad input.
export type FormState<TValues = Record<string, string>> = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Partial<Record<string, string[]>>;
  values?: Partial<TValues>;
};

export function validatedAction<S extends z.ZodType>(
  schema: S,
  action: (data: z.infer<S>, formData: FormData) => Promise<FormState | void>,
) {
  return async (_prev: FormState, formData: FormData): Promise<FormState> => {
    // Echo the typed values back (never passwords) so the form keeps them after an error.
    const values = Object.fromEntries(
      [...formData.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("$") && !/password/i.test(k)),
    ) as Record<string, string>;
    const parsed = schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "form");
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return { message: "Please correct the highlighted fields.", fieldErrors, values };
    }
    try {
      return (await action(parsed.data, formData)) ?? { ok: true };
    } catch (e) {
      if (isAppError(e)) {
        const details = e.details as { fieldErrors?: Record<string, string[]> } | undefined;
        return { message: e.message, fieldErrors: details?.fieldErrors, values };
      }
      throw e;
    }
  };
}
