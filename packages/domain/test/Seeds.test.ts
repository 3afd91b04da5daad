import { assert, describe, it } from "@effect/vitest"
import { Schema, SchemaAST } from "effect"
import { CheckoutSession, CheckoutSessionUpdate, Metadata } from "../src/CheckoutSession.ts"
import { models, modelNames } from "../src/Models.ts"
import * as StrictDecoder from "../src/StrictDecoder.ts"
import { seedExamples } from "@checkout-kit/test-seeds"
import { specSchema } from "./support/spec.ts"

const examples = seedExamples()
const session = StrictDecoder.make(CheckoutSession)
const update = StrictDecoder.make(CheckoutSessionUpdate)
const metadata = StrictDecoder.make(Metadata)

const pointers = (result: ReturnType<StrictDecoder.StrictDecoder<unknown>["decode"]>) =>
  result._tag === "Failure" ? result.failure.map((d) => d.pointer) : []

// Where a published example breaks the spec, API-SEMANTICS.md lists it; these are asserted as rejected.
const quirks: Record<string, { readonly reason: string; readonly pointers: ReadonlyArray<string> }> = {
  "01-create-session-minimal.txt#1": {
    reason: "payment_method.type is \"payment_method\" (spec const \"payment-method\") and its id \"<string>\" is no uuid",
    pointers: ["/payment_method/type", "/payment_method/id"]
  },
  "04-update-session.txt#1": {
    reason: "the same payment_method artefact as 01 (type \"payment_method\", id \"<string>\"); API-SEMANTICS.md names it for 01 only",
    pointers: ["/payment_method/type", "/payment_method/id"]
  },
  "02-get-session.txt#0": {
    reason: "quantity, unit_amount, discount_amount and tax_amount are strings (\"1\", \"37999\"): integers in the spec",
    pointers: [
      "/cart_items/0/quantity",
      "/cart_items/0/unit_amount",
      "/cart_items/0/discount_amount",
      "/cart_items/0/tax_amount"
    ]
  },
  "02-get-session.txt#1": {
    reason: "the same example again, with the same string amounts",
    pointers: [
      "/cart_items/0/quantity",
      "/cart_items/0/unit_amount",
      "/cart_items/0/discount_amount",
      "/cart_items/0/tax_amount"
    ]
  }
}

describe("seed examples", () => {
  it("finds the examples of all four reference pages", () => {
    assert.deepStrictEqual(
      examples.map((e) => `${e.file}#${e.index}:${e.role}`),
      [
        "01-create-session-minimal.txt#0:request",
        "01-create-session-minimal.txt#1:response",
        "02-get-session.txt#0:response",
        "02-get-session.txt#1:response",
        "03-create-session-full-csharp.txt#0:response",
        "03-create-session-full-csharp.txt#1:metadata",
        "03-create-session-full-csharp.txt#2:metadata",
        "04-update-session.txt#0:request",
        "04-update-session.txt#1:response"
      ]
    )
  })

  for (const example of examples) {
    const key = `${example.file}#${example.index}`
    const quirk = quirks[key]
    const decoder: StrictDecoder.StrictDecoder<unknown> = example.role === "request"
      ? update
      : example.role === "metadata"
      ? metadata
      : session
    if (quirk !== undefined) {
      it(`rejects ${key} (${example.role}): ${quirk.reason}`, () => {
        assert.deepStrictEqual(pointers(decoder.decode(example.json)).toSorted(), quirk.pointers.toSorted())
      })
    } else {
      it(`decodes ${key} (${example.role})`, () => {
        const result = decoder.decode(example.json)
        assert.deepStrictEqual(result._tag === "Failure" ? result.failure : [], [])
      })
    }
  }

  it("decodes 04's departure_country \"UK\": it matches ^[A-Z]{2}$, though GB is the ISO code", () => {
    const request = examples.find((e) => e.file.startsWith("04-") && e.role === "request")!
    const decoded = Schema.decodeUnknownSync(CheckoutSessionUpdate)(request.json, StrictDecoder.strictOptions)
    assert.strictEqual(decoded.airline?.legs?.[0]?.departureCountry, "UK")
  })

  it("decodes 01's discount and tax of 49999999 on a 37999 item: each amount is within range", () => {
    const request = examples.find((e) => e.file.startsWith("01-") && e.role === "request")!
    const decoded = Schema.decodeUnknownSync(CheckoutSessionUpdate)(request.json, StrictDecoder.strictOptions)
    assert.strictEqual(decoded.cartItems?.[0]?.discountAmount, 49_999_999)
  })

  it("decodes the sessions' request bodies of 01 and 04 as CheckoutSessionUpdate, not a separate create body", () => {
    for (const request of examples.filter((e) => e.role === "request")) {
      assert.strictEqual(update.isValid(request.json), true)
    }
  })
})

// Where the spec's own example breaks the spec's schema: asserted as rejected, with the reason.
const specQuirks: Record<string, string> = {
  "CheckoutSessionCardDetails.additional_schemes":
    "the example [\"visa-debit\", \"electron\"] names schemes that the CardScheme enum does not list"
}

describe("the spec's own examples", () => {
  for (const [where, reason] of Object.entries(specQuirks)) {
    it(`rejects the example of ${where}: ${reason}`, () => {
      const [name, property] = where.split(".") as [keyof typeof models, string]
      const wire = SchemaAST.toEncoded(models[name].ast) as SchemaAST.Objects
      const signature = wire.propertySignatures.find((ps) => ps.name === property)!
      const quirkExamples = specSchema(name).properties[property].examples as Array<unknown>
      assert.isAbove(quirkExamples.length, 0)
      for (const example of quirkExamples) assert.isFalse(Schema.is(Schema.make(signature.type))(example))
    })
  }

  // Every property example in the spec decodes with the wire schema of that property.
  for (const name of modelNames) {
    const properties = specSchema(name).properties as Record<string, { examples?: Array<unknown> }> | undefined
    if (properties === undefined) continue
    const wire = SchemaAST.toEncoded(models[name].ast)
    if (wire._tag !== "Objects") continue
    it(`${name}: every property example decodes`, () => {
      let checked = 0
      for (const [property, { examples: propertyExamples = [] }] of Object.entries(properties)) {
        const signature: SchemaAST.PropertySignature | undefined = wire.propertySignatures.find((ps) =>
          ps.name === property
        )
        assert.isDefined(signature, property)
        const is = Schema.is(Schema.make(signature!.type))
        if (specQuirks[`${name}.${property}`] !== undefined) continue
        for (const example of propertyExamples) {
          assert.isTrue(is(example), `${property}: ${JSON.stringify(example)}`)
          checked++
        }
      }
      assert.isAtLeast(checked, 0)
    })
  }
})
