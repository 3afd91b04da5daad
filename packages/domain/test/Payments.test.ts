import { assert, describe, it } from "@effect/vitest"
import { DateTime, Redacted, Schema } from "effect"
import { OpenApi } from "effect/http-api"
import { Api } from "../src/api/Api.ts"
import { endpointScopes } from "../src/api/Authorization.ts"
import { PaymentsApi } from "../src/api/Payments.ts"
import { Buyer, Buyers } from "../src/BuyerResource.ts"
import { MerchantAccountCreate } from "../src/MerchantAccount.ts"
import { PaymentMethodCreate, PaymentMethodUpdate } from "../src/PaymentMethodResource.ts"
import { PaymentServiceCreate, PaymentServiceUpdate } from "../src/PaymentService.ts"
import { strictOptions } from "../src/StrictDecoder.ts"
import { paymentsSpec } from "./support/spec.ts"

const decode = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S, input: unknown) =>
  Schema.decodeUnknownExit(schema)(input, strictOptions)

const buyer = {
  type: "buyer" as const,
  id: "fe26475d-ec3e-4884-9553-f7356683f7f9",
  reconciliation_id: "dUOEjOQrRl5vcxIG8mv3n0",
  merchant_account_id: "default",
  display_name: "John Doe",
  billing_details: { first_name: "John", address: { country: "US" } },
  created_at: "2013-07-16T19:23:00.000Z",
  updated_at: "2013-07-16T19:23:00.000Z"
}

const document = OpenApi.fromApi(PaymentsApi) as any
// An operation's first (success) status.
const status = (path: string, method: string) => Object.keys(document.paths[path][method].responses)[0]

describe("PaymentsApi", () => {
  const operations = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, operation]) => ({ path, method, operation }))
  )

  it("generates an OpenAPI 3.1 document with every path of the payments spec, each behind a bearer token", () => {
    assert.strictEqual(document.openapi, "3.1.0")
    assert.sameMembers(Object.keys(document.paths), Object.keys(paymentsSpec.paths))
    assert.lengthOf(operations, 43)
    for (const { method, operation, path } of operations) {
      assert.deepStrictEqual(Object.keys(operation.security[0]), ["bearer"], `${method} ${path}`)
    }
    assert.isDefined(document.components.schemas.PaymentMethod)
    assert.isDefined(document.components.schemas.MerchantAccountThreeDSConfiguration)
  })

  it("creates answer 201, deletes 204, as the spec says", () => {
    assert.strictEqual(status("/buyers", "post"), "201")
    assert.strictEqual(status("/buyers/{buyer_id}", "delete"), "204")
    assert.strictEqual(status("/payment-methods/{payment_method_id}/network-tokens/{network_token_id}/cryptogram", "post"), "201")
    assert.strictEqual(status("/payment-services/verify", "post"), "200")
  })

  it("each operation's scopes are the spec's, plus the wildcard of their kind", () => {
    for (const { method, operation, path } of operations) {
      const name = String(operation.operationId).split(".").pop()!
      const specScopes: Array<string> = paymentsSpec.paths[path]![method].security[0].OAuth2PasswordBearer
      const wildcards = [...new Set(specScopes.filter((s) => s !== "embed").map((s) => `*.${s.split(".").pop()}`))]
      assert.sameMembers([...(endpointScopes[name] ?? [])], [...specScopes, ...wildcards], `${method} ${path} (${name})`)
    }
  })

  it("is not merged into Api yet: the mock serves none of its routes", () => {
    const served = Object.keys(OpenApi.fromApi(Api).paths)
    for (const path of Object.keys(document.paths)) assert.notInclude(served, path)
  })

  it("the create-payment-method body is any of the spec's seven forms", () => {
    const body = document.paths["/payment-methods"].post.requestBody.content["application/json"].schema
    const refs = (body.anyOf as Array<{ $ref: string }>).map((s) => s.$ref.split("/").pop())
    const specRefs = (paymentsSpec.paths["/payment-methods"]!.post.requestBody.content["application/json"].schema.anyOf as Array<{
      $ref: string
    }>).map((s) => s.$ref.split("/").pop())
    assert.sameMembers(refs, specRefs)
  })
})

describe("the payments models", () => {
  it("a buyer decodes to camelCase with dates, and encodes back to the same wire", () => {
    const decoded = Schema.decodeUnknownSync(Buyer)(buyer, strictOptions)
    assert.strictEqual(decoded.reconciliationId, "dUOEjOQrRl5vcxIG8mv3n0")
    assert.strictEqual(decoded.billingDetails?.firstName, "John")
    assert.isTrue(DateTime.isDateTime(decoded.createdAt))
    assert.deepStrictEqual(Schema.encodeSync(Buyer)(decoded), buyer)
  })

  it("a response missing a required field, or with an unknown one, is rejected", () => {
    const { reconciliation_id: _, ...missing } = buyer
    assert.strictEqual(decode(Buyer, missing)._tag, "Failure")
    assert.strictEqual(decode(Buyer, { ...buyer, nickname: "J" })._tag, "Failure")
  })

  it("a page holds 1 to 100 items per page and cursors of 1 to 1000 characters", () => {
    const page = { items: [buyer], limit: 20, next_cursor: "ZXhhbXBsZTE", previous_cursor: null }
    assert.strictEqual(decode(Buyers, page)._tag, "Success")
    assert.strictEqual(decode(Buyers, { items: [] })._tag, "Success")
    assert.strictEqual(decode(Buyers, { ...page, limit: 0 })._tag, "Failure")
    assert.strictEqual(decode(Buyers, { ...page, limit: 101 })._tag, "Failure")
    assert.strictEqual(decode(Buyers, { ...page, next_cursor: "" })._tag, "Failure")
  })

  it("a card to store: the number and security code are redacted, and the right form is chosen", () => {
    const card = { method: "card" as const, number: "4111111111111111", expiration_date: "12/30", security_code: "123" }
    const decoded = Schema.decodeUnknownSync(PaymentMethodCreate)(card, strictOptions)
    assert.isTrue("number" in decoded && Redacted.isRedacted(decoded.number) && !String(decoded.number).includes("4111"))
    assert.deepStrictEqual(Schema.encodeSync(PaymentMethodCreate)(decoded), card)
    const session = { method: "checkout-session" as const, id: "4137b1cf-39ac-42a8-bad6-1c680d5dab6b" }
    assert.deepStrictEqual(Schema.decodeUnknownSync(PaymentMethodCreate)(session, strictOptions) as unknown, session)
    assert.strictEqual(decode(PaymentMethodCreate, { ...card, number: "4111" })._tag, "Failure")
    assert.strictEqual(decode(PaymentMethodUpdate, { expiration_date: "1230" })._tag, "Failure")
  })

  it("a merchant account id is letters, digits and dashes", () => {
    assert.strictEqual(decode(MerchantAccountCreate, { id: "merchant-12345", display_name: "Acme" })._tag, "Success")
    assert.strictEqual(decode(MerchantAccountCreate, { id: "merchant 12345", display_name: "Acme" })._tag, "Failure")
    assert.strictEqual(decode(MerchantAccountCreate, { id: "merchant-12345" })._tag, "Failure")
  })

  it("a payment service's merchant profile is keyed by card scheme; an update may clear a field with an empty value", () => {
    const profile = {
      merchant_acquirer_bin: "516327",
      merchant_acquirer_id: "123456789012345",
      merchant_name: "Acme",
      merchant_country_code: "USA",
      merchant_category_code: "1234",
      merchant_url: "https://example.com"
    }
    const create = {
      display_name: "Stripe",
      payment_service_definition_id: "stripe-card",
      fields: [{ key: "secret_key", value: "sk_test_1" }],
      accepted_currencies: ["USD"],
      accepted_countries: ["US"]
    }
    assert.strictEqual(decode(PaymentServiceCreate, { ...create, merchant_profile: { visa: profile } })._tag, "Success")
    assert.strictEqual(decode(PaymentServiceCreate, { ...create, merchant_profile: { mybank: profile } })._tag, "Failure")
    assert.strictEqual(decode(PaymentServiceCreate, { ...create, accepted_currencies: [] })._tag, "Failure")
    assert.strictEqual(decode(PaymentServiceUpdate, { fields: [{ key: "secret_key", value: "" }] })._tag, "Success")
  })
})
