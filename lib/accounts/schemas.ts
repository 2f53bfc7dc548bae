import { z } from "zod";
import { planOrder } from "@/lib/plans";

// Input schemas shared by forms, server actions and tests.
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address, like name@shop.com").max(254, "Email is too long"));

export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters")
  .max(200, "Use at most 200 characters");

export const storeDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^https?:\/\//, "").replace(/\/.*$/, ""))
  .pipe(
    z
      .string()
      .max(253, "Domain is too long")
      .regex(
        /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        "Enter your shop's domain, like my-shop.com",
      ),
  );

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name").max(100, "Use at most 100 characters"),
  email: emailSchema,
  password: passwordSchema,
  storeName: z.string().trim().min(2, "Enter your store's name").max(80, "Use at most 80 characters"),
  storeDomain: storeDomainSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(200),
});

export const changePlanSchema = z.object({
  storeId: z.string().min(1),
  plan: z.enum(planOrder as [string, ...string[]]).transform((p) => p as (typeof planOrder)[number]),
  reason: z.string().trim().min(3, "Say why the plan is changing").max(500),
});
