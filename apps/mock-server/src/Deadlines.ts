/**
 * One timeout for many short operations: what `Effect.timeout` does for each
 * (the operation fails with a `TimeoutError` and is interrupted), at less cost
 * per operation. `Effect.timeout` races two fibers — the operation and a
 * sleep with its own timer — per call; here the operation runs in one forked
 * fiber, its deadline joins a list shared by every operation, and whoever
 * owns the list calls `expire` now and then (the PostgreSQL store: every
 * 250 ms). The same timeout for all keeps the list in deadline order, so
 * `expire` looks only at the operations it ends and the first one it keeps.
 *
 * @since 0.2.0
 */
import { Cause, Effect, Fiber } from "effect"

interface Waiting {
  readonly deadline: number
  readonly expire: () => void
}

/**
 * @category models
 * @since 0.2.0
 */
export class Deadlines {
  readonly timeoutMillis: number
  private readonly now: () => number
  private readonly waiting = new Set<Waiting>()

  /** `now` is a monotonic clock in milliseconds (`performance.now`). */
  constructor(timeoutMillis: number, now: () => number) {
    this.timeoutMillis = timeoutMillis
    this.now = now
  }

  /** The operations waiting now. */
  get size(): number {
    return this.waiting.size
  }

  /**
   * `effect`, failed with a `TimeoutError` (and interrupted) when it has not
   * finished `timeoutMillis` after it started, counted by `expire`.
   * Interrupting the result interrupts `effect`.
   */
  bound<A, E>(effect: Effect.Effect<A, E>): Effect.Effect<A, E | Cause.TimeoutError> {
    return Effect.flatMap(Effect.forkChild(effect, { startImmediately: true }), (fiber) => {
      // Finished without waiting for anything: nothing to time.
      const done = fiber.pollUnsafe()
      if (done !== undefined) return done
      return Effect.callback<A, E | Cause.TimeoutError>((resume) => {
        const waiting: Waiting = {
          deadline: this.now() + this.timeoutMillis,
          // Answers at once, while the operation unwinds (`Effect.timeout` waits for it: an uninterruptible
          // COMMIT would hold the answer). The operation stays a child of the caller's fiber until it ends.
          expire: () => {
            stopObserving()
            fiber.interruptUnsafe()
            resume(Effect.fail(new Cause.TimeoutError(`no answer within ${this.timeoutMillis} ms`)))
          }
        }
        this.waiting.add(waiting)
        const stopObserving = fiber.addObserver((exit) => {
          this.waiting.delete(waiting)
          resume(exit)
        })
        // The caller interrupted: the operation is interrupted and awaited, as `Effect.timeout` does. (Interrupted
        // between the fork and this registration, the caller leaves the operation to its fiber's end, which
        // interrupts its children.)
        return Effect.suspend(() => {
          stopObserving()
          this.waiting.delete(waiting)
          return Fiber.interrupt(fiber)
        })
      })
    })
  }

  /** Fails the operations whose deadline is not after `now`; answers how many. */
  expire(now: number): number {
    let expired = 0
    for (const waiting of this.waiting) {
      if (waiting.deadline > now) break
      this.waiting.delete(waiting)
      waiting.expire()
      expired++
    }
    return expired
  }
}
