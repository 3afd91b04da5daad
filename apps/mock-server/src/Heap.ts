/**
 * The V8 heap settings of the server process.
 *
 * Under a steady request load V8 grows the young generation (the semi-spaces
 * where new objects are born) up to its maximum, about 116 MB of resident
 * memory on Node 24, and keeps it. The mock server's young objects are
 * request-scoped (a parsed body, an encoded answer) and die within a
 * request, so a young generation that stays at its initial size (about
 * 1 MB per semi-space) holds them as well; it costs no throughput (measured in
 * `bench/http.ts`) and takes about 80 MB off the resident size of a server
 * holding 100,000 sessions (`bench/memory.ts`).
 *
 * @since 0.2.0
 */
import { setFlagsFromString } from "node:v8"

/**
 * The V8 flags `tune` sets.
 *
 * @category constants
 * @since 0.2.0
 */
export const flags: ReadonlyArray<string> = ["--semi-space-growth-factor=1"]

/**
 * Applies `flags` to this process. Call it first thing, before the heap has
 * grown.
 *
 * @category heap
 * @since 0.2.0
 */
export const tune = (): void => {
  for (const flag of flags) setFlagsFromString(flag)
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
