// Decodes bodies with the strict decoder and prints the results as JSON, for a
// test that runs this file where code generation from strings is forbidden
// (`node --disallow-code-generation-from-strings`, as under a CSP without
// `unsafe-eval`): `node noCodegen.ts <bodies.json>`.
import { DateTime, Redacted, type Schema } from "effect"
import { readFileSync } from "node:fs"
import { type ModelName, models } from "../../src/Models.ts"
import * as StrictDecoder from "../../src/StrictDecoder.ts"

/** A decoded value as JSON: `DateTime` and `Redacted` values named, so two decodes compare. */
export const normalize = (value: unknown): unknown => {
  if (DateTime.isDateTime(value)) return { dateTime: DateTime.formatIso(value) }
  if (Redacted.isRedacted(value)) return { redacted: normalize(Redacted.value(value)) }
  if (Array.isArray(value)) return value.map(normalize)
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, normalize(v)]))
  }
  return value
}

/** Every body's decode and check, by model. */
export const decodeAll = (bodies: Partial<Record<ModelName, ReadonlyArray<unknown>>>) =>
  Object.entries(bodies).map(([name, list]) => {
    const decoder = StrictDecoder.make(models[name as ModelName] as Schema.Top & { readonly DecodingServices: never })
    return list!.map((body) => {
      const result = decoder.decode(body)
      return {
        valid: decoder.isValid(body),
        check: decoder.check(body) ?? null,
        decoded: result._tag === "Success" ? { success: normalize(result.success) } : { failure: result.failure }
      }
    })
  })

/** Whether this process may generate code from strings. */
export const codeGenerationAllowed = (): boolean => {
  try {
    return new Function("return true")() as boolean
  } catch {
    return false
  }
}

if (process.argv[2] !== undefined && import.meta.filename === process.argv[1]) {
  const bodies = JSON.parse(readFileSync(process.argv[2], "utf8"))
  process.stdout.write(JSON.stringify({ codeGeneration: codeGenerationAllowed(), results: decodeAll(bodies) }))
}
