import { storefrontPreflight, storefrontSignUp } from "@/lib/storefront/sign-up";

// POST /api/storefront/{store}/notifications: a shopper's back-in-stock sign-up, from the
// store's own site (public; CORS and limits in lib/storefront/sign-up.ts). {store}: id or domain.
type Context = { params: Promise<{ store: string }> };

export async function POST(request: Request, { params }: Context) {
  return storefrontSignUp(request, (await params).store);
}

export async function OPTIONS(request: Request, { params }: Context) {
  return storefrontPreflight(request, (await params).store);
}

export const dynamic = "force-dynamic";
