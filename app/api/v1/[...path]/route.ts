import { unknownEndpoint } from "@/lib/api/unknown-endpoint";

// Any other /api/v1 path: a JSON 404 like every API answer, not the app's HTML page.
export const GET = unknownEndpoint;
export const POST = unknownEndpoint;
export const PUT = unknownEndpoint;
export const PATCH = unknownEndpoint;
export const DELETE = unknownEndpoint;
export const dynamic = "force-dynamic";
