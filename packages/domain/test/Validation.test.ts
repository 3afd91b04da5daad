import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import { CheckoutSession, CheckoutSessionUpdate } from "../src/CheckoutSession.ts"
import { ErrorDetail, type ErrorDetailCheck, ErrorDetailType, errorDetailTypes } from "../src/Errors.ts"
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

// Each case breaks one constraint of an otherwise valid update body; `check` names its row of the detail type table.
const cases: ReadonlyArray<{ kind: string; body: unknown; pointer: string; check: ErrorDetailCheck }> = [
  { kind: "minLength", body: { cart_items: [{ ...item, name: "" }] }, pointer: "/cart_items/0/name", check: "minLength" },
  {
    kind: "maxLength",
    body: { cart_items: [{ ...item, sku: "x".repeat(201) }] },
    pointer: "/cart_items/0/sku",
    check: "maxLength"
  },
  {
    kind: "maxLength counts characters, not UTF-16 units",
    body: { cart_items: [{ ...item, name: "🛒".repeat(256) }] },
    pointer: "/cart_items/0/name",
    check: "maxLength"
  },
  {
    kind: "pattern",
    body: { buyer: { billing_details: { phone_number: "0123" } } },
    pointer: "/buyer/billing_details/phone_number",
    check: "pattern"
  },
  { kind: "minimum", body: { amount: -1 }, pointer: "/amount", check: "minimum" },
  { kind: "maximum", body: { amount: 100_000_000 }, pointer: "/amount", check: "maximum" },
  {
    kind: "exclusiveMinimum",
    body: { cart_items: [{ ...item, quantity: 0 }] },
    pointer: "/cart_items/0/quantity",
    check: "exclusiveMinimum"
  },
  { kind: "integer", body: { cart_items: [{ ...item, unit_amount: 1.5 }] }, pointer: "/cart_items/0/unit_amount", check: "integer" },
  { kind: "type: integer", body: { cart_items: [{ ...item, unit_amount: "1" }] }, pointer: "/cart_items/0/unit_amount", check: "integer" },
  { kind: "type: number (expires_in)", body: { expires_in: "3600" }, pointer: "/expires_in", check: "number" },
  { kind: "number bounds (expires_in)", body: { expires_in: 60 }, pointer: "/expires_in", check: "minimum" },
  { kind: "type: boolean", body: { cart_items: [{ ...item, tax_exempt: "yes" }] }, pointer: "/cart_items/0/tax_exempt", check: "boolean" },
  { kind: "enum", body: { cart_items: [{ ...item, product_type: "service" }] }, pointer: "/cart_items/0/product_type", check: "enum" },
  {
    kind: "maxItems",
    body: { airline: { legs: Array.from({ length: 21 }, () => ({})) } },
    pointer: "/airline/legs",
    check: "maxItems"
  },
  { kind: "required", body: { cart_items: [{ quantity: 1, unit_amount: 1 }] }, pointer: "/cart_items/0/name", check: "required" },
  {
    kind: "unknown key (additionalProperties: false)",
    body: { cart_items: [{ ...item, unexpected_field: true }] },
    pointer: "/cart_items/0/unexpected_field",
    check: "additionalProperties"
  },
  { kind: "unknown top-level key", body: { cartItems: [] }, pointer: "/cartItems", check: "additionalProperties" },
  { kind: "not nullable", body: { cart_items: [{ ...item, name: null }] }, pointer: "/cart_items/0/name", check: "null" },
  { kind: "type: array", body: { cart_items: "none" }, pointer: "/cart_items", check: "array" },
  { kind: "type: object", body: { buyer: "none" }, pointer: "/buyer", check: "object" },
  { kind: "format: uuid", body: { payment_service_id: "not-a-uuid" }, pointer: "/payment_service_id", check: "uuid" },
  {
    kind: "format: date-time",
    body: { airline: { issued_at: "16/07/2013" } },
    pointer: "/airline/issued_at",
    check: "date-time"
  },
  {
    kind: "format: date (a real calendar date)",
    body: { airline: { passengers: [{ date_of_birth: "2023-02-29" }] } },
    pointer: "/airline/passengers/0/date_of_birth",
    check: "date"
  },
  { kind: "record values", body: { metadata: { order: 5 } }, pointer: "/metadata/order", check: "string" },
  { kind: "a body that is not an object", body: [], pointer: "", check: "object" }
]

describe("details[] of a rejected body", () => {
  for (const c of cases) {
    it(`${c.kind}: ${c.pointer || "(whole body)"} is reported as ${errorDetailTypes[c.check]}`, () => {
      const found = details(update, c.body)
      const expected = [c.pointer, errorDetailTypes[c.check], "body"]
      assert.deepStrictEqual(found.map((d) => [d.pointer, d.type, d.location]), [expected])
      assert.isAbove(found[0].message.length, 0)
    })
  }

  it("a const: a session's type must be \"checkout-session\"", () => {
    const body = { ...fullSeedSession(), type: "session" }
    assert.deepStrictEqual(details(session, body).map((d) => [d.pointer, d.type]), [["/type", errorDetailTypes.const]])
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
    assert.deepStrictEqual(found.map((d) => [d.pointer, d.type]), [["/bin", errorDetailTypes.minLength]])
  })
})

describe("the detail type table (Errors.errorDetailTypes)", () => {
  // docs.gr4vy.com, reference/errors/client-errors: { "type": "type_error.uuid", "message": "value is not a valid uuid" }.
  it("a UUID that is not one: type_error.uuid, as in Gr4vy's client-errors example", () => {
    const found = details(update, { payment_service_id: "not-a-uuid" })
    assert.deepStrictEqual(found.map((d) => d.type), ["type_error.uuid"])
  })

  // docs.gr4vy.com, reference/logs/list-api-error-logs: "/payment_method/number",
  // "ensure this value has at least 13 characters", "value_error.any_str.min_length".
  it("a card number too short: value_error.any_str.min_length at its pointer, as in Gr4vy's API log example", () => {
    const found = details(secureFields, { payment_method: { number: "411111", expiration_date: "12/99" } })
    assert.deepStrictEqual(found.map((d) => [d.pointer, d.type]), [["/payment_method/number", "value_error.any_str.min_length"]])
  })

  // pydantic/v1/errors.py: a type is "value_error" or "type_error", then the error class's code.
  it("every name is pydantic v1's shape, but the four marked ours", () => {
    const ours: ReadonlyArray<ErrorDetailCheck> = ["ambiguous", "luhn", "cardExpired", "unicode"]
    for (const [check, type] of Object.entries(errorDetailTypes)) {
      if (ours.includes(check as ErrorDetailCheck)) continue
      assert.match(type, /^(value|type)_error(\.[a-z_]+)*$/, check)
    }
  })

  it("ErrorDetailType accepts every name of the table and nothing else; ErrorDetail decodes any type", () => {
    const isType = Schema.is(ErrorDetailType)
    for (const type of Object.values(errorDetailTypes)) assert.isTrue(isType(type), type)
    assert.isFalse(isType("string_too_short"))
    const future = { location: "body", pointer: "/x", message: "m", type: "value_error.some_future_check" }
    assert.deepStrictEqual(Schema.decodeUnknownSync(ErrorDetail)(future), future)
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
