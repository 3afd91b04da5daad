// Brings a JSON Schema fragment (the spec's, or one we generate) to a
// canonical form that keeps exactly what the conformance test compares:
// property names, required keys, types, nullability, bounds, patterns,
// formats, enums, item schemas and additionalProperties. Descriptions,
// examples, titles and defaults are dropped; references become `{ ref: Name }`.

const kept = new Set([
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "anyOf",
  "enum",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "maxItems",
  "minItems",
  "pattern",
  "format",
  "$ref"
])

const safeInteger = Number.MAX_SAFE_INTEGER

export const normalize = (schema: any): any => {
  if (schema === true || schema === false) return schema
  if (typeof schema !== "object" || schema === null) throw new Error(`not a schema: ${JSON.stringify(schema)}`)
  let node: Record<string, any> = { ...schema }
  // `const: x` is `enum: [x]`; `oneOf` (+ discriminator) compares as `anyOf`.
  if ("const" in node) node.enum = [node.const]
  if ("oneOf" in node) node.anyOf = node.oneOf
  // Effect writes annotations such as `default` under `allOf`: fold them in.
  if (Array.isArray(node.allOf)) for (const part of node.allOf) node = { ...part, ...node }
  const out: Record<string, any> = {}
  for (const [key, value] of Object.entries(node)) {
    if (!kept.has(key)) continue
    switch (key) {
      case "$ref":
        out.ref = String(value).split("/").pop()
        break
      case "properties":
        out.properties = Object.fromEntries(
          Object.entries(value as Record<string, any>).map(([k, v]) => [k, normalize(v)]).toSorted(([a], [b]) =>
            a < b ? -1 : 1
          )
        )
        break
      case "items":
        out[key] = normalize(value)
        break
      case "additionalProperties":
        // `additionalProperties: true` is JSON Schema's default: an open object says nothing more.
        if (value !== true) out[key] = normalize(value)
        break
      case "anyOf": {
        const members = (value as Array<any>).map(normalize)
        // `anyOf: [{type: string, format: json-pointer}, {type: string}]` is just a string.
        const strings = members.every((m) => m.type === "string")
        out.anyOf = strings ? undefined : members
        if (strings) Object.assign(out, { type: "string" })
        break
      }
      case "required":
        out.required = (value as Array<string>).toSorted()
        break
      case "minimum":
      case "maximum":
        // An integer's safe-integer range is implied by `type: integer`.
        if (Math.abs(value as number) !== safeInteger) out[key] = Number(value)
        break
      case "pattern":
        // Equal regular expressions may be spelled apart (`/` or `\/`): compare canonical sources.
        out.pattern = new RegExp(value as string, "u").source
        break
      case "enum":
        out.enum = [...(value as Array<unknown>)]
        break
      default:
        out[key] = typeof value === "number" ? Number(value) : value
    }
  }
  if (out.anyOf === undefined) delete out.anyOf
  // An object with `properties: {}` and nothing required names no property: the same as naming none.
  if (out.type === "object" && out.properties !== undefined && Object.keys(out.properties).length === 0 &&
    out.required === undefined) delete out.properties
  if (out.type === "object" && out.required === undefined && out.properties !== undefined) out.required = []
  return out
}
