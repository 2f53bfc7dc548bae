import { z } from "zod";
import { errorStatus, type ErrorCode } from "@/lib/errors";

// Schemas shared by every endpoint: the error body. Documented in the OpenAPI document as the
// "Error" component; the code enum comes from lib/errors.ts, the one code → status table.

export const errorCodes = Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]];

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).nullable(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
