/**
 * Whether the session store works: the outcome of its last operation. A
 * storage error (a corrupt page, a full disk) makes `GET /health` answer 503
 * until the store works again: `/health` itself retries a read of the store
 * (its probe) while the last operation had failed.
 *
 * @since 0.1.0
 */
import { Context, Layer } from "effect"

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
}>()("@checkout-kit/mock-server/StoreHealth") {
  /**
   * A fresh health record, healthy.
   *
   * @since 0.1.0
   */
  static readonly make = () => {
    let failure: string | undefined
    let probe: () => void = noProbe
    return StoreHealth.of({
      check: () => {
        if (failure !== undefined) {
          try {
            probe()
          } catch {
            // Still failing: the probe reported it.
          }
        }
        return failure
      },
      succeeded: () => void (failure = undefined),
      failed: (reason) => void (failure = reason),
      useProbe: (f) => void (probe = f)
    })
  }

  /**
   * @since 0.1.0
   */
  static readonly layer = Layer.sync(StoreHealth, StoreHealth.make)
}
