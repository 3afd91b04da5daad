import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import { CheckoutSession, CheckoutSessionUpdate } from "../src/CheckoutSession.ts"
import { CheckoutSessionSecureFields } from "../src/PaymentMethod.ts"
import * as StrictDecoder from "../src/StrictDecoder.ts"
import { issueToDetails, maxDetails, omittedDetails, validationMessage } from "../src/Validation.ts"
import { fullSeedSession } from "@checkout-kit/test-seeds"

// The details the schema's own decoder explains, through `issueToDetails`: the reference.
const referenceDetails = (schema: Schema.Codec<unknown, unknown>, input: unknown) => {
  const exit = Schema.decodeUnknownExit(schema)(input, StrictDecoder.strictOptions)
  if (exit._tag === "Success") return undefined
  const error = exit.cause.reasons.find((reason) => reason._tag === "Fail")
  return issueToDetails((error!.error as Schema.SchemaError).issue, input)
}

const update = StrictDecoder.make(CheckoutSessionUpdate)

describe("details of a large invalid body", () => {
  it("50,000 empty cart items: the first 100 details in document order, the rest counted in the message", () => {
    const details = update.check({ cart_items: Array.from({ length: 50_000 }, () => ({})) })!
    assert.strictEqual(details.length, maxDetails)
    assert.deepStrictEqual(details[0], { location: "body", pointer: "/cart_items/0/name", message: "Field required", type: details[0].type })
    assert.strictEqual(details[3].pointer, "/cart_items/1/name")
    assert.deepStrictEqual(omittedDetails(details), { count: 900, atLeast: true })
    assert.strictEqual(
      validationMessage(details),
      "Request failed validation: the first 100 invalid fields are listed, at least 900 more are not"
    )
  })

  it("a card of 125,000 unknown keys on the secure fields: 100 details", () => {
    const card: Record<string, unknown> = { method: "card", number: "4111111111111111", expiration_date: "12/30" }
    for (let i = 0; i < 125_000; i++) card[`k${i}`] = 1
    const result = StrictDecoder.make(CheckoutSessionSecureFields).decode({ payment_method: card })
    assert.strictEqual(result._tag, "Failure")
    if (result._tag === "Failure") {
      assert.strictEqual(result.failure.length, maxDetails)
      assert.strictEqual(result.failure[0].pointer, "/payment_method/k0")
      assert.isTrue(omittedDetails(result.failure)!.atLeast)
    }
  })

  it("issueToDetails caps the details of the schema's own issue without overflowing the stack", () => {
    const input = { cart_items: Array.from({ length: 50_000 }, () => ({})) }
    const details = referenceDetails(CheckoutSessionUpdate as never, input)!
    assert.strictEqual(details.length, maxDetails)
    assert.deepStrictEqual(omittedDetails(details), { count: 1000 - maxDetails, atLeast: true })
  })

  it("a small body lists every invalid field and says nothing more", () => {
    const details = update.check({ cart_items: [{}], unexpected: 1 })!
    assert.strictEqual(details.length, 4)
    assert.strictEqual(omittedDetails(details), undefined)
    assert.strictEqual(validationMessage(details), "Request failed validation")
  })

  // A session made large (300 cart items) with one value replaced: the bounded walk explains it as the schema's
  // own decoder does.
  describe("agrees with the schema's own decoder", () => {
    const full = fullSeedSession() as any
    const item = full.cart_items[0]
    const large = () => ({ ...structuredClone(full), cart_items: Array.from({ length: 300 }, () => structuredClone(item)) })
    const session = StrictDecoder.make(CheckoutSession)
    const replacements: ReadonlyArray<unknown> = [null, "", -1, 1.5, [], {}, { unexpected: 1 }, "x".repeat(300)]
    const edits: ReadonlyArray<readonly [string, (body: any, value: unknown) => void]> = [
      ["a cart item's field", (body, value) => (body.cart_items[7].name = value)],
      ["every third item's quantity", (body, value) => body.cart_items.forEach((line: any, i: number) => i % 3 === 0 && (line.quantity = value))],
      ["an unknown key in an item", (body, value) => (body.cart_items[299].unexpected = value)],
      ["a top-level field", (body, value) => (body.metadata = value)],
      ["the buyer", (body, value) => (body.buyer = value)],
      ["the list itself", (body, value) => body.cart_items.push(value)],
      ["a removed field", (body) => delete body.cart_items[150].unit_amount]
    ]
    for (const [name, edit] of edits) {
      it(name, () => {
        for (const value of replacements) {
          const body = large()
          edit(body, value)
          const expected = referenceDetails(CheckoutSession as never, body)
          const result = session.decode(body)
          assert.deepStrictEqual(result._tag === "Failure" ? [...result.failure] : undefined, expected, JSON.stringify(value))
          if (expected !== undefined && result._tag === "Failure") {
            assert.deepStrictEqual(omittedDetails(result.failure), omittedDetails(expected))
          }
        }
      })
    }
  })
})
