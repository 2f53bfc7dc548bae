import "server-only";
import type {
  ComponentsObject,
  HeaderObject,
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from "openapi3-ts/oas31";
import { z } from "zod";
import { env } from "@/lib/env";
import { AppError, errorStatus, type ErrorCode } from "@/lib/errors";
import { eventTopics, examplePayload, notificationPayloadSchema, subscriptionTopicSchema, topics } from "@/lib/webhooks/topics";
import { urlPolicyMessages } from "@/lib/webhooks/url-policy";
import { webhookInputSchema } from "@/lib/webhooks/webhook-input";
import { duplicateWebhookError, webhookNotFound } from "@/lib/webhooks/webhook-view";
import { plans } from "@/lib/plans";
import { invalidApiKey, missingApiKey, planRequired, plansWith, rateLimited, internalError } from "../api-errors";
import type { Endpoint } from "../endpoint";
import { MAX_BODY_BYTES, readJsonBody } from "../read-json-body";
import { apiRateLimit } from "../rate-limit";
import { errorBody } from "../responses";
import { apiErrorSchema } from "../schemas";
import { parseInput } from "../validation";
import { deliveryEndpoints, resendResultSchema } from "../deliveries/endpoints";
import { attemptSchema, deliveryListSchema, deliverySchema, deliveryWithAttemptsSchema } from "../deliveries/schemas";
import { inventorySchema, notificationEndpoints, notificationListSchema } from "../notifications/endpoints";
import { webhookEndpoints } from "../webhooks/endpoints";
import { notificationViewSchema } from "@/lib/notifications/notification-view";
import { testPayloadOutcomeSchema, webhookListSchema, webhookSchema } from "../webhooks/schemas";
import { deliveryHeaderDocs, deliveryRules } from "../webhook-contract";

// The OpenAPI 3.1 document of /api/v1, generated from the endpoints' own zod schemas (the ones
// that validate requests) with zod 4's native z.toJSONSchema: OpenAPI 3.1's schema dialect is
// JSON Schema 2020-12, which is what it emits. Built on first use (never at import, so nothing
// here needs env while Next.js builds) and kept for the life of the process.

export const apiEndpoints: readonly Endpoint[] = [...webhookEndpoints, ...deliveryEndpoints, ...notificationEndpoints];

const schemaRef = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
const responseRef = (name: string): ReferenceObject => ({ $ref: `#/components/responses/${name}` });
const headerRef = (name: string): ReferenceObject => ({ $ref: `#/components/headers/${name}` });

/** The error responses, one per status: their component name and what they mean. */
const errorResponses: Record<Exclude<ErrorCode, "bad_request" | "forbidden">, { name: string; description: string }> = {
  invalid_json: { name: "InvalidJson", description: "The body is not valid JSON (or is empty, or not UTF-8)." },
  unauthorized: { name: "Unauthorized", description: "No API key was sent, or it is not valid (anymore)." },
  plan_required: { name: "PlanRequired", description: "The store's plan does not include webhooks." },
  not_found: { name: "NotFound", description: "No such webhook in this store. Another store's webhook id answers the same." },
  conflict: { name: "Conflict", description: "A webhook for this topic and URL exists already, or the plan's webhook limit is reached." },
  payload_too_large: { name: "PayloadTooLarge", description: `The body is larger than ${MAX_BODY_BYTES / 1024} KiB.` },
  unsupported_media_type: { name: "UnsupportedMediaType", description: "The body is not sent as Content-Type: application/json." },
  unprocessable_entity: { name: "ValidationFailed", description: "The input does not pass validation; `details.fieldErrors` lists the messages by field." },
  rate_limited: { name: "RateLimited", description: "Too many requests with this key; wait for Retry-After seconds." },
  internal_error: { name: "InternalError", description: "Something failed on our side; nothing internal is disclosed. Quote `details.request_id` to support." },
};
type DocumentedError = keyof typeof errorResponses;

const componentDescriptions: Record<string, string> = {
  Topic: `A subscription topic. ${topics.map((t) => `\`${t.name}\`: ${t.description}`).join(" ")}`,
  Webhook: "A webhook: a URL subscribed to a topic.",
  WebhookList: "A page of webhooks.",
  Error: "Every error: a stable `code` to branch on, a `message` for people, and `details` (null or an object, by code).",
  NotificationPayload: "The JSON body of every webhook delivery. A test payload (Send test payload) has the same shape with `\"test\": true`.",
};

const bodyFieldDescriptions: Record<string, string> = {
  topic: "The topic to subscribe to; `notification/*` receives every notification event.",
  url: "Where to deliver: an absolute https:// URL of at most 2,048 characters, on a public host. Refused: credentials in the URL; localhost and *.localhost; hosts ending in internal or local; private, loopback, link-local, CGNAT, multicast and metadata IP addresses (IPv4 and IPv6); example.com, example.net and example.org; this service's own domain. A refusal's message (listed in `x-refusals`) says which rule the URL broke.",
  is_active: "On (true) or Off (false).",
};

/** The error an async step throws (the real one, so documented messages are the real messages). */
async function thrownBy(step: () => Promise<unknown>): Promise<AppError> {
  try {
    await step();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("Expected the example step to fail");
}

const asBody = (e: AppError) => errorBody(e.code, e.message, e.details);

async function errorExamples(): Promise<Record<DocumentedError, Record<string, { summary: string; value: unknown }>>> {
  const post = (headers: Record<string, string>, body: string) => new Request("http://localhost/api/v1/webhooks", { method: "POST", headers, body });
  const medium = plans.MEDIUM;
  return {
    invalid_json: { invalid: { summary: "Not JSON", value: asBody(await thrownBy(() => readJsonBody(post({ "content-type": "application/json" }, '{"topic": ')))) } },
    unauthorized: {
      missing: { summary: "No key sent", value: asBody(missingApiKey()) },
      invalid: { summary: "Unknown or retired key", value: asBody(invalidApiKey()) },
    },
    plan_required: { small: { summary: "A store on the Small plan", value: asBody(planRequired("webhooks", "SMALL")) } },
    not_found: { missing: { summary: "Not this store's webhook", value: asBody(webhookNotFound()) } },
    conflict: {
      duplicate: { summary: "Same topic and URL", value: asBody(duplicateWebhookError()) },
      limit: {
        summary: "Plan limit reached",
        value: errorBody("conflict", `Your ${medium.name} plan allows up to ${medium.webhookLimit} webhooks; delete one or move to a bigger plan to add more.`, {
          limit: medium.webhookLimit,
        }),
      },
    },
    payload_too_large: {
      large: {
        summary: "Over 64 KiB",
        value: asBody(await thrownBy(() => readJsonBody(post({ "content-type": "application/json", "content-length": String(MAX_BODY_BYTES + 1) }, "{}")))),
      },
    },
    unsupported_media_type: {
      form: { summary: "A form post", value: asBody(await thrownBy(() => readJsonBody(post({ "content-type": "application/x-www-form-urlencoded" }, "topic=x")))) },
    },
    unprocessable_entity: {
      invalid: {
        summary: "Unknown topic and a refused URL",
        value: asBody(
          await thrownBy(() => parseInput(webhookInputSchema(), { topic: "order/created", url: "https://hooks.example.com/in" }, "body")),
        ),
      },
    },
    rate_limited: { limited: { summary: "Over the rate limit", value: asBody(rateLimited(apiRateLimit, 1)) } },
    internal_error: { failed: { summary: "An unexpected failure", value: asBody(internalError("0b8e7f5e-4f2a-4f1e-9d6b-2c8a1f7e3d90")) } },
  };
}

/** Which error responses an endpoint can answer with: the wrapper's, from its options, and its own. */
export function endpointErrors(endpoint: Endpoint): DocumentedError[] {
  const codes = new Set<DocumentedError>(["unauthorized", "rate_limited", "internal_error"]);
  const { options, doc } = endpoint;
  if (options.requiredFeature) codes.add("plan_required");
  if (options.params) codes.add("not_found");
  if (options.query) codes.add("unprocessable_entity");
  if (options.body) for (const code of ["invalid_json", "payload_too_large", "unsupported_media_type", "unprocessable_entity"] as const) codes.add(code);
  for (const code of doc.errors ?? []) if (code in errorResponses) codes.add(code as DocumentedError);
  return [...codes].sort((a, b) => errorStatus[a] - errorStatus[b]);
}

type JsonSchema = SchemaObject & Record<string, unknown>;

const toJsonSchemaOptions = {
  uri: (id: string) => `#/components/schemas/${id}`,
  // A date-time's format says it all; zod's long validation pattern would only clutter the document.
  override: ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => {
    if (jsonSchema.format === "date-time") delete jsonSchema.pattern;
    // .int() bounds integers to the safe range; that is JSON's, not a rule of ours.
    if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
    if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  },
};

/** Component schemas from a registry, without the per-schema $schema/$id that z.toJSONSchema adds. */
function components(registry: z.core.$ZodRegistry<{ id: string }>, io: "input" | "output"): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(registry, { ...toJsonSchemaOptions, io });
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => {
      const { $schema: _s, $id: _i, ...rest } = schema as Record<string, unknown>;
      return [name, { ...rest, ...(componentDescriptions[name] && { description: componentDescriptions[name] }) } as JsonSchema];
    }),
  );
}

/** Path or query parameters from an object schema: one parameter per property. */
function parameters(schema: z.ZodType | undefined, location: "path" | "query"): ParameterObject[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { ...toJsonSchemaOptions, io: "input" }) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      required: location === "path" || (json.required ?? []).includes(name),
      ...(description && { description }),
      schema: rest,
    };
  });
}

const successHeaders: Record<string, ReferenceObject> = {
  "X-Request-Id": headerRef("X-Request-Id"),
  "RateLimit-Limit": headerRef("RateLimit-Limit"),
  "RateLimit-Remaining": headerRef("RateLimit-Remaining"),
  "RateLimit-Reset": headerRef("RateLimit-Reset"),
};

function operation(endpoint: Endpoint, bodyNames: Map<Endpoint, string>, responseNames: Map<z.ZodType, string>): OperationObject {
  const { doc, options } = endpoint;
  const success = doc.success;
  const successSchema = success.schema ? responseNames.get(success.schema) : undefined;
  if (success.schema && !successSchema) throw new Error(`${doc.operationId}: its response schema is not a registered component`);
  const feature = options.requiredFeature;
  const responses: Record<string, ResponseObject | ReferenceObject> = {
    [String(success.status)]: {
      description: success.description,
      headers: {
        ...successHeaders,
        ...Object.fromEntries(Object.entries(success.headers ?? {}).map(([name, description]) => [name, { description, schema: { type: "string" } }])),
      },
      ...(successSchema && { content: { "application/json": { schema: schemaRef(successSchema), example: success.example } } }),
    },
  };
  for (const code of endpointErrors(endpoint)) responses[String(errorStatus[code])] = responseRef(errorResponses[code].name);
  const bodyName = bodyNames.get(endpoint);
  return {
    operationId: doc.operationId,
    tags: [doc.tag],
    summary: doc.summary,
    description: feature
      ? `${doc.description}\n\nRequires a plan with webhooks (${plansWith(feature).join(", ")}).`
      : `${doc.description}\n\nAllowed on every plan.`,
    ...(feature && { "x-plans": plansWith(feature) }),
    parameters: [...parameters(options.params, "path"), ...parameters(options.query, "query")],
    ...(bodyName &&
      doc.requestBody && {
        requestBody: {
          required: true,
          description: doc.requestBody.description,
          content: { "application/json": { schema: schemaRef(bodyName), example: doc.requestBody.example } },
        },
      }),
    responses,
  };
}

/** The outgoing webhooks (OpenAPI 3.1 `webhooks`): one per event topic, with its payload, headers and example. */
function deliveryWebhooks(): Record<string, PathItemObject> {
  return Object.fromEntries(
    eventTopics.map((topic) => {
      const info = topics.find((t) => t.name === topic)!;
      const post: OperationObject = {
        operationId: `deliver:${topic}`,
        tags: ["Webhook deliveries"],
        summary: `${topic} delivery`,
        description: `${info.description} Sent to webhooks subscribed to \`${topic}\` or \`notification/*\`: a signed JSON POST, retried up to ${deliveryRules.retries} times over about ${deliveryRules.retryWindowHours} hours until your endpoint answers 2xx within ${deliveryRules.timeoutSeconds} s.`,
        parameters: deliveryHeaderDocs(env().APP_URL)
          .filter((h) => h.name !== "Content-Type") // OpenAPI describes Content-Type through the request body
          .map((h) => ({ name: h.name, in: "header", required: true, description: h.description, schema: { type: "string" }, example: h.example })),
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: schemaRef("NotificationPayload"),
              examples: {
                event: { summary: `A ${topic} event`, value: examplePayload(topic) },
                test: { summary: "A test payload (Send test payload)", value: { ...examplePayload(topic), test: true } },
              },
            },
          },
        },
        responses: {
          "2XX": { description: "Any 2xx status acknowledges the delivery." },
          default: {
            description: `Anything else is a failure and is retried: another status (3xx included: redirects are not followed), no answer within ${deliveryRules.timeoutSeconds} s, or a connection error. 410 Gone deactivates the webhook at once; Retry-After on 429 or 503 delays the next attempt.`,
          },
        },
      };
      return [topic, { post }];
    }),
  );
}

export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  // Request bodies are described as clients send them (io "input"), responses as we send them.
  const requests = z.registry<{ id: string }>();
  const responsesRegistry = z.registry<{ id: string }>();
  requests.add(subscriptionTopicSchema, { id: "Topic" });
  const bodyNames = new Map<Endpoint, string>();
  for (const endpoint of apiEndpoints) {
    if (!endpoint.options.body || !endpoint.doc.requestBody) continue;
    requests.add(endpoint.options.body()!, { id: endpoint.doc.requestBody.name });
    bodyNames.set(endpoint, endpoint.doc.requestBody.name);
  }
  const responseNames = new Map<z.ZodType, string>([
    [subscriptionTopicSchema, "Topic"],
    [webhookSchema, "Webhook"],
    [webhookListSchema, "WebhookList"],
    [testPayloadOutcomeSchema, "TestPayloadOutcome"],
    [notificationViewSchema, "Notification"],
    [notificationListSchema, "NotificationList"],
    [inventorySchema, "Inventory"],
    [resendResultSchema, "ResendResult"],
    [deliverySchema, "Delivery"],
    [deliveryListSchema, "DeliveryList"],
    [attemptSchema, "DeliveryAttempt"],
    [deliveryWithAttemptsSchema, "DeliveryWithAttempts"],
    [apiErrorSchema, "Error"],
    [notificationPayloadSchema, "NotificationPayload"],
  ]);
  for (const [schema, id] of responseNames) responsesRegistry.add(schema, { id });

  const requestSchemas = components(requests, "input");
  for (const [endpoint, name] of bodyNames) {
    const schema = requestSchemas[name];
    if (!schema) continue;
    Object.assign(schema, endpoint.doc.requestBody?.schema);
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const [field, description] of Object.entries(bodyFieldDescriptions)) {
      if (properties[field]) properties[field] = { ...properties[field], description };
    }
    if (properties.url) properties.url = { ...properties.url, "x-refusals": { ...urlPolicyMessages } };
  }
  const schemas = { ...components(responsesRegistry, "output"), ...requestSchemas };

  const examples = await errorExamples();
  const responses: Record<string, ResponseObject> = {};
  for (const [code, { name, description }] of Object.entries(errorResponses) as [DocumentedError, (typeof errorResponses)[DocumentedError]][]) {
    const headers: Record<string, HeaderObject | ReferenceObject> = { "X-Request-Id": headerRef("X-Request-Id") };
    if (code === "unauthorized") headers["WWW-Authenticate"] = { description: 'Bearer realm="Back in Stock API" (with error="invalid_token" when a key was sent).', schema: { type: "string" } };
    if (code === "rate_limited") Object.assign(headers, { "Retry-After": headerRef("Retry-After"), ...successHeaders });
    responses[name] = {
      description: `${errorStatus[code]} \`${code}\`: ${description}`,
      "x-status": errorStatus[code],
      "x-error-code": code,
      "x-meaning": description,
      headers,
      content: { "application/json": { schema: schemaRef("Error"), examples: examples[code] } },
    };
  }

  const headers: Record<string, HeaderObject> = {
    "X-Request-Id": { description: "This request's id; quote it to support.", schema: { type: "string", format: "uuid" } },
    "RateLimit-Limit": { description: `The burst size: ${apiRateLimit.burst} requests.`, schema: { type: "integer" } },
    "RateLimit-Remaining": { description: "How many more requests this key may send right now.", schema: { type: "integer" } },
    "RateLimit-Reset": { description: "Seconds until the full burst is available again.", schema: { type: "integer" } },
    "Retry-After": { description: "Seconds to wait before the next request.", schema: { type: "integer" } },
  };

  const paths: Record<string, PathItemObject> = {};
  for (const endpoint of apiEndpoints) {
    const item = (paths[endpoint.doc.path] ??= {});
    item[endpoint.doc.method] = operation(endpoint, bodyNames, responseNames);
  }

  const componentsObject: ComponentsObject = {
    securitySchemes: {
      apiKeyHeader: { type: "apiKey", in: "header", name: "X-Auth-Token", description: "Your API key (Account → API) in the X-Auth-Token header." },
      bearerAuth: { type: "http", scheme: "bearer", description: "Your API key as a bearer token: `Authorization: Bearer <key>`." },
    },
    schemas,
    responses,
    headers,
  };

  return {
    openapi: "3.1.0",
    info: {
      title: "Back in Stock API",
      version: "1.0.0",
      description: [
        "The REST API of Back in Stock, for programs acting for one store.",
        "",
        "**Authentication.** Send the store's API key (Account → API) in `X-Auth-Token: <key>` or `Authorization: Bearer <key>`. After a rotation the previous key keeps working for 24 hours.",
        "",
        `**Rate limits.** Each key may send ${apiRateLimit.perSecond} requests a second on average, in bursts of up to ${apiRateLimit.burst}. Every response carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset; over the limit the answer is 429 with Retry-After.`,
        "",
        `**Requests and responses.** Bodies are JSON (\`Content-Type: application/json\`, at most ${MAX_BODY_BYTES / 1024} KiB). Responses are JSON and never cached (\`Cache-Control: no-store\`). Errors are \`{"error":{"code","message","details"}}\`; branch on \`code\`.`,
        "",
        "**Pagination.** Lists return `{data, next_cursor}`; pass `next_cursor` as `after` for the next page until it is null.",
      ].join("\n"),
    },
    servers: [{ url: "/api/v1", description: "This Back in Stock server" }],
    security: [{ apiKeyHeader: [] }, { bearerAuth: [] }],
    tags: [
      { name: "Webhooks", description: "Subscribe URLs to topics; each event is delivered there as a signed JSON POST." },
      { name: "Webhook deliveries", description: "What your endpoint receives." },
    ],
    paths,
    webhooks: deliveryWebhooks(),
    components: componentsObject,
  };
}

let cached: Promise<OpenAPIObject> | undefined;

/** The document, built once per process (the schemas do not change while it runs). */
export function openApiDocument(): Promise<OpenAPIObject> {
  cached ??= buildOpenApiDocument().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
