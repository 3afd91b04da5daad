/**
 * The server's clock: real time plus an offset that tests move forward with
 * `POST /_mock/clock`, so expiry can be exercised without waiting.
 *
 * @since 0.1.0
 */
import { maxAdvanceSeconds } from "@checkout-kit/domain/api/MockControls"
import { Clock, Context, Data, Effect, Layer, Ref } from "effect"

/**
 * How far the server's time may be moved ahead of real time, in total and in
 * one move (the contract's `maxAdvanceSeconds`: ten years).
 *
 * @category constants
 * @since 0.1.0
 */
export { maxAdvanceSeconds }

/**
 * A move that would take the server's time more than `maxAdvanceSeconds`
 * ahead of real time; the clock is left as it was.
 *
 * @category errors
 * @since 0.1.0
 */
export class ClockAdvanceTooFar extends Data.TaggedError("ClockAdvanceTooFar")<{
  /** Seconds the clock may still move. */
  readonly remainingSeconds: number
}> {}

/**
 * @category services
 * @since 0.1.0
 */
export class MockClock extends Context.Service<MockClock, {
  /** Milliseconds since the epoch, as the server sees them. */
  readonly now: Effect.Effect<number>
  /** Moves the server's time forward, at most `maxAdvanceSeconds` ahead of real time; returns the new time. */
  readonly advance: (seconds: number) => Effect.Effect<number, ClockAdvanceTooFar>
  /** Back to real time. */
  readonly reset: Effect.Effect<void>
  /** The server's time and how far it is ahead of real time, in seconds. @since 0.2.0 */
  readonly read: Effect.Effect<{ readonly now: number; readonly offsetSeconds: number }>
}>()("@checkout-kit/mock-server/MockClock") {
  static readonly layer = Layer.effect(
    MockClock,
    Effect.gen(function*() {
      const offset = yield* Ref.make(0)
      const now = Effect.zipWith(Clock.currentTimeMillis, Ref.get(offset), (real, off) => real + off)
      return MockClock.of({
        now,
        advance: (seconds) =>
          Effect.flatMap(
            Ref.modify(offset, (o): readonly [boolean, number] =>
              o + seconds * 1000 > maxAdvanceSeconds * 1000 ? [false, o] : [true, o + seconds * 1000]
            ),
            (moved) =>
              moved
                ? now
                : Effect.flatMap(Ref.get(offset), (o) =>
                  Effect.fail(new ClockAdvanceTooFar({ remainingSeconds: Math.floor(maxAdvanceSeconds - o / 1000) })))
          ),
        reset: Ref.set(offset, 0),
        read: Effect.zipWith(Clock.currentTimeMillis, Ref.get(offset), (real, off) => ({
          now: real + off,
          offsetSeconds: off / 1000
        }))
      })
    })
  )
}
