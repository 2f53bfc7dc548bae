"use server";
import { createAccount } from "@/lib/accounts/create-account";
import { signUpSchema } from "@/lib/accounts/schemas";
import { requestContext } from "@/lib/auth/request-context";
import { validatedAction } from "@/lib/forms/validated-action";

export const signUpAction = validatedAction(signUpSchema, async (input) => {
  await createAccount(input, await requestContext());
  return { ok: true };
});
