/**
 * The server's clocks, one per merchant account: real time plus an offset
 * that tests move with `POST /_mock/clock`, so expiry can be exercised
 * without waiting. Moving one merchant account's clock leaves the others'
 * time, and their sessions, as they were: a test (or the contract runner) in
 * its own account cannot expire anyone else's sessions. An account's clock is
 * never behind real time, so a session expired at real time is expired for
 * every account.
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
 * A move that would take an account's time more than `maxAdvanceSeconds`
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
 * A time before real time: an account's clock is never behind it (sessions
 * expired at real time are purged for every account).
 *
 * @category errors
 * @since 0.2.0
 */
export class ClockBeforeRealTime extends Data.TaggedError("ClockBeforeRealTime")<{
  /** Real time when the move was asked for, in milliseconds. */
  readonly realNow: number
}> {}

const tooFar = (offset: number) =>
  new ClockAdvanceTooFar({ remainingSeconds: Math.floor(maxAdvanceSeconds - offset / 1000) })

/**
 * @category services
 * @since 0.1.0
 */
export class MockClock extends Context.Service<MockClock, {
  /** Milliseconds since the epoch, as the merchant account's clock reads them. @since 0.2.0 */
  readonly now: (merchantAccountId: string) => Effect.Effect<number>
  /** Real time: no account's clock is behind it. @since 0.2.0 */
  readonly realNow: Effect.Effect<number>
  /**
   * Moves the account's time forward, at most `maxAdvanceSeconds` ahead of
   * real time; returns its new time. @since 0.2.0
   */
  readonly advance: (merchantAccountId: string, seconds: number) => Effect.Effect<number, ClockAdvanceTooFar>
  /**
   * Sets how far the account's time is ahead of real time (`0`: real time),
   * at most `maxAdvanceSeconds`; returns its new time. @since 0.2.0
   */
  readonly setOffset: (merchantAccountId: string, offsetSeconds: number) => Effect.Effect<number, ClockAdvanceTooFar>
  /**
   * Sets the account's time to `millis` (since the epoch), neither before
   * real time nor more than `maxAdvanceSeconds` ahead; returns it. @since 0.2.0
   */
  readonly setTime: (merchantAccountId: string, millis: number) => Effect.Effect<number, ClockAdvanceTooFar | ClockBeforeRealTime>
  /** Every account back to real time. */
  readonly reset: Effect.Effect<void>
  /** The account's time and how far it is ahead of real time, in seconds. @since 0.2.0 */
  readonly read: (merchantAccountId: string) => Effect.Effect<{ readonly now: number; readonly offsetSeconds: number }>
  /** The accounts whose clocks are ahead of real time, with their time. @since 0.2.0 */
  readonly moved: Effect.Effect<ReadonlyArray<{ readonly merchantAccountId: string; readonly now: number }>>
}>()("@checkout-kit/mock-server/MockClock") {
  static readonly layer = Layer.effect(
    MockClock,
    Effect.gen(function*() {
      // Milliseconds ahead of real time, by merchant account; absent is 0.
      const offsets = yield* Ref.make<ReadonlyMap<string, number>>(new Map())
      const offsetOf = (merchantAccountId: string) => Effect.map(Ref.get(offsets), (map) => map.get(merchantAccountId) ?? 0)
      const now = (merchantAccountId: string) =>
        Effect.zipWith(Clock.currentTimeMillis, offsetOf(merchantAccountId), (real, off) => real + off)
      // Sets the account's offset to `next(current, real)` unless that leaves the allowed range; its new time.
      const update = (merchantAccountId: string, next: (current: number, real: number) => number) =>
        Effect.flatMap(Clock.currentTimeMillis, (real) =>
          Effect.flatMap(
            Ref.modify(
              offsets,
              (map): readonly [ClockAdvanceTooFar | ClockBeforeRealTime | number, ReadonlyMap<string, number>] => {
                const current = map.get(merchantAccountId) ?? 0
                const offset = Math.round(next(current, real))
                if (offset > maxAdvanceSeconds * 1000) return [tooFar(current), map]
                if (offset < 0) return [new ClockBeforeRealTime({ realNow: real }), map]
                const updated = new Map(map)
                if (offset === 0) updated.delete(merchantAccountId)
                else updated.set(merchantAccountId, offset)
                return [real + offset, updated]
              }
            ),
            (outcome) => typeof outcome === "number" ? Effect.succeed(outcome) : Effect.fail(outcome)
          ))
      return MockClock.of({
        now,
        realNow: Clock.currentTimeMillis,
        advance: (merchantAccountId, seconds) =>
          update(merchantAccountId, (current) => current + seconds * 1000) as Effect.Effect<number, ClockAdvanceTooFar>,
        setOffset: (merchantAccountId, offsetSeconds) =>
          update(merchantAccountId, () => offsetSeconds * 1000) as Effect.Effect<number, ClockAdvanceTooFar>,
        setTime: (merchantAccountId, millis) => update(merchantAccountId, (_, real) => millis - real),
        reset: Ref.set(offsets, new Map()),
        read: (merchantAccountId) =>
          Effect.zipWith(Clock.currentTimeMillis, offsetOf(merchantAccountId), (real, off) => ({
            now: real + off,
            offsetSeconds: off / 1000
          })),
        moved: Effect.zipWith(
          Clock.currentTimeMillis,
          Ref.get(offsets),
          (real, map) => Array.from(map, ([merchantAccountId, off]) => ({ merchantAccountId, now: real + off }))
        )
      })
    })
  )
}
