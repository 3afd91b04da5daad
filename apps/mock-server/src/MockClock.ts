/**
 * The server's clock: real time plus an offset that tests move forward with
 * `POST /_mock/clock`, so expiry can be exercised without waiting.
 *
 * @since 0.1.0
 */
import { Clock, Context, Effect, Layer, Ref } from "effect"

/**
 * @category services
 * @since 0.1.0
 */
export class MockClock extends Context.Service<MockClock, {
  /** Milliseconds since the epoch, as the server sees them. */
  readonly now: Effect.Effect<number>
  /** Moves the server's time forward; returns the new time. */
  readonly advance: (seconds: number) => Effect.Effect<number>
  /** Back to real time. */
  readonly reset: Effect.Effect<void>
}>()("@checkout-kit/mock-server/MockClock") {
  static readonly layer = Layer.effect(
    MockClock,
    Effect.gen(function*() {
      const offset = yield* Ref.make(0)
      const now = Effect.zipWith(Clock.currentTimeMillis, Ref.get(offset), (real, off) => real + off)
      return MockClock.of({
        now,
        advance: (seconds) => Effect.flatMap(Ref.update(offset, (o) => o + seconds * 1000), () => now),
        reset: Ref.set(offset, 0)
      })
    })
  )
}
