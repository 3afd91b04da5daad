import { assert, describe, it } from "@effect/vitest"
import { OpenApi } from "effect/http-api"
import { Api } from "../src/api/Api.ts"
import { PaymentsApi } from "../src/api/Payments.ts"
import { modelNames, paymentsModelNames, toJsonSchema } from "../src/Models.ts"
import { normalize } from "./support/normalize.ts"
import { paymentsSpec, paymentsSpecSchema, spec, specSchema } from "./support/spec.ts"

// Our generated definition of a model, beside the spec's own.
const ours = (name: (typeof modelNames)[number] | (typeof paymentsModelNames)[number]) => {
  const document = toJsonSchema(name) as { $defs?: Record<string, unknown> }
  const definition = document.$defs?.[name] ?? document
  return normalize(definition)
}

interface Operation {
  readonly security?: ReadonlyArray<unknown>
}
// An operation's success statuses.
const success = (responses: Record<string, unknown>) => Object.keys(responses).filter((s) => s.startsWith("2"))

// Whether an operation needs credentials.
const secured = (operation: Operation | undefined) =>
  operation === undefined ? "absent" : (operation.security ?? []).length > 0

// The components a spec's paths reach, but for those of the spec's framework (BaseModel, HTTPValidationError and
// ValidationError), which are not the API's bodies.
const unmodelled = (document: { readonly paths: unknown }, schemaOf: (name: string) => unknown) => {
  const reachable = new Set<string>()
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (typeof node !== "object" || node === null) return
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        const name = value.split("/").pop()!
        if (!reachable.has(name)) {
          reachable.add(name)
          visit(schemaOf(name))
        }
      } else visit(value)
    }
  }
  visit(document.paths)
  const framework = ["BaseModel", "HTTPValidationError", "ValidationError"]
  return [...reachable].filter((name) => !framework.includes(name))
}

describe("conformance with the official spec", () => {
  for (const name of modelNames) {
    it(`${name}: the generated JSON Schema matches the spec's`, () => {
      assert.deepStrictEqual(ours(name), normalize(specSchema(name)))
    })
  }

  it("covers every model API-SEMANTICS.md and the README list", () => {
    const listed = [
      "CheckoutSession",
      "CheckoutSessionUpdate",
      "CartItem",
      "ProductType",
      "GuestBuyer",
      "BillingDetails",
      "ShippingDetailsCreate",
      "Address",
      "TaxId",
      "TaxIdKind",
      "Airline",
      "AirlineLeg",
      "AirlinePassenger",
      "CheckoutSessionPaymentMethod",
      "CheckoutSessionPaymentMethodDetails",
      "CardScheme",
      "CardType",
      "CheckoutSessionSecureFields",
      "CheckoutSessionCardPaymentMethod",
      "CheckoutSessionIdPaymentMethod",
      "CheckoutSessionClickToPayPaymentMethod",
      "CheckoutSessionCardDetails",
      "CheckoutSessionCardDetailsRequest",
      "ErrorDetail",
      "ErrorLocation",
      ...["400", "401", "403", "404", "405", "409", "425", "429", "500", "502", "504"].map((s) => `Error${s}`)
    ]
    for (const name of listed) assert.include(modelNames, name)
  })

  it("covers every spec component reachable from the checkout-session paths", () => {
    const missing = unmodelled(spec, specSchema).filter((name) => !modelNames.includes(name as never))
    assert.deepStrictEqual(missing, [])
  })

  // Which operations need credentials: the spec names scopes on the four session calls and no `security` on the
  // browser-facing ones (API-SEMANTICS.md § Browser-facing calls); ours must need a bearer token on exactly the same.
  it("every operation of the spec needs credentials in ours exactly when it does in the spec", () => {
    const generated = OpenApi.fromApi(Api).paths as Record<string, Record<string, Operation>>
    const compared: Array<string> = []
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        // `/acquirer` is not modelled yet.
        if (path.endsWith("/acquirer")) continue
        compared.push(`${method} ${path}`)
        assert.strictEqual(secured(generated[path]?.[method]), secured(operation), `${method} ${path}`)
      }
    }
    assert.lengthOf(compared, 6)
  })

  describe("the payments resources", () => {
    // The spec's `{ items }` lists leave unknown keys open (no `additionalProperties: false`, unlike every other
    // model); ours reject them, as every model of ours does. Only these differ, and only in that.
    const openInSpec = [
      "MerchantAccountThreeDSConfigurations",
      "ShippingDetailsList",
      "PaymentMethodSummaries",
      "NetworkTokens",
      "PaymentServiceTokens",
      "GiftCardSummaries"
    ]
    for (const name of paymentsModelNames) {
      it(`${name}: the generated JSON Schema matches the payments spec's`, () => {
        const theirs = normalize(paymentsSpecSchema(name))
        const expected = openInSpec.includes(name) ? { ...theirs, additionalProperties: false } : theirs
        assert.deepStrictEqual(ours(name), expected)
      })
    }

    it("the open lists are exactly the spec's objects without additionalProperties", () => {
      const open = Object.entries(paymentsSpec.components.schemas)
        .filter(([name, schema]) => schema.type === "object" && schema.additionalProperties === undefined &&
          name !== "HTTPValidationError" && name !== "ValidationError")
        .map(([name]) => name)
      assert.sameMembers(open, openInSpec)
    })

    // `Address`, `BillingDetails`, `CardScheme`, the errors, … are modelled once, in `models`.
    it("the models the two specs share are the same in both", () => {
      const shared = modelNames.filter((name) => name in paymentsSpec.components.schemas)
      assert.isAtLeast(shared.length, 20)
      for (const name of shared) assert.deepStrictEqual(paymentsSpecSchema(name), specSchema(name), name)
    })

    it("covers every payments spec component reachable from its paths", () => {
      const missing = unmodelled(paymentsSpec, paymentsSpecSchema)
        .filter((name) => !modelNames.includes(name as never) && !paymentsModelNames.includes(name as never))
      assert.deepStrictEqual(missing, [])
    })

    // Every operation of the vendored payments subset is in `PaymentsApi`, at its path and method, with a bearer
    // token, and with the success status the spec declares.
    it("PaymentsApi declares every operation of the payments spec with the spec's success status", () => {
      const generated = OpenApi.fromApi(PaymentsApi).paths as Record<string, Record<string, any>>
      let compared = 0
      for (const [path, operations] of Object.entries(paymentsSpec.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          const ourOperation = generated[path]?.[method]
          assert.isDefined(ourOperation, `${method} ${path}`)
          assert.strictEqual(secured(ourOperation), secured(operation), `${method} ${path}`)
          assert.deepStrictEqual(success(ourOperation.responses), success(operation.responses), `${method} ${path}`)
          compared++
        }
      }
      assert.strictEqual(compared, 69)
      const ourCount = Object.values(generated).reduce((n, operations) => n + Object.keys(operations).length, 0)
      assert.strictEqual(ourCount, compared)
    })
  })

  describe("the comparison can fail", () => {
    const cartItem = normalize(specSchema("CartItem"))
    it("a field dropped from our side", () => {
      const { sku: _, ...properties } = cartItem.properties
      assert.notDeepEqual({ ...cartItem, properties }, ours("CartItem"))
    })
    it("a field added on our side", () => {
      const properties = { ...cartItem.properties, gift_wrap: { type: "boolean" } }
      assert.notDeepEqual({ ...cartItem, properties }, ours("CartItem"))
    })
    it("a bound, a pattern or an enum changed", () => {
      const name = { ...cartItem.properties.name, maxLength: 256 }
      assert.notDeepEqual({ ...cartItem, properties: { ...cartItem.properties, name } }, ours("CartItem"))
      const seller = normalize({ anyOf: [{ type: "string", pattern: "^[A-Z]{3}$" }, { type: "null" }] })
      const withSeller = { ...cartItem, properties: { ...cartItem.properties, seller_country: seller } }
      assert.notDeepEqual(withSeller, ours("CartItem"))
    })
    it("a required key or nullability changed", () => {
      assert.notDeepEqual({ ...cartItem, required: ["name", "quantity"] }, ours("CartItem"))
      const sku = normalize({ type: "string", minLength: 1, maxLength: 200 })
      assert.notDeepEqual({ ...cartItem, properties: { ...cartItem.properties, sku } }, ours("CartItem"))
    })
  })
})
