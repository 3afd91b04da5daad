/**
 * The V8 heap settings of the server process: a young generation (the space
 * where new objects are born) kept at 16–32 MB instead of V8's 128 MB.
 *
 * Why: a collection of the young generation (a scavenge) stops the server
 * for as long as it takes to copy what survives, and under a POST load a
 * fixed share of what is allocated survives (each stored session, the
 * journal's last entries), so the pause grows with the young generation.
 * With V8's 128 MB a scavenge under POST load paused the server 31–35 ms
 * (median, a loaded 2-core machine), at 64 MB 12–26 ms, at 16 MB 4 ms:
 * every request in flight waits that long, which is what the p99 latency
 * measures. The collections are more frequent, the copying per request the
 * same (`BENCHMARKS.md`, 2026-12-07). A server holding 100,000 sessions is
 * also smaller (`bench/memory.ts`).
 *
 * V8 reads the young generation's maximum only when the process starts, so
 * the size is steered through the factor V8 grows it by, after every garbage
 * collection (`growthFactorFor`): ×2 below the target, ×1 from there. `tune`
 * starts at ×1: the executable calls it before its modules load (`bin.ts`),
 * a burst of allocation during which no collection is reported, and which
 * would otherwise grow the young generation to V8's maximum for good. It then
 * grows by doubling to the target under load, and grows back the same way
 * when V8 shrinks it (an idle spell, a heap snapshot). (A factor of 1 for
 * good would leave it at 1–2 MB, and a server scavenging 800 times a second.)
 *
 * The steering is not a hard bound: Node reports collections on a later turn
 * of the event loop. A server turns its loop for every request, and V8 grows
 * the young generation only after as many bytes as it holds have survived, so
 * a growth is seen before the next one; a long synchronous burst of allocation
 * (no turn between collections) can take it on to V8's maximum, where it stays
 * until V8 next shrinks it.
 *
 * It is applied only by the `checkout-mock-server` executable (`bin.ts`),
 * never by `Server.layer`: a program embedding the server keeps its own V8
 * settings. The flag it sets, `--semi-space-growth-factor`, is read by V8 at
 * each growth of the young generation, so setting it at run time takes effect
 * (`test/Heap.test.ts` checks the sizes in child processes).
 * `CHECKOUT_MOCK_TUNE_HEAP=false` leaves V8's defaults.
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
export const youngGenerationTarget = 16 * 1024 * 1024

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
 * Steers this process's young generation from now on (see above): no growth
 * until a collection is reported, then `growthFactorFor` its size after each.
 * Call it first thing, before a program's modules load; calling it again
 * changes nothing.
 *
 * @category heap
 * @since 0.2.0
 */
export const tune = (): void => {
  if (observer !== undefined) return
  factor = 1
  setFlagsFromString("--semi-space-growth-factor=1")
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
