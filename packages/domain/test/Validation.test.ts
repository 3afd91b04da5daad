import { assert, describe, it } from "@effect/vitest"
import { CheckoutSession, CheckoutSessionUpdate } from "../src/CheckoutSession.ts"
import type { ErrorDetail } from "../src/Errors.ts"
import { CheckoutSessionCardDetailsRequest, CheckoutSessionSecureFields } from "../src/PaymentMethod.ts"
import * as StrictDecoder from "../src/StrictDecoder.ts"
import { parsePointer, toPointer, valueAt } from "../src/Validation.ts"
import { fullSeedSession } from "@checkout-kit/test-seeds"

const update = StrictDecoder.make(CheckoutSessionUpdate)
const session = StrictDecoder.make(CheckoutSession)
const secureFields = StrictDecoder.make(CheckoutSessionSecureFields)

const item = { name: "GoPro HERO9", quantity: 1, unit_amount: 37999 }

const details = (decoder: StrictDecoder.StrictDecoder<unknown>, body: unknown): ReadonlyArray<ErrorDetail> => {
  const result = decoder.decode(body)
  if (result._tag === "Success") throw new Error("expected the body to be rejected")
  return result.failure
}

// Each case breaks one constraint of an otherwise valid update body.
const cases: ReadonlyArray<{ kind: string; body: unknown; pointer: string; type: string }> = [
  { kind: "minLength", body: { cart_items: [{ ...item, name: "" }] }, pointer: "/cart_items/0/name", type: "string_too_short" },
  {
    kind: "maxLength",
    body: { cart_items: [{ ...item, sku: "x".repeat(201) }] },
    pointer: "/cart_items/0/sku",
    type: "string_too_long"
  },
  {
    kind: "maxLength counts characters, not UTF-16 units",
    body: { cart_items: [{ ...item, name: "🛒".repeat(256) }] },
    pointer: "/cart_items/0/name",
    type: "string_too_long"
  },
  {
    kind: "pattern",
    body: { buyer: { billing_details: { phone_number: "0123" } } },
    pointer: "/buyer/billing_details/phone_number",
    type: "string_pattern_mismatch"
  },
  { kind: "minimum", body: { amount: -1 }, pointer: "/amount", type: "greater_than_equal" },
  { kind: "maximum", body: { amount: 100_000_000 }, pointer: "/amount", type: "less_than_equal" },
  {
    kind: "exclusiveMinimum",
    body: { cart_items: [{ ...item, quantity: 0 }] },
    pointer: "/cart_items/0/quantity",
    type: "greater_than"
  },
  { kind: "integer", body: { cart_items: [{ ...item, unit_amount: 1.5 }] }, pointer: "/cart_items/0/unit_amount", type: "int_type" },
  { kind: "number bounds (expires_in)", body: { expires_in: 60 }, pointer: "/expires_in", type: "greater_than_equal" },
  { kind: "enum", body: { cart_items: [{ ...item, product_type: "service" }] }, pointer: "/cart_items/0/product_type", type: "literal_error" },
  {
    kind: "maxItems",
    body: { airline: { legs: Array.from({ length: 21 }, () => ({})) } },
    pointer: "/airline/legs",
    type: "too_long"
  },
  { kind: "required", body: { cart_items: [{ quantity: 1, unit_amount: 1 }] }, pointer: "/cart_items/0/name", type: "missing" },
  {
    kind: "unknown key (additionalProperties: false)",
    body: { cart_items: [{ ...item, unexpected_field: true }] },
    pointer: "/cart_items/0/unexpected_field",
    type: "extra_forbidden"
  },
  { kind: "unknown top-level key", body: { cartItems: [] }, pointer: "/cartItems", type: "extra_forbidden" },
  { kind: "not nullable", body: { cart_items: [{ ...item, name: null }] }, pointer: "/cart_items/0/name", type: "string_type" },
  { kind: "type", body: { cart_items: "none" }, pointer: "/cart_items", type: "list_type" },
  { kind: "format: uuid", body: { payment_service_id: "not-a-uuid" }, pointer: "/payment_service_id", type: "uuid_parsing" },
  {
    kind: "format: date-time",
    body: { airline: { issued_at: "16/07/2013" } },
    pointer: "/airline/issued_at",
    type: "datetime_parsing"
  },
  {
    kind: "format: date (a real calendar date)",
    body: { airline: { passengers: [{ date_of_birth: "2023-02-29" }] } },
    pointer: "/airline/passengers/0/date_of_birth",
    type: "date_parsing"
  },
  { kind: "record values", body: { metadata: { order: 5 } }, pointer: "/metadata/order", type: "string_type" },
  { kind: "a body that is not an object", body: [], pointer: "", type: "model_type" }
]

describe("details[] of a rejected body", () => {
  for (const c of cases) {
    it(`${c.kind}: ${c.pointer || "(whole body)"} is reported as ${c.type}`, () => {
      const found = details(update, c.body)
      assert.deepStrictEqual(found.map((d) => [d.pointer, d.type, d.location]), [[c.pointer, c.type, "body"]])
      assert.isAbove(found[0].message.length, 0)
    })
  }

  it("a const: a session's type must be \"checkout-session\"", () => {
    const body = { ...fullSeedSession(), type: "session" }
    assert.deepStrictEqual(details(session, body).map((d) => d.pointer), ["/type"])
  })

  it("reports every invalid field of a body, not only the first", () => {
    const body = {
      cart_items: [
        { name: "", quantity: 0, unit_amount: 1, unexpected_field: 1 },
        { quantity: 1, unit_amount: -5 }
      ],
      buyer: { billing_details: { phone_number: "12", address: { state_code: "california" } } },
      airline: { legs: [{ flight_number: "1" }], passengers: [{ age_group: "child" }] },
      expires_in: 999_999,
      currency: "usd"
    }
    assert.deepStrictEqual(details(update, body).map((d) => d.pointer).toSorted(), [
      "/airline/legs/0/flight_number",
      "/airline/passengers/0/age_group",
      "/buyer/billing_details/address/state_code",
      "/buyer/billing_details/phone_number",
      "/cart_items/0/name",
      "/cart_items/0/quantity",
      "/cart_items/0/unexpected_field",
      "/cart_items/1/name",
      "/cart_items/1/unit_amount",
      "/currency",
      "/expires_in"
    ])
  })

  it("points into the card of the secure fields, and never repeats the number", () => {
    const number = "4111111111111112345"
    const found = details(secureFields, { payment_method: { number: `${number}99`, expiration_date: "1/30" } })
    assert.deepStrictEqual(found.map((d) => d.pointer).toSorted(), [
      "/payment_method/expiration_date",
      "/payment_method/number"
    ])
    assert.notInclude(JSON.stringify(found), number)
  })

  it("a BIN of 5 digits", () => {
    const found = details(StrictDecoder.make(CheckoutSessionCardDetailsRequest), { bin: "41111" })
    assert.deepStrictEqual(found.map((d) => [d.pointer, d.type]), [["/bin", "string_too_short"]])
  })
})

describe("JSON Pointers", () => {
  it("escapes ~ and / (RFC 6901) and parses them back", () => {
    const path = ["metadata", "a/b~c", 0]
    assert.strictEqual(toPointer(path), "/metadata/a~1b~0c/0")
    assert.deepStrictEqual(parsePointer("/metadata/a~1b~0c/0"), ["metadata", "a/b~c", "0"])
    assert.strictEqual(toPointer([]), "")
    assert.strictEqual(valueAt({ metadata: { "a/b~c": ["x"] } }, path), "x")
  })

  it("an unknown metadata-like key with a slash is reported with an escaped pointer", () => {
    const found = details(update, { cart_items: [{ ...item, "gift/wrap": true }] })
    assert.deepStrictEqual(found.map((d) => d.pointer), ["/cart_items/0/gift~1wrap"])
  })
})
