import { assert, describe, it } from "@effect/vitest"
import { DateTime, Redacted, Schema } from "effect"
import { CheckoutSession, CheckoutSessionUpdate } from "../src/CheckoutSession.ts"
import { models, modelNames } from "../src/Models.ts"
import { CheckoutSessionSecureFields } from "../src/PaymentMethod.ts"
import { PaymentServiceCreate } from "../src/PaymentService.ts"
import * as StrictDecoder from "../src/StrictDecoder.ts"
import { TransactionCreate } from "../src/TransactionCreate.ts"
import { fullSeedSession, seedExamples } from "@checkout-kit/test-seeds"

const session = StrictDecoder.make(CheckoutSession)
const full = fullSeedSession()

// The schema's own decoder under the strict options: the reference the fast path must agree with.
const reference = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S, input: unknown) =>
  Schema.decodeUnknownExit(schema)(input, StrictDecoder.strictOptions)

describe("StrictDecoder", () => {
  it("decodes the full seed session to the same Type value as the schema's own decoder", () => {
    const result = session.decode(full)
    const expected = reference(CheckoutSession, full)
    assert.strictEqual(result._tag, "Success")
    assert.strictEqual(expected._tag, "Success")
    if (result._tag === "Success" && expected._tag === "Success") {
      assert.deepStrictEqual(result.success, expected.value)
      assert.isTrue(DateTime.isDateTime(result.success.expiresAt))
      assert.strictEqual(result.success.buyer?.billingDetails?.address?.houseNumberOrName, "10")
      assert.strictEqual(result.success.airline?.passengers?.[0]?.dateOfBirth, "2013-07-16")
    }
  })

  it("decode ∘ encode is the identity on the Type side", () => {
    for (const example of seedExamples()) {
      const schema = example.role === "request" ? CheckoutSessionUpdate : CheckoutSession
      const decoded = Schema.decodeUnknownExit(schema)(example.json, StrictDecoder.strictOptions)
      if (decoded._tag === "Failure") continue
      const wire = Schema.encodeSync(schema)(decoded.value)
      assert.deepStrictEqual(Schema.decodeUnknownSync(schema)(wire, StrictDecoder.strictOptions), decoded.value)
      const fast = StrictDecoder.make(schema).decode(wire)
      assert.deepStrictEqual(fast._tag === "Success" ? fast.success : undefined, decoded.value)
    }
  })

  it("encodes date-times in UTC ISO form and calendar dates unchanged", () => {
    const decoded = Schema.decodeUnknownSync(CheckoutSession)(full)
    const wire = Schema.encodeSync(CheckoutSession)(decoded)
    assert.strictEqual(wire.expires_at, "2023-11-07T05:31:56.000Z")
    assert.strictEqual(wire.airline?.passengers?.[0]?.date_of_birth, "2013-07-16")
  })

  it("agrees with the schema's own decoder on valid and invalid variants of the seed", () => {
    const variants: Array<unknown> = [
      full,
      { ...full, amount: null, currency: "EUR" },
      { ...full, metadata: {} },
      { ...full, cart_items: [] },
      { ...full, unknown: 1 },
      { ...full, buyer: { ...(full.buyer as object), extra: null } },
      { ...full, metadata: { a: "b", c: 1 } },
      { ...full, airline: null },
      { ...full, payment_method: { type: "payment-method" } },
      { ...full, payment_method: { method: "id" } },
      { ...full, id: undefined },
      { id: full.id, expires_at: full.expires_at }
    ]
    for (const variant of variants) {
      const fast = session.decode(variant)
      const slow = reference(CheckoutSession, variant)
      assert.strictEqual(fast._tag, slow._tag, JSON.stringify(variant).slice(0, 200))
      if (fast._tag === "Success" && slow._tag === "Success") assert.deepStrictEqual(fast.success, slow.value)
    }
  })

  it("converts a record's values: a payment service's merchant profiles, keyed by scheme, come out camelCase", () => {
    const body = {
      display_name: "Mock Card",
      payment_service_definition_id: "mock-card",
      fields: [{ key: "merchant_id", value: "test" }],
      accepted_currencies: ["USD"],
      accepted_countries: ["US"],
      merchant_profile: {
        visa: {
          merchant_acquirer_bin: "411111",
          merchant_acquirer_id: "12345678",
          merchant_name: "Acme Store",
          merchant_country_code: "840",
          merchant_category_code: "5411",
          merchant_url: "https://example.com"
        },
        amex: null
      }
    }
    const result = StrictDecoder.make(PaymentServiceCreate).decode(body)
    const expected = reference(PaymentServiceCreate, body)
    assert.strictEqual(result._tag, "Success")
    assert.strictEqual(expected._tag, "Success")
    if (result._tag === "Success" && expected._tag === "Success") {
      assert.deepStrictEqual(result.success, expected.value)
      assert.strictEqual(result.success.merchantProfile?.visa?.merchantCategoryCode, "5411")
    }
  })

  it("isValid rejects unknown keys at any depth", () => {
    const legs = (full.airline as { legs: Array<object> }).legs
    assert.isTrue(session.isValid(full))
    assert.isFalse(session.isValid({ ...full, airline: { ...(full.airline as object), legs: [{ ...legs[0], x: 1 }] } }))
  })

  it("a transaction's body: values of open records (any JSON) are accepted as the schema's decoder accepts them", () => {
    const decoder = StrictDecoder.make(TransactionCreate)
    const base = { amount: 1299, currency: "USD", payment_method: { method: "checkout-session", id: "3c90c3cc-0d44-4b50-8888-8dd25736052a" } }
    const openValues = [1, "x", null, true, [1, { a: [] }], { nested: { deep: [null] } }]
    const samples = [
      base,
      ...openValues.map((value) => ({ ...base, connection_options: { "adyen-card": { accountInfo: { key: value } } } })),
      ...openValues.map((value) => ({ ...base, connection_options: { "adyen-card": { riskData: { key: value }, additionalData: { a: "b" } } } })),
      { ...base, connection_options: { "adyen-card": { accountInfo: 1 } } },
      { ...base, connection_options: { "adyen-card": { additionalData: { key: 1 } } } },
      { ...base, connection_options: { "adyen-card": { unknown: {} } } },
      { ...base, unknown: 1 }
    ]
    for (const sample of samples) {
      const expected = reference(TransactionCreate, sample)
      const fast = decoder.decode(sample)
      assert.strictEqual(decoder.isValid(sample), expected._tag === "Success", JSON.stringify(sample))
      assert.strictEqual(fast._tag, expected._tag === "Success" ? "Success" : "Failure", JSON.stringify(sample))
      if (fast._tag === "Success" && expected._tag === "Success") assert.deepStrictEqual(fast.success, expected.value)
    }
  })

  it("a union with a member holding any JSON refuses a body only an unknown key rules out of another member", () => {
    // A transaction's payment method: Apple Pay's `token` is any JSON; a stored card's `security_code` breaks its
    // length, and only that key keeps the body from reading as a checkout session's (`id`, `redirect_url`).
    const body = {
      amount: 100,
      currency: "USD",
      payment_method: { id: "00000017-c52a-4e15-aed1-21e1600a98a9", security_code: "59" }
    }
    const strict = StrictDecoder.make(TransactionCreate)
    assert.strictEqual(reference(TransactionCreate, body)._tag, "Failure")
    assert.isFalse(strict.isValid(body))
    const result = strict.decode(body)
    assert.strictEqual(result._tag, "Failure")
    if (result._tag === "Failure") assert.include(result.failure.map((d) => d.pointer), "/payment_method/security_code")
    const token = { method: "applepay", token: { paymentData: { version: "EC_v1" } } }
    assert.isTrue(strict.isValid({ ...body, payment_method: token }))
  })

  it("compiles for every model", () => {
    for (const name of modelNames) assert.isFunction(StrictDecoder.make(models[name]).decode)
  })

  describe("secure fields", () => {
    const fields = StrictDecoder.make(CheckoutSessionSecureFields)
    const number = "4111111111111111"

    it("decodes a card with the number and security code redacted", () => {
      const result = fields.decode({ payment_method: { number, expiration_date: "12/30", security_code: "123" } })
      assert.strictEqual(result._tag, "Success")
      if (result._tag !== "Success") return
      const card = result.success.paymentMethod
      assert.isTrue("number" in card && Redacted.isRedacted(card.number))
      if (!("number" in card)) return
      assert.strictEqual(Redacted.value(card.number), number)
      // The fast path builds the same Redacted values as the schema (label included), so they encode back.
      assert.deepStrictEqual(Schema.encodeSync(CheckoutSessionSecureFields)(result.success), {
        payment_method: { number, expiration_date: "12/30", security_code: "123" }
      })
      assert.notInclude(String(card.number), number)
      assert.notInclude(JSON.stringify(result.success), number)
      assert.notInclude(JSON.stringify(result.success), "123")
    })

    it("picks the member of the union by its keys and its method", () => {
      const id = fields.decode({ payment_method: { method: "id", id: "ef9496d8-53a5-4aad-8ca2-00eb68334389" } })
      assert.deepStrictEqual(id._tag === "Success" ? id.success.paymentMethod : undefined, {
        method: "id",
        id: "ef9496d8-53a5-4aad-8ca2-00eb68334389"
      } as never)
      const ctp = { merchant_transaction_id: "m", src_correlation_id: "c", src_dpa_id: "d" }
      const clickToPay = fields.decode({ payment_method: ctp })
      assert.deepStrictEqual(clickToPay._tag === "Success" ? clickToPay.success.paymentMethod : undefined, {
        merchantTransactionId: "m",
        srcCorrelationId: "c",
        srcDpaId: "d"
      } as never)
    })
  })
})

describe("the generated validator agrees with the schema's own decoder", () => {
  // Every leaf and every object of the full seed, replaced in turn by each of these values.
  const replacements: ReadonlyArray<unknown> = [
    null,
    "",
    "x".repeat(321),
    "🛒".repeat(200),
    0,
    -1,
    1.5,
    100_000_000,
    true,
    [],
    {},
    { unexpected: 1 },
    "2013-07-16",
    "US",
    "+1234567890",
    "ef9496d8-53a5-4aad-8ca2-00eb68334389"
  ]
  const paths: Array<Array<string | number>> = []
  const walk = (value: unknown, path: Array<string | number>) => {
    paths.push(path)
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]))
    else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k])
      paths.push([...path, "unexpected_field"])
    }
  }
  walk(full, [])
  const replaced = (path: ReadonlyArray<string | number>, value: unknown): unknown => {
    if (path.length === 0) return value
    const copy = structuredClone(full) as any
    let node = copy
    for (const token of path.slice(0, -1)) node = node[token]
    node[path[path.length - 1]] = value
    return copy
  }

  it(`on ${paths.length} paths × ${replacements.length} values, and with each key removed`, () => {
    let compared = 0
    const disagreements: Array<string> = []
    const compare = (input: unknown, label: string) => {
      const expected = reference(CheckoutSession, input)._tag === "Success"
      if (session.isValid(input) !== expected) disagreements.push(label)
      compared++
    }
    for (const path of paths) {
      for (const value of replacements) compare(replaced(path, value), `${path.join("/")} = ${JSON.stringify(value)}`)
      if (path.length > 0) {
        const removed = structuredClone(full) as any
        let node = removed
        for (const token of path.slice(0, -1)) node = node[token]
        if (!Array.isArray(node)) {
          delete node[path[path.length - 1]]
          compare(removed, `without ${path.join("/")}`)
        }
      }
    }
    assert.deepStrictEqual(disagreements, [])
    assert.isAbove(compared, 2000)
  })
})

describe("sessionFields", () => {
  it("are the fields the update body and the session share, derived from the schemas", async () => {
    const { sessionFields } = await import("../src/CheckoutSession.ts")
    assert.deepStrictEqual(sessionFields, ["cart_items", "metadata", "buyer", "airline", "amount", "currency", "payment_service_id"])
  })
})
