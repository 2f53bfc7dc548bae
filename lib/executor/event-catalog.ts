import type { StandardSchemaV1 } from "@standard-schema/spec";

/**
 * The events an app accepts: name → schema of `data` (the zod schemas behind its Inngest
 * `eventType`s). The executor refuses events that are not in it.
 */
export type EventCatalog = ReadonlyMap<string, StandardSchemaV1<Record<string, unknown>> | undefined>;

/** Why `data` is not a valid `name` event, or null when it is. */
export async function eventProblem(catalog: EventCatalog, name: unknown, data: unknown): Promise<string | null> {
  if (typeof name !== "string" || name.length === 0) return "The event has no name.";
  if (!catalog.has(name)) return `Unknown event "${name}": no such event is defined in inngest/events.ts.`;
  const schema = catalog.get(name);
  if (!schema) return null;
  const result = await schema["~standard"].validate(data ?? {});
  if (!result.issues) return null;
  const issues = result.issues.map((i) => {
    const path = (i.path ?? []).map((p) => (typeof p === "object" ? String(p.key) : String(p))).join(".");
    return path ? `${path}: ${i.message}` : i.message;
  });
  return `Invalid "${name}" event: ${issues.join("; ")}.`;
}

/** The catalog of a list of Inngest `eventType`s. */
export function catalogOf(types: { name: string; schema: StandardSchemaV1<Record<string, unknown>> | undefined }[]): EventCatalog {
  return new Map(types.map((t) => [t.name, t.schema]));
}
