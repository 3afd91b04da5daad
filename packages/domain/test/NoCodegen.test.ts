import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { execFileSync } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
// The fixtures package is imported from its source: a package dependency would make a cycle (fixtures depends on domain).
import { invalidOf, valid } from "../../fixtures/src/Fixtures.ts"
import { codeGenerationAllowed, decodeAll } from "./support/noCodegen.ts"

const script = join(import.meta.dirname, "support", "noCodegen.ts")

// Valid and invalid fixture bodies of each model, and one large invalid update (explained by the bounded walk).
const bodies = () => {
  const item = { name: "GoPro HERO9", quantity: 1, unit_amount: 37999 }
  const out: Record<string, Array<unknown>> = {}
  for (const name of ["CheckoutSessionUpdate", "CheckoutSession", "CheckoutSessionSecureFields"] as const) {
    out[name] = [
      ...fc.sample(valid[name], { numRuns: 200, seed: 3 }),
      ...fc.sample(invalidOf[name], { numRuns: 200, seed: 4 }).map((m) => m.value)
    ]
  }
  out.CheckoutSessionUpdate.push({
    cart_items: Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? { ...item, quantity: "one" } : item))
  })
  return out
}

// The strict decoder where `new Function` is forbidden (a CSP without `unsafe-eval`) falls back to Effect's
// validator, an unknown-key walker and an interpreted converter; its answers must be the compiled path's.
describe("the strict decoder without code generation", () => {
  it("answers as the compiled decoder does on fixtures, valid and invalid, small and large", () => {
    const input = bodies()
    const dir = mkdtempSync(join(tmpdir(), "no-codegen-"))
    try {
      const file = join(dir, "bodies.json")
      writeFileSync(file, JSON.stringify(input))
      const output = execFileSync(process.execPath, ["--disallow-code-generation-from-strings", script, file], {
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024
      })
      const child = JSON.parse(output) as { codeGeneration: boolean; results: unknown }
      assert.isTrue(codeGenerationAllowed(), "this process generates code")
      assert.isFalse(child.codeGeneration, "the child process may not generate code")
      const compiled = JSON.parse(JSON.stringify(decodeAll(input)))
      assert.deepStrictEqual(child.results, compiled)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
