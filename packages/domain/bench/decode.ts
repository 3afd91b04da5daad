/**
 * Decode throughput of the full seed CheckoutSession (wire JSON object → Type),
 * side by side in one run with two dev-only baselines:
 *
 * - ajv (allErrors) compiled from the official spec's schema (validation only);
 * - the official SDK's Zod model, `CheckoutSession$inboundSchema` (@gr4vy/sdk).
 *
 * Ours is the decode the mock server uses: unknown keys rejected, every error
 * collected on failure (StrictDecoder). Also shown: the schema's own strict
 * decode (Schema.decodeUnknownExit with errors "all", onExcessProperty
 * "error"), and the failure path (a body with several errors) for each.
 *
 * Prints ops/s (median of rounds) and ratios against the baselines measured in
 * the same run. Run: `pnpm bench` (from the repo root or this package).
 */
import { Ajv } from "ajv"
import addFormats from "ajv-formats"
import { Schema } from "effect"
import { readFileSync } from "node:fs"
import { CheckoutSession } from "../src/CheckoutSession.ts"
import * as StrictDecoder from "../src/StrictDecoder.ts"
import { fullSeedSession } from "@checkout-kit/test-seeds"
import { CheckoutSession$inboundSchema } from "@gr4vy/sdk/models/components/checkoutsession.js"

const rounds = Number(process.env.BENCH_ROUNDS ?? 7)
const roundMs = Number(process.env.BENCH_ROUND_MS ?? 300)

const full = fullSeedSession()
const invalid = structuredClone(full) as any
invalid.cart_items[0].quantity = 0
invalid.cart_items[0].unexpected_field = true
invalid.buyer.billing_details.phone_number = "12"
invalid.airline.legs[0].flight_number = "1"
invalid.amount = -1

// Each candidate must really decode the valid body and reject the invalid one.
const spec = JSON.parse(readFileSync(new URL("../spec/gr4vy-checkout-sessions.openapi.json", import.meta.url), "utf8"))
const ajv = new Ajv({ allErrors: true, strict: false })
addFormats.default(ajv)
ajv.addSchema({ $id: "spec", components: spec.components })
const ajvValidate = ajv.compile({ $ref: "spec#/components/schemas/CheckoutSession" })

const strict = StrictDecoder.make(CheckoutSession)
const effectStrict = Schema.decodeUnknownExit(CheckoutSession)

const candidates = {
  "checkout-kit StrictDecoder": (input: unknown) => strict.decode(input)._tag === "Success",
  "Effect Schema strict decode": (input: unknown) =>
    effectStrict(input, StrictDecoder.strictOptions)._tag === "Success",
  "ajv allErrors (baseline)": (input: unknown) => ajvValidate(input) === true,
  "@gr4vy/sdk Zod model (baseline)": (input: unknown) => CheckoutSession$inboundSchema.safeParse(input).success
} as const

// One round of `f` on `input`: ops/s over roundMs.
const round = (f: (input: unknown) => boolean, input: unknown): number => {
  let n = 0
  const start = performance.now()
  let elapsed = 0
  while (elapsed < roundMs) {
    for (let i = 0; i < 200; i++) f(input)
    n += 200
    elapsed = performance.now() - start
  }
  return (n / elapsed) * 1000
}

const median = (samples: ReadonlyArray<number>) => samples.toSorted((a, b) => a - b)[Math.floor(samples.length / 2)]

for (const [name, f] of Object.entries(candidates)) {
  if (!f(full)) throw new Error(`${name} rejects the valid seed session`)
  if (name !== "@gr4vy/sdk Zod model (baseline)" && f(invalid)) throw new Error(`${name} accepts the invalid body`)
  round(f, full) // warm-up
  round(f, invalid)
}

// Rounds are interleaved across candidates, so a noisy moment of this machine hits every candidate alike.
const samples: Record<string, { valid: Array<number>; invalid: Array<number> }> = {}
for (let r = 0; r < rounds; r++) {
  for (const [name, f] of Object.entries(candidates)) {
    samples[name] ??= { valid: [], invalid: [] }
    samples[name].valid.push(round(f, full))
    samples[name].invalid.push(round(f, invalid))
  }
}
const results = Object.fromEntries(
  Object.entries(samples).map(([name, s]) => [name, { valid: median(s.valid), invalid: median(s.invalid) }])
)

const ours = results["checkout-kit StrictDecoder"]
const ajvResult = results["ajv allErrors (baseline)"]
const zod = results["@gr4vy/sdk Zod model (baseline)"]
const fmt = (n: number) => Math.round(n).toLocaleString("en-US").padStart(9)
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`.padStart(7)

console.log(`decode of the full seed CheckoutSession, ${rounds} rounds of ${roundMs} ms, median ops/s`)
console.log(`${"".padEnd(34)} ${"valid".padStart(9)} ${"invalid".padStart(9)}   vs ajv   vs Zod`)
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(34)} ${fmt(r.valid)} ${fmt(r.invalid)}  ${ratio(r.valid, ajvResult.valid)}  ${
      ratio(r.valid, zod.valid)
    }`
  )
}
const targets = [
  ["StrictDecoder ≥ 5× the Zod model", ours.valid / zod.valid >= 5],
  ["StrictDecoder ≥ 0.75× ajv (allErrors)", ours.valid / ajvResult.valid >= 0.75]
] as const
for (const [target, met] of targets) console.log(`${met ? "met    " : "MISSED "} ${target}`)
