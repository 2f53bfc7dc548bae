"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { signUpAction } from "@/app/actions/sign-up";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormState } from "@/lib/forms/validated-action";

export function SignUpForm() {
  const router = useRouter();
  // React resets the form after the action, so keep what was typed for the sign-in below.
  const credentials = useRef({ email: "", password: "" });
  const [state, action, pending] = useActionState<FormState, FormData>((prev, form) => {
    credentials.current = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    return signUpAction(prev, form);
  }, {});

  // The account exists once the action succeeds; sign in with the same credentials.
  useEffect(() => {
    if (!state.ok) return;
    void signIn("credentials", { ...credentials.current, redirect: false }).then(() => {
      router.replace("/");
      router.refresh();
    });
  }, [state, router]);

  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {state.message && !state.ok && <Alert tone="error">{state.message}</Alert>}
      <Field label="Your name" name="name" autoComplete="name" defaultValue={values.name} errors={errors.name} required />
      <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={values.email} errors={errors.email} required />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        errors={errors.password}
        required
      />
      <Field label="Store name" name="storeName" defaultValue={values.storeName} errors={errors.storeName} required />
      <Field
        label="Store domain"
        name="storeDomain"
        placeholder="my-shop.com"
        defaultValue={values.storeDomain}
        errors={errors.storeDomain}
        required
      />
      <Button type="submit" className="w-full" disabled={pending || state.ok}>
        {pending || state.ok ? "Creating your store…" : "Create account"}
      </Button>
    </form>
  );
}
