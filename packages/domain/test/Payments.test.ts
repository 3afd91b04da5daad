import { assert, describe, it } from "@effect/vitest"
import { DateTime, Redacted, Schema, SchemaAST } from "effect"
import { OpenApi } from "effect/http-api"
import { Api } from "../src/api/Api.ts"
import { endpointScopes } from "../src/api/Authorization.ts"
import { PaymentsApi } from "../src/api/Payments.ts"
import { Buyer, Buyers } from "../src/BuyerResource.ts"
import { PageQuery } from "../src/Collection.ts"
import { MerchantAccountCreate } from "../src/MerchantAccount.ts"
import { PaymentMethodCreate, PaymentMethodUpdate } from "../src/PaymentMethodResource.ts"
import { PaymentServiceCreate, PaymentServiceUpdate } from "../src/PaymentService.ts"
import { paymentsModelNames, paymentsModels } from "../src/Models.ts"
import * as StrictDecoder from "../src/StrictDecoder.ts"
import { strictOptions } from "../src/StrictDecoder.ts"
import { paymentsSpec, paymentsSpecSchema } from "./support/spec.ts"

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

// The model names an operation's request body may be (its `anyOf` of `$ref`s).
const refs = (operation: any) =>
  (operation.requestBody.content["application/json"].schema.anyOf as Array<{ $ref: string }>)
    .map((s) => s.$ref.split("/").pop())

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
    const cryptogram = "/payment-methods/{payment_method_id}/network-tokens/{network_token_id}/cryptogram"
    assert.strictEqual(status(cryptogram, "post"), "201")
    assert.strictEqual(status("/payment-services/verify", "post"), "200")
  })

  it("each operation's scopes are the spec's, plus the wildcard of their kind", () => {
    for (const { method, operation, path } of operations) {
      const name = String(operation.operationId).split(".").pop()!
      const specScopes: Array<string> = paymentsSpec.paths[path]![method].security[0].OAuth2PasswordBearer
      const wildcards = [...new Set(specScopes.filter((s) => s !== "embed").map((s) => `*.${s.split(".").pop()}`))]
      const ours = [...(endpointScopes[name] ?? [])]
      assert.sameMembers(ours, [...specScopes, ...wildcards], `${method} ${path} (${name})`)
    }
  })

  it("names each model once among the document's components, by its spec name", () => {
    const names = Object.keys(document.components.schemas)
    assert.deepStrictEqual(names.filter((name) => /_\d+$/u.test(name)), [])
    for (const name of paymentsModelNames.filter((n) => !["Method", "Mode"].includes(n))) {
      if (paymentsSpecSchema(name).type === "object") assert.include(names, name)
    }
  })

  it("a page's limit comes as a query string of 1 to 100", () => {
    const query = Schema.Struct(PageQuery)
    assert.deepStrictEqual(Schema.decodeUnknownSync(query)({ limit: "20", cursor: "ZXhhbXBsZTE" }), {
      limit: 20,
      cursor: "ZXhhbXBsZTE"
    })
    for (const limit of ["0", "101", "ten", "2.5", ""]) {
      assert.strictEqual(Schema.decodeUnknownExit(query)({ limit })._tag, "Failure", limit)
    }
  })

  it("is not merged into Api yet: the mock serves none of its routes", () => {
    const served = Object.keys(OpenApi.fromApi(Api).paths)
    for (const path of Object.keys(document.paths)) assert.notInclude(served, path)
  })

  it("the create-payment-method body is any of the spec's seven forms", () => {
    const specOperation = paymentsSpec.paths["/payment-methods"]!.post
    assert.sameMembers(refs(document.paths["/payment-methods"].post), refs(specOperation))
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
    const number = "number" in decoded ? decoded.number : undefined
    assert.isTrue(Redacted.isRedacted(number) && !String(number).includes("4111"))
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

  it("a payment service's merchant profile is keyed by card scheme; an update clears a field with \"\"", () => {
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
    const unknownScheme = { ...create, merchant_profile: { mybank: profile } }
    assert.strictEqual(decode(PaymentServiceCreate, unknownScheme)._tag, "Failure")
    assert.strictEqual(decode(PaymentServiceCreate, { ...create, accepted_currencies: [] })._tag, "Failure")
    assert.strictEqual(decode(PaymentServiceUpdate, { fields: [{ key: "secret_key", value: "" }] })._tag, "Success")
  })
})

// Where the payments spec's own example breaks its schema: asserted as rejected, with the reason.
const specQuirks: Record<string, string> = {
  "PaymentServiceDefinition.supported_countries":
    "the examples are the items themselves (\"US\", …, and \"AUD\", a currency), not arrays of country codes"
}

describe("the payments spec's own examples", () => {
  // Every property example in the payments spec decodes with the wire schema of that property.
  for (const name of paymentsModelNames) {
    const properties = paymentsSpecSchema(name).properties as Record<string, { examples?: Array<unknown> }> | undefined
    if (properties === undefined) continue
    const wire = SchemaAST.toEncoded(paymentsModels[name].ast) as SchemaAST.Objects
    it(`${name}: every property example decodes`, () => {
      for (const [property, { examples = [] }] of Object.entries(properties)) {
        const signature = wire.propertySignatures.find((ps) => ps.name === property)
        assert.isDefined(signature, property)
        const is = Schema.is(Schema.make(signature!.type))
        const quirk = specQuirks[`${name}.${property}`] !== undefined
        if (quirk) assert.isAbove(examples.length, 0)
        for (const example of examples) {
          assert.strictEqual(is(example), !quirk, `${property}: ${JSON.stringify(example)}`)
        }
      }
    })
  }
})

describe("the strict decoder on the payments models", () => {
  // The fast path must answer as the schema's own strict decoding does, on valid and invalid bodies alike.
  const cases: Array<[Schema.Top & { readonly DecodingServices: never; readonly EncodingServices: never }, unknown]> = [
    [Buyer, buyer],
    [Buyer, { ...buyer, nickname: "J" }],
    [Buyers, { items: [buyer], limit: 101 }],
    [PaymentMethodCreate, { method: "card", number: "4111111111111111", expiration_date: "12/30" }],
    [PaymentMethodCreate, { method: "checkout-session", id: "4137b1cf-39ac-42a8-bad6-1c680d5dab6b" }],
    [PaymentMethodCreate, { method: "paypal", country: "US", currency: "USD", redirect_url: "https://example.com" }],
    [PaymentMethodCreate, { method: "card", number: "41", expiration_date: "12/30" }],
    [PaymentServiceCreate, {
      display_name: "Stripe",
      payment_service_definition_id: "stripe-card",
      fields: [{ key: "secret_key", value: "sk_test_1" }],
      accepted_currencies: ["USD"],
      accepted_countries: ["US"],
      merchant_profile: { visa: null }
    }],
    [PaymentServiceCreate, { display_name: "Stripe", merchant_profile: { mybank: null } }],
    [MerchantAccountCreate, { id: "merchant-12345", display_name: "Acme", loon_secret_key: "s" }],
    [MerchantAccountCreate, { id: "merchant 12345", display_name: "" }]
  ]
  it("answers as the schema's own strict decoding", () => {
    for (const [schema, input] of cases) {
      const fast = StrictDecoder.make(schema).decode(input)
      const reference = decode(schema, input)
      assert.strictEqual(fast._tag, reference._tag, JSON.stringify(input))
      if (fast._tag === "Success" && reference._tag === "Success") {
        assert.deepStrictEqual(Schema.encodeSync(schema)(fast.success), Schema.encodeSync(schema)(reference.value))
      }
    }
  })
})
