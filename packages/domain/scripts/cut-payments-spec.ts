/**
 * Cuts the vendored subset of Gr4vy's payments OpenAPI (MIT) out of the whole
 * spec: the operations of the resources Checkout Kit models, and the
 * components those operations reach, in the spec's own order and spelling.
 *
 *   node scripts/cut-payments-spec.ts path/to/gr4vy-payments.openapi.json
 *
 * writes `spec/gr4vy-payments.openapi.json`. The whole spec is the `openapi.json`
 * of Gr4vy's published SDKs / API reference; its licence is
 * `spec/GR4VY-OPENAPI-LICENSE.txt`.
 */
import { readFileSync, writeFileSync } from "node:fs"

interface Document {
  readonly openapi: string
  readonly info: unknown
  readonly tags?: ReadonlyArray<{ readonly name: string }>
  readonly paths: Record<string, Record<string, { readonly tags?: ReadonlyArray<string> }>>
  readonly components: { readonly schemas: Record<string, unknown>; readonly securitySchemes?: unknown }
}

// The resources kept, by the first segment of their paths. `/buyers/payment-methods` and the payment service
// definitions' and services' session calls come with their resources.
const resources = [
  "payment-methods",
  "buyers",
  "payment-service-definitions",
  "payment-services",
  "merchant-accounts",
  "transactions",
  "refunds"
]

// Paths under a kept resource that belong to another one (none at present: a buyer's gift cards are kept).
const excluded: ReadonlyArray<string> = []

// Whether a path belongs to a kept resource. `/payment-methods/{id}/...` and `/buyers/{id}/...` come with theirs.
const kept = (path: string) => resources.includes(path.split("/")[1]!) && !excluded.includes(path)

const source = process.argv[2]
if (source === undefined) {
  console.error("usage: node scripts/cut-payments-spec.ts path/to/gr4vy-payments.openapi.json")
  process.exit(2)
}
const whole = JSON.parse(readFileSync(source, "utf8")) as Document

const paths = Object.fromEntries(Object.entries(whole.paths).filter(([path]) => kept(path)))

// Every component the kept operations reach, transitively.
const reached = new Set<string>()
const visit = (node: unknown): void => {
  if (Array.isArray(node)) return node.forEach(visit)
  if (typeof node !== "object" || node === null) return
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") {
      const name = value.split("/").pop()!
      if (!reached.has(name)) {
        reached.add(name)
        visit(whole.components.schemas[name])
      }
    } else visit(value)
  }
}
visit(paths)

const usedTags = new Set(Object.values(paths).flatMap((operations) => Object.values(operations).flatMap((o) => o.tags ?? [])))
const subset = {
  openapi: whole.openapi,
  info: whole.info,
  tags: (whole.tags ?? []).filter((tag) => usedTags.has(tag.name)),
  paths,
  components: {
    schemas: Object.fromEntries(Object.entries(whole.components.schemas).filter(([name]) => reached.has(name))),
    securitySchemes: whole.components.securitySchemes
  }
}
const target = new URL("../spec/gr4vy-payments.openapi.json", import.meta.url)
writeFileSync(target, JSON.stringify(subset, null, 2) + "\n")
const count = Object.values(paths).reduce((n, operations) => n + Object.keys(operations).length, 0)
console.log(`${count} operations, ${reached.size} components`)
