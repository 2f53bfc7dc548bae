import "server-only";
import type { z } from "zod";
import type { ErrorCode } from "@/lib/errors";
import { withApiKey, type ApiHandlerContext, type ApiRouteHandler, type WithApiKeyOptions } from "./with-api-key";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** What the OpenAPI document says about an endpoint, beside what its options already tell. */
export type EndpointDoc = {
  method: HttpMethod;
  /** The path below /api/v1, in OpenAPI form: "/webhooks/{id}". */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  /** The request body's component name (with `options.body`), and an example body. */
  requestBody?: {
    name: string;
    description: string;
    example: unknown;
    /** JSON Schema keywords for what a refinement checks (the generator cannot see inside refinements). */
    schema?: Record<string, unknown>;
  };
  success: {
    status: 200 | 201 | 204;
    description: string;
    /** The response body's schema (a registered component), absent for 204. */
    schema?: z.ZodType;
    example?: unknown;
    headers?: Record<string, string>;
  };
  /** Errors the endpoint's own logic can answer with; the wrapper's (401, 403, 4xx of the body, 429, 500) are added from its options. */
  errors?: ErrorCode[];
};

export type Endpoint = {
  doc: EndpointDoc;
  options: WithApiKeyOptions<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;
  /** The route handler, for an app/api/v1 route file to export as GET, POST, … */
  handler: ApiRouteHandler;
};

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * One endpoint: its documentation, its options (plan, params, query, body schemas) and its
 * handler, wrapped by withApiKey. The OpenAPI document is generated from the same object, so
 * what is validated is what is documented.
 */
export function defineEndpoint<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(
  doc: EndpointDoc,
  options: WithApiKeyOptions<P, Q, B>,
  handle: (context: ApiHandlerContext<Output<P>, Output<Q>, Output<B>>) => Promise<Response>,
): Endpoint {
  return { doc, options: options as Endpoint["options"], handler: withApiKey(handle, options) };
}
