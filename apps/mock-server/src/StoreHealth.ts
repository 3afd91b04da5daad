/**
 * Whether the session store works: the outcome of its last operation. A
 * storage error (a corrupt page, a full disk) makes `GET /health` answer 503
 * until the store works again: `/health` itself retries a read of the store
 * (its probe) while the last operation had failed. A store over the network
 * (PostgreSQL) gives a live probe instead: `/health` runs it on every call, so
 * a load balancer sees the database go down before a request fails.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"

const noProbe = () => {}

/**
 * @category services
 * @since 0.1.0
 */
export class StoreHealth extends Context.Service<StoreHealth, {
  /** `undefined` when the store works, else the reason of its last failure (after retrying the probe). */
  readonly check: () => string | undefined
  readonly succeeded: () => void
  readonly failed: (reason: string) => void
  /** What `check` retries while the store is failing: a read that throws if the store still fails. */
  readonly useProbe: (probe: () => void) => void
  /**
   * The outcome of the live probe when one is set (it reports to `succeeded` / `failed` itself), else `check()`.
   * @since 0.2.0
   */
  readonly checkLive: Effect.Effect<string | undefined>
  /** What `checkLive` runs on every call: an effect that reports the store's outcome and dies when it fails. @since 0.2.0 */
  readonly useLiveProbe: (probe: Effect.Effect<void>) => void
}>()("@checkout-kit/mock-server/StoreHealth") {
  /**
   * A fresh health record, healthy.
   *
   * @since 0.1.0
   */
  static readonly make = () => {
    let failure: string | undefined
    let probe: () => void = noProbe
    let liveProbe: Effect.Effect<void> | undefined
    const check = () => {
      if (failure !== undefined) {
        try {
          probe()
        } catch {
          // Still failing: the probe reported it.
        }
      }
      return failure
    }
    return StoreHealth.of({
      check,
      checkLive: Effect.suspend(() =>
        liveProbe === undefined
          ? Effect.sync(check)
          : Effect.flatMap(Effect.ignoreCause(liveProbe), () => Effect.sync(() => failure))
      ),
      succeeded: () => void (failure = undefined),
      failed: (reason) => void (failure = reason),
      useProbe: (f) => void (probe = f),
      useLiveProbe: (f) => void (liveProbe = f)
    })
  }

  /**
   * @since 0.1.0
   */
  static readonly layer = Layer.sync(StoreHealth, StoreHealth.make)
}
