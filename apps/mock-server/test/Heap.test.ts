import { assert, describe, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import { promisify } from "node:util"
import { beforeAll } from "vitest"
import { youngGenerationTarget } from "../src/Heap.ts"

const heapModule = new URL("../src/Heap.ts", import.meta.url).href

interface Sizes {
  /** New-space bytes after a server's allocation pattern. */
  readonly loaded: number
  /** After a heap snapshot, for which V8 shrinks the young generation. */
  readonly shrunk: number
  /** After the same load again. */
  readonly reloaded: number
}

// A process with a server's allocation pattern: much short-lived garbage (parsed bodies), a share of it kept
// (stored sessions), the event loop turning between batches as between requests. Answers its young
// generation's size after the load, after V8 shrinks it, and after the load again. The sizes depend on the work
// done, not on how long it takes: the hooks wait for the processes to exit (the timeout is only a hang guard).
const youngGeneration = async (tuned: boolean): Promise<Sizes> => {
  const script = `
    import v8 from "node:v8"
    const Heap = await import(${JSON.stringify(heapModule)})
    if (${tuned}) Heap.tune()
    const load = async () => {
      const kept = []
      for (let batch = 0; batch < 50; batch++) {
        for (let i = 0; i < 10000; i++) {
          const body = JSON.parse('{"items":[1,2,3,{"name":"' + "x".repeat(600) + '"}],"n":' + i + '}')
          if (i % 3 === 0) kept.push(JSON.stringify(body))
        }
        await new Promise((resolve) => setImmediate(resolve))
      }
      return kept.length
    }
    const kept = await load()
    const loaded = Heap.youngGenerationSize()
    for await (const _ of v8.getHeapSnapshot()) {}
    const shrunk = Heap.youngGenerationSize()
    await load()
    console.log(JSON.stringify({ kept, loaded, shrunk, reloaded: Heap.youngGenerationSize() }))
  `
  const { stdout: out } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })
  const result = JSON.parse(out) as Sizes & { kept: number }
  assert.strictEqual(result.kept, 166_700)
  return result
}

// A process that allocates much and keeps it, with no turn of the event loop (as the executable's modules
// loading), so no collection is reported to the steering until it ends: V8 grows the young generation past twice
// the target meanwhile, unless it is held. Answers its size after the burst.
const afterBurst = async (steered: boolean): Promise<number> => {
  const script = `
    const Heap = await import(${JSON.stringify(heapModule)})
    if (${steered}) Heap.tune()
    const kept = []
    for (let i = 0; i < 300000; i++) kept.push({ i, text: "x".repeat(100) + i })
    console.log(JSON.stringify({ kept: kept.length, size: Heap.youngGenerationSize() }))
  `
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })
  const result = JSON.parse(stdout) as { kept: number; size: number }
  assert.strictEqual(result.kept, 300_000)
  return result.size
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

describe("Heap.tune", () => {
  let defaults: Sizes
  let tuned: Sizes
  beforeAll(async () => {
    defaults = await youngGeneration(false)
    tuned = await youngGeneration(true)
  })

  it("keeps the young generation within twice its target where V8 would grow it past", () => {
    // What the tuning is for: V8's own maximum is above twice the target, and a server's load reaches it.
    const bound = 2 * youngGenerationTarget
    assert.isAbove(defaults.loaded, bound, `V8's default young generation stayed at ${mb(defaults.loaded)}`)
    assert.isAtMost(tuned.loaded, bound, `the tuned young generation grew to ${mb(tuned.loaded)}`)
    assert.isAtMost(tuned.reloaded, bound, `the tuned young generation grew to ${mb(tuned.reloaded)}`)
  })

  it("lets the young generation grow back after V8 shrinks it", () => {
    assert.isBelow(tuned.shrunk, tuned.loaded, "the heap snapshot did not shrink the young generation")
    // A fixed growth factor of 1 would keep it at the shrunk size (1–2 MB) from then on.
    assert.isAbove(tuned.reloaded, 8 * 1024 * 1024, `it stayed at ${mb(tuned.reloaded)} after shrinking`)
  })

  it("keeps the young generation from growing during a burst of allocation right after it is called", async () => {
    const bound = 2 * youngGenerationTarget
    const untuned = await afterBurst(false)
    assert.isAbove(untuned, bound, `V8's default young generation stayed at ${mb(untuned)} through the burst`)
    const held = await afterBurst(true)
    assert.isAtMost(held, bound, `the young generation grew to ${mb(held)} during the burst`)
  })
})
