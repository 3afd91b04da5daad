import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import * as fc from "fast-check"
// The fixtures package is imported from its source: a package dependency would make a cycle (fixtures depends on domain).
import { invalidOf, valid } from "../../fixtures/src/Fixtures.ts"
import { models } from "../src/Models.ts"
import * as StrictDecoder from "../src/StrictDecoder.ts"

// The strict decoder's generated fast path against the schema's own decoder, on fixture samples.
describe("the strict decoder on fixtures", () => {
  for (const name of ["CheckoutSessionUpdate", "CheckoutSession", "CheckoutSessionSecureFields"] as const) {
    it(`${name}: the fast path and the schema's decoder agree on 1,000 valid and 1,000 invalid bodies`, () => {
      const schema = models[name] as Schema.Top & { readonly DecodingServices: never }
      const strict = StrictDecoder.make(schema)
      const reference = Schema.decodeUnknownExit(schema)
      const bodies = [
        ...fc.sample(valid[name], { numRuns: 1000, seed: 1 }),
        ...fc.sample(invalidOf[name], { numRuns: 1000, seed: 2 }).map((m) => m.value)
      ]
      for (const body of bodies) {
        const expected = reference(body, StrictDecoder.strictOptions)
        assert.strictEqual(strict.isValid(body), expected._tag === "Success", JSON.stringify(body).slice(0, 300))
        const fast = strict.decode(body)
        if (fast._tag === "Success" && expected._tag === "Success") assert.deepStrictEqual(fast.success, expected.value)
      }
    })
  }
})
