import { Ajv } from "ajv"
import addFormats from "ajv-formats"
import { readFileSync } from "node:fs"

// The official spec, vendored in the domain package: responses are checked by a validator we did not write.
const spec = JSON.parse(
  readFileSync(new URL("../../../../packages/domain/spec/gr4vy-checkout-sessions.openapi.json", import.meta.url), "utf8")
)
const ajv = new Ajv({ allErrors: true, strict: false })
addFormats.default(ajv)
ajv.addSchema({ $id: "spec", components: spec.components })

const validators = new Map<string, ReturnType<typeof ajv.compile>>()

/** The spec's validation errors of `value` as component `name` (empty when valid). */
export const specErrors = (name: string, value: unknown): Array<string> => {
  let validate = validators.get(name)
  if (validate === undefined) {
    validate = ajv.compile({ $ref: `spec#/components/schemas/${name}` })
    validators.set(name, validate)
  }
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`)
}
