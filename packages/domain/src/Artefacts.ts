/**
 * The contract's published artefacts: the JSON Schema of every model's wire
 * side and the OpenAPI documents, as the files `schemas/` ships
 * (`@checkout-kit/domain/schemas/CartItem.json`,
 * `@checkout-kit/domain/openapi.json`, and the payments resources' own
 * `@checkout-kit/domain/schemas/payments-openapi.json`).
 *
 * @since 0.1.0
 */
import { OpenApi } from "effect/http-api"
import { Api } from "./api/Api.ts"
import { PaymentsApi } from "./api/Payments.ts"
import { modelNames, paymentsModelNames, toJsonSchema } from "./Models.ts"

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

/**
 * File name → content of every artefact.
 *
 * @category artefacts
 * @since 0.1.0
 */
export const artefacts = (): Record<string, string> => {
  const files: Record<string, string> = {}
  for (const name of [...modelNames, ...paymentsModelNames]) {
    files[`${name}.json`] = json({ $id: `urn:checkout-kit:domain:${name}`, title: name, ...toJsonSchema(name) })
  }
  files["openapi.json"] = json(OpenApi.fromApi(Api))
  files["payments-openapi.json"] = json(OpenApi.fromApi(PaymentsApi))
  return files
}
