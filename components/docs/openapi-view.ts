import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, ResponseObject, SchemaObject } from "openapi3-ts/oas31";

// Reading an OpenAPI 3.1 document for display: follow references, name types, list fields.

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
const methods: HttpMethod[] = ["get", "post", "put", "patch", "delete"];

function isRef(value: unknown): value is ReferenceObject {
  return typeof value === "object" && value !== null && typeof (value as ReferenceObject).$ref === "string";
}

/** Follows a local reference ("#/components/schemas/Webhook") to what it points at. */
export function deref<T>(doc: OpenAPIObject, value: T | ReferenceObject): T {
  if (!isRef(value)) return value;
  const target = value.$ref
    .replace(/^#\//, "")
    .split("/")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  if (target === undefined) throw new Error(`Unresolved reference ${value.$ref}`);
  return deref(doc, target as T | ReferenceObject);
}

/** The last segment of a reference: "#/components/schemas/Webhook" → "Webhook". */
export function refName(value: unknown): string | null {
  return isRef(value) ? (value.$ref.split("/").at(-1) ?? null) : null;
}

/** A short type for a schema: "string", "integer", "Webhook[]", "string | null", "true". */
export function typeLabel(doc: OpenAPIObject, schema: SchemaObject | ReferenceObject | undefined): string {
  if (!schema) return "any";
  const name = refName(schema);
  if (name) {
    const target = deref(doc, schema);
    return target.enum ? "string" : name;
  }
  const s = schema as SchemaObject;
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.anyOf) return s.anyOf.map((part) => typeLabel(doc, part)).join(" | ");
  if (s.oneOf) return s.oneOf.map((part) => typeLabel(doc, part)).join(" | ");
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const label = types
    .map((t) => {
      if (t === "array") return `${typeLabel(doc, s.items)}[]`;
      if (t === "string" && s.format) return `string (${s.format})`;
      if (t === "object" && s.additionalProperties && !s.properties) return "object";
      return t;
    })
    .join(" | ");
  return label || "any";
}

/** The allowed values of a schema (an enum, through a reference), if it has them. */
export function enumOf(doc: OpenAPIObject, schema: SchemaObject | ReferenceObject | undefined): unknown[] | null {
  if (!schema) return null;
  const s = deref(doc, schema);
  if (s.enum) return s.enum;
  const nonNull = s.anyOf?.filter((part) => (deref(doc, part) as SchemaObject).type !== "null");
  return nonNull?.length === 1 ? enumOf(doc, nonNull[0]) : null;
}

export type Field = {
  name: string;
  type: string;
  required: boolean;
  description?: string;
  values: unknown[] | null;
  constraints: string[];
};

function constraints(doc: OpenAPIObject, schema: SchemaObject | ReferenceObject): string[] {
  const s = deref(doc, schema);
  const out: string[] = [];
  if (s.minimum !== undefined) out.push(`min ${s.minimum}`);
  if (s.exclusiveMinimum !== undefined) out.push(`> ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined) out.push(`max ${s.maximum}`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  if (s.pattern !== undefined) out.push(`pattern ${s.pattern}`);
  return out;
}

/** One field (or parameter) for display. */
export function toField(doc: OpenAPIObject, name: string, schema: SchemaObject | ReferenceObject | undefined, required: boolean, description?: string): Field {
  return {
    name,
    type: typeLabel(doc, schema),
    required,
    description: description ?? (schema && !isRef(schema) ? schema.description : undefined),
    values: enumOf(doc, schema),
    constraints: schema ? constraints(doc, schema) : [],
  };
}

/** The fields of an object schema, in order. */
export function fieldsOf(doc: OpenAPIObject, schema: SchemaObject | ReferenceObject): Field[] {
  const s = deref(doc, schema);
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([name, property]) =>
    toField(doc, name, property, required.has(name), (property as SchemaObject).description),
  );
}

/** The fields of an object schema with nested objects flattened: "customer", "customer.email", … */
export function flatFieldsOf(doc: OpenAPIObject, schema: SchemaObject | ReferenceObject, prefix = ""): Field[] {
  const s = deref(doc, schema);
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).flatMap(([name, property]) => {
    const field = toField(doc, `${prefix}${name}`, property, required.has(name), (property as SchemaObject).description);
    const target = deref(doc, property);
    return target.properties ? [field, ...flatFieldsOf(doc, target, `${prefix}${name}.`)] : [field];
  });
}

/** An operation's parameters as fields, with where they go (path, query, header). */
export function parameterFields(doc: OpenAPIObject, operation: OperationObject): (Field & { location: string })[] {
  return (operation.parameters ?? [])
    .map((p) => deref(doc, p))
    .map((p: ParameterObject) => ({ ...toField(doc, p.name, p.schema, Boolean(p.required), p.description), location: p.in }));
}

export type OperationView = { method: HttpMethod; path: string; operation: OperationObject };

/** Every operation, in document order. */
export function operationsOf(doc: OpenAPIObject): OperationView[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    methods.filter((m) => item[m]).map((method) => ({ method, path, operation: item[method] as OperationObject })),
  );
}

export type ResponseView = { status: string; response: ResponseObject; ref: string | null };

export function responsesOf(doc: OpenAPIObject, operation: OperationObject): ResponseView[] {
  return Object.entries(operation.responses ?? {}).map(([status, response]) => ({
    status,
    response: deref(doc, response as ResponseObject | ReferenceObject),
    ref: refName(response),
  }));
}

/** The anchor of an operation on the page. */
export function operationAnchor(view: OperationView): string {
  return view.operation.operationId ?? `${view.method}-${view.path.replace(/[^a-z0-9]+/gi, "-")}`;
}
