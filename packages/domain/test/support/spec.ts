import { readFileSync } from "node:fs"

/** The official OpenAPI subset, vendored under `spec/` (MIT, see its license file). */
export const spec = JSON.parse(
  readFileSync(new URL("../../spec/gr4vy-checkout-sessions.openapi.json", import.meta.url), "utf8")
) as {
  readonly paths: Record<string, Record<string, any>>
  readonly components: { readonly schemas: Record<string, any> }
}

/** The spec's schema of a component. */
export const specSchema = (name: string): any => {
  const schema = spec.components.schemas[name]
  if (schema === undefined) throw new Error(`no component ${name} in the spec`)
  return schema
}
