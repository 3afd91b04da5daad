/**
 * The V8 heap settings of the server process: a ceiling on the young
 * generation (the space where new objects are born).
 *
 * Under a steady request load V8 grows the young generation to its maximum
 * (128 MB of new space on Node 24 here, about 116 MB of it resident) and keeps
 * it. The mock server's young objects are request-scoped (a parsed body, an
 * encoded answer) and die within a request, so half of that holds them as
 * well: a server holding 100,000 sessions is about 50 MB smaller
 * (`bench/memory.ts`), at no cost in throughput (`bench/http.ts`).
 *
 * V8 reads the young generation's maximum only when the process starts, so
 * the ceiling is kept by steering the factor V8 grows it by, after every
 * garbage collection (`growthFactorFor`). V8 also shrinks the young generation
 * when allocation slows (an idle server, a heap snapshot); it then grows back
 * under load, up to the ceiling again. (A fixed factor of 1 would leave it at
 * the shrunk 1 MB for good, and a server scavenging 800 times a second.)
 *
 * @since 0.2.0
 */
import { PerformanceObserver } from "node:perf_hooks"
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8"

/**
 * The young generation's ceiling: bytes of V8's new space.
 *
 * @category constants
 * @since 0.2.0
 */
export const youngGenerationCeiling = 64 * 1024 * 1024

/**
 * What `tune` does, in words (for logs and benchmarks).
 *
 * @category constants
 * @since 0.2.0
 */
export const description = `young generation ≤ ${youngGenerationCeiling / 1024 / 1024} MB`

/**
 * The size of V8's new space now, in bytes.
 *
 * @category heap
 * @since 0.2.0
 */
export const youngGenerationSize = (): number =>
  getHeapSpaceStatistics().find((space) => space.space_name === "new_space")?.space_size ?? 0

/**
 * The growth factor for a young generation of `size` bytes: V8's own (×2)
 * below half the ceiling, none from there. One growth at a time, since V8
 * grows it only after as many bytes as it holds have survived, so the
 * young generation settles between half the ceiling and the ceiling.
 *
 * @category heap
 * @since 0.2.0
 */
export const growthFactorFor = (size: number): number => size >= youngGenerationCeiling / 2 ? 1 : 2

let factor = 0
let observer: PerformanceObserver | undefined

const steer = () => {
  const next = growthFactorFor(youngGenerationSize())
  if (next !== factor) {
    factor = next
    setFlagsFromString(`--semi-space-growth-factor=${next}`)
  }
}

/**
 * Holds this process's young generation under `youngGenerationCeiling` from
 * now on. Call it first thing; calling it again changes nothing.
 *
 * @category heap
 * @since 0.2.0
 */
export const tune = (): void => {
  steer()
  if (observer !== undefined) return
  observer = new PerformanceObserver(steer)
  observer.observe({ entryTypes: ["gc"] })
}

/**
 * `tune`, unless the environment says `CHECKOUT_MOCK_TUNE_HEAP=false`; answers
 * whether it tuned. The `checkout-mock-server` executable calls it first thing.
 *
 * @category heap
 * @since 0.2.0
 */
export const tuneFromEnv = (env: Readonly<Record<string, string | undefined>>): boolean => {
  const enabled = env.CHECKOUT_MOCK_TUNE_HEAP !== "false"
  if (enabled) tune()
  return enabled
}
