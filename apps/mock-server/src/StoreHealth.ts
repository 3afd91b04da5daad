/**
 * Whether the stores work: the outcome of each one's last operation. The
 * sessions and the payment resources' documents are separate stores (on
 * SQLite, separate files), each reporting under its own name (`source`); a
 * storage error in either (a corrupt page, a full disk) makes `GET /health`
 * answer 503 until that store works again: `/health` itself retries a read of
 * each failing store (its probe). A store over the network (PostgreSQL) gives
 * a live probe instead: `/health` runs it on every call, so a load balancer
 * sees the database go down before a request fails.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"

/**
 * The name a store reports under when it gives none: the sessions'.
 *
 * @category constants
 * @since 0.2.0
 */
export const sessionsSource = "sessions"

/**
 * The name the payment resources' document stores (SQLite, PostgreSQL)
 * report under.
 *
 * @category constants
 * @since 0.3.0
 */
export const documentsSource = "documents"

/**
 * @category services
 * @since 0.1.0
 */
export class StoreHealth extends Context.Service<StoreHealth, {
  /** `undefined` when every store works, else the reason of a last failure (after retrying the failing probes). */
  readonly check: () => string | undefined
  readonly succeeded: (source?: string) => void
  readonly failed: (reason: string, source?: string) => void
  /** What `check` retries while `source` is failing: a read that throws if the store still fails. */
  readonly useProbe: (probe: () => void, source?: string) => void
  /**
   * The outcome of the live probe when one is set (it reports to `succeeded` / `failed` itself), else `check()`.
   * @since 0.2.0
   */
  readonly checkLive: Effect.Effect<string | undefined>
  /**
   * What `checkLive` runs on every call for `source` (one probe a source): an effect that reports the store's
   * outcome and dies when it fails. @since 0.2.0
   */
  readonly useLiveProbe: (probe: Effect.Effect<void>, source?: string) => void
}>()("@checkout-kit/mock-server/StoreHealth") {
  /**
   * A fresh health record, healthy.
   *
   * @since 0.1.0
   */
  static readonly make = () => {
    const failures = new Map<string, string>()
    const probes = new Map<string, () => void>()
    const liveProbes = new Map<string, Effect.Effect<void>>()
    const first = () => failures.values().next().value
    const check = () => {
      for (const source of failures.keys()) {
        try {
          probes.get(source)?.()
        } catch {
          // Still failing: the probe reported it.
        }
      }
      return first()
    }
    return StoreHealth.of({
      check,
      // Every source's live probe, so a store that recovered is seen to at once (a webhook worker's failed read of
      // the documents must not keep /health at 503 once the database answers again).
      checkLive: Effect.suspend(() =>
        Effect.flatMap(Effect.forEach(liveProbes.values(), (probe) => Effect.ignoreCause(probe), { discard: true }), () => Effect.sync(check))
      ),
      succeeded: (source = sessionsSource) => void failures.delete(source),
      failed: (reason, source = sessionsSource) => void failures.set(source, reason),
      useProbe: (f, source = sessionsSource) => void probes.set(source, f),
      useLiveProbe: (f, source = sessionsSource) => void liveProbes.set(source, f)
    })
  }

  /**
   * @since 0.1.0
   */
  static readonly layer = Layer.sync(StoreHealth, StoreHealth.make)
}
