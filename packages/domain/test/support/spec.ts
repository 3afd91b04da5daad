import { readFileSync } from "node:fs"

/** An OpenAPI document as the tests read it. */
export interface SpecDocument {
  readonly paths: Record<string, Record<string, any>>
  readonly components: { readonly schemas: Record<string, any> }
}

const read = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../spec/${file}`, import.meta.url), "utf8")) as SpecDocument

/** The official OpenAPI subset, vendored under `spec/` (MIT, see its license file). */
export const spec = read("gr4vy-checkout-sessions.openapi.json")

/** The official payments spec's subset (merchant accounts, payment services, buyers, payment methods), vendored. */
export const paymentsSpec = read("gr4vy-payments.openapi.json")

const lookup = (document: SpecDocument) => (name: string): any => {
  const schema = document.components.schemas[name]
  if (schema === undefined) throw new Error(`no component ${name} in the spec`)
  return schema
}

/** The spec's schema of a component. */
export const specSchema = lookup(spec)

/** The payments spec's schema of a component. */
export const paymentsSpecSchema = lookup(paymentsSpec)
