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
// A component as JSON, its references to a `Name_1` copy read as references to `Name`.
const withoutCopies = (value: unknown): string => JSON.stringify(value).replace(/(\/[A-Za-z]+)_1"/gu, "$1\"")
// The component names a body's or an answer's `anyOf` references, in order.
const refs = (schema: any) => (schema.anyOf as Array<{ $ref?: string }>).flatMap((s) => s.$ref?.split("/").pop() ?? [])
// An operation's parameters of one kind (`header`, `query`), by name in lower case.
const parameterNames = (operation: any, where: string) =>
  ((operation.parameters ?? []) as Array<{ in: string; name: string }>)
    .filter((p) => p.in === where).map((p) => p.name.toLowerCase())
// The forms of a create-transaction body's payment method.
const paymentMethodForms = (schemas: any) => refs(schemas.TransactionCreate.properties.payment_method)
// An operation's JSON request body and success answer.
const bodyOf = (operation: any) => operation.requestBody.content["application/json"].schema
const answerOf = (operation: any) =>
  (Object.entries(operation.responses) as Array<[string, any]>).find(([s]) => s.startsWith("2"))![1]
    .content["application/json"].schema
// An operation's first (success) status.
const status = (path: string, method: string) => Object.keys(document.paths[path][method].responses)[0]

describe("PaymentsApi", () => {
  const operations = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, operation]) => ({ path, method, operation }))
  )

  it("generates an OpenAPI 3.1 document with every path of the payments spec, each behind a bearer token", () => {
    assert.strictEqual(document.openapi, "3.1.0")
    assert.sameMembers(Object.keys(document.paths), Object.keys(paymentsSpec.paths))
    assert.lengthOf(operations, 69)
    for (const { method, operation, path } of operations) {
      // The client SDK's session update is called from the buyer's device: the spec gives it no security.
      if (path === "/transactions/{transaction_id}/session") {
        assert.deepStrictEqual(operation.security ?? [], [], `${method} ${path}`)
        continue
      }
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
      const specSecurity = paymentsSpec.paths[path]![method].security
      if (specSecurity === undefined) {
        assert.isUndefined(endpointScopes[name], `${method} ${path} (${name}) needs no token`)
        continue
      }
      const specScopes: Array<string> = specSecurity[0].OAuth2PasswordBearer
      const wildcards = [...new Set(specScopes.filter((s) => s !== "embed").map((s) => `*.${s.split(".").pop()}`))]
      const ours = [...(endpointScopes[name] ?? [])]
      assert.sameMembers(ours, [...specScopes, ...wildcards], `${method} ${path} (${name})`)
    }
  })

  // Effect copies a struct holding an array with a check (`maxItems`, as `Airline.legs`) when it meets it again inside
  // another struct's encoded side, and names the copy `Name_1`: `Transaction` (in the capture, void, cancel and
  // increment answers) and its `Airline` come twice. Tolerated only as an exact copy of the named model.
  const copies = ["Transaction_1", "Airline_1"]

  it("names each model once among the document's components, by its spec name", () => {
    const names = Object.keys(document.components.schemas)
    assert.sameMembers(names.filter((name) => /_\d+$/u.test(name)), copies)
    for (const copy of copies) {
      const original = copy.replace(/_1$/u, "")
      const schemas = document.components.schemas
      assert.strictEqual(withoutCopies(schemas[copy]), withoutCopies(schemas[original]))
    }
    for (const name of paymentsModelNames.filter((n) => !["Method", "Mode"].includes(n))) {
      if (paymentsSpecSchema(name).type === "object") assert.include(names, name)
    }
  })

  it("the transaction operations answer with the spec's statuses: 201 on create and refund, 200 otherwise", () => {
    assert.strictEqual(status("/transactions", "post"), "201")
    assert.strictEqual(status("/transactions/{transaction_id}/refunds", "post"), "201")
    assert.strictEqual(status("/transactions/{transaction_id}/refunds/all", "post"), "201")
    for (const action of ["capture", "void", "cancel", "sync", "authorization/increment", "session"]) {
      assert.strictEqual(status(`/transactions/{transaction_id}/${action}`, "post"), "200", action)
    }
    assert.strictEqual(status("/refunds/{refund_id}", "get"), "200")
  })

  // Every operation takes the headers the spec lists (`x-gr4vy-merchant-account-id`, `idempotency-key` on create,
  // capture, void, refunds and increment, `prefer` on capture and void), no other, and the query parameters it lists.
  it("each operation's header and query parameters are the spec's", () => {
    for (const { method, operation, path } of operations) {
      const specOperation = paymentsSpec.paths[path]![method]
      for (const where of ["header", "query"]) {
        const label = `${where}: ${method} ${path}`
        const spec = parameterNames(specOperation, where)
        // `prefer` is declared on every API endpoint for the mock's own `code=` and `delay=` preferences.
        const ours = parameterNames(operation, where).filter((name) => name !== "prefer" || spec.includes(name))
        assert.sameMembers(ours, spec, label)
      }
    }
    const create = (document.paths["/transactions"].post.parameters as Array<any>)
      .find((p) => p.name === "idempotency-key")
    assert.strictEqual(create.schema.maxLength, 255)
  })

  it("capture and void answer the transaction or their own resource, as the spec's anyOf", () => {
    for (const action of ["capture", "void"]) {
      const path = `/transactions/{transaction_id}/${action}`
      const ours = refs(answerOf(document.paths[path].post)).map((name) => name.replace(/_1$/u, ""))
      assert.deepStrictEqual(ours, refs(answerOf(paymentsSpec.paths[path]!.post)), action)
    }
  })

  it("the create-transaction body's payment method is any of the spec's thirteen forms, in its order", () => {
    const ours = paymentMethodForms(document.components.schemas)
    assert.lengthOf(ours, 13)
    assert.includeMembers(ours, ["CardWithUrlPaymentMethodCreate", "TokenPaymentMethodCreate"])
    assert.deepStrictEqual(ours, paymentMethodForms(paymentsSpec.components.schemas))
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

  it("its merchant-account and payment-service routes are in Api, as PaymentsApi describes them", () => {
    const served: Record<string, unknown> = OpenApi.fromApi(Api).paths
    const merged = Object.keys(document.paths).filter((path) =>
      path.startsWith("/merchant-accounts") || path.startsWith("/payment-service")
    )
    assert.strictEqual(merged.length, 11)
    for (const path of merged) assert.deepStrictEqual(served[path], document.paths[path], path)
  })

  it("Api serves the buyers and payment-methods routes, each as PaymentsApi declares it", () => {
    const served = OpenApi.fromApi(Api).paths as Record<string, Record<string, any>>
    const vault = Object.keys(document.paths).filter((path) => /^\/(buyers|payment-methods)(\/|$)/.test(path))
    assert.isAbove(vault.length, 10)
    for (const path of vault) {
      assert.include(Object.keys(served), path)
      assert.sameMembers(Object.keys(served[path]), Object.keys(document.paths[path]), path)
      for (const method of Object.keys(document.paths[path])) {
        assert.strictEqual(served[path][method].operationId, document.paths[path][method].operationId, `${method} ${path}`)
      }
    }
  })

  it("the create-payment-method body is any of the spec's seven forms", () => {
    const specOperation = paymentsSpec.paths["/payment-methods"]!.post
    assert.sameMembers(refs(bodyOf(document.paths["/payment-methods"].post)), refs(bodyOf(specOperation)))
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
    "the examples are the items themselves (\"US\", …, and \"AUD\", a currency), not arrays of country codes",
  "GiftCardService.id": "the example's first group has 9 hex digits, not 8: not a UUID",
  "StatementDescriptor.name": "the example \"ACME\" has 4 characters; the spec's minLength is 5",
  "StatementDescriptor.description": "the example has 25 characters; the spec's maxLength is 22",
  "ClickToPayFPANPaymentMethodCreate.security_code": "the property's schema is `type: null`, the example \"123\"",
  "GooglePayFPANPaymentMethodCreate.security_code": "the property's schema is `type: null`, the example \"123\"",
  "PaypalOptions.additional_data": "the example is one object; the schema is an array of objects",
  "StripeConnectOptions.application_fee_amount": "the example is the string \"123\"; the schema is an integer"
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
