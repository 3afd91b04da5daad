/**
 * The V8 heap settings of the server process: a young generation (the space
 * where new objects are born) kept at 32–64 MB instead of V8's 128 MB.
 *
 * Under a steady request load V8 grows the young generation to its maximum
 * (128 MB of new space on Node 24 here, about 116 MB of it resident) and keeps
 * it. The mock server's young objects are request-scoped (a parsed body, an
 * encoded answer) and die within a request, so a quarter to a half of that
 * holds them as well: a server holding 100,000 sessions is about 50 MB smaller
 * (`bench/memory.ts`), at no cost in throughput (`bench/http.ts`).
 *
 * V8 reads the young generation's maximum only when the process starts, so
 * the size is steered through the factor V8 grows it by, after every garbage
 * collection (`growthFactorFor`): ×2 below the target, ×1 from there. The
 * executable starts at 64 MB (V8 grew it while loading the modules) and stays
 * there; when V8 shrinks it (an idle spell, a heap snapshot), it grows back by
 * doubling to the target, 32 MB. (A fixed factor of 1 would leave it at the
 * shrunk 1–2 MB for good, and a server scavenging 800 times a second.)
 *
 * The steering is not a hard bound: Node reports collections on a later turn
 * of the event loop. A server turns its loop for every request, and V8 grows
 * the young generation only after as many bytes as it holds have survived, so
 * a growth is seen before the next one; a long synchronous burst of allocation
 * (no turn between collections) can take it on to V8's maximum, where it stays
 * until V8 next shrinks it.
 *
 * Why it is on in the executable: without it 100,000 sessions grow the
 * server's RSS by 397–412 MB, at or past the 400 MB target; with it 337–349 MB, at
 * no measured cost in throughput (`BENCHMARKS.md`). It is applied only by the
 * `checkout-mock-server` executable (`main.ts`), never by `Server.layer`: a
 * program embedding the server keeps its own V8 settings. The flag it sets,
 * `--semi-space-growth-factor`, is read by V8 at each growth of the young
 * generation, so setting it at run time takes effect (`test/Heap.test.ts`
 * checks the sizes in child processes). `CHECKOUT_MOCK_TUNE_HEAP=false` leaves
 * V8's defaults.
 *
 * @since 0.2.0
 */
import { PerformanceObserver } from "node:perf_hooks"
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8"

/**
 * The size the young generation grows back to: bytes of V8's new space.
 *
 * @category constants
 * @since 0.2.0
 */
export const youngGenerationTarget = 32 * 1024 * 1024

const mb = (bytes: number) => bytes / 1024 / 1024

/**
 * What `tune` does, in words (for logs and benchmarks).
 *
 * @category constants
 * @since 0.2.0
 */
export const description = `young generation ${mb(youngGenerationTarget)}–${mb(2 * youngGenerationTarget)} MB`

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
 * below the target, none from there.
 *
 * @category heap
 * @since 0.2.0
 */
export const growthFactorFor = (size: number): number => size >= youngGenerationTarget ? 1 : 2

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
 * Steers this process's young generation from now on (see above). Call it
 * first thing; calling it again changes nothing.
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
