import { assert, describe, it } from "@effect/vitest"
import { execFileSync } from "node:child_process"

const heapModule = new URL("../src/Heap.ts", import.meta.url).href

// A process with a server's allocation pattern: much short-lived garbage
// (parsed bodies), a share of it kept (stored sessions). Answers the resident
// size of its young generation.
const youngGenerationBytes = (tuned: boolean): number => {
  const script = `
    import v8 from "node:v8"
    if (${tuned}) (await import(${JSON.stringify(heapModule)})).tune()
    const kept = []
    for (let i = 0; i < 200000; i++) {
      const body = JSON.parse('{"items":[1,2,3,{"name":"' + "x".repeat(200) + '"}],"n":' + i + '}')
      if (i % 10 === 0) kept.push(JSON.stringify(body))
    }
    const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === "new_space")
    console.log(JSON.stringify({ young: young.physical_space_size, kept: kept.length }))
  `
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })
  const result = JSON.parse(out) as { young: number; kept: number }
  assert.strictEqual(result.kept, 20_000)
  return result.young
}

describe("Heap.tune", () => {
  it("keeps the young generation at its initial size under a server's allocation pattern", () => {
    const defaults = youngGenerationBytes(false)
    const tuned = youngGenerationBytes(true)
    // V8's default grows it (32 MB here): what the tuning is for.
    assert.isAbove(defaults, 8 * 1024 * 1024, `V8's default young generation stayed at ${defaults} bytes`)
    assert.isAtMost(tuned, 4 * 1024 * 1024, `the tuned young generation grew to ${tuned} bytes`)
  })
})
