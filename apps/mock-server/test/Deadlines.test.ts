import { assert, describe, it } from "@effect/vitest"
import { Cause, Deferred, Effect, Exit, Fiber } from "effect"
import { Deadlines } from "../src/Deadlines.ts"

// The deadlines' clock is a number the test moves: `expire` is called with it, as the store's interval does.
const make = () => {
  const clock = { now: 1000 }
  return { clock, deadlines: new Deadlines(5000, () => clock.now) }
}

// An operation that waits until the test lets it finish, and says whether it was interrupted.
const operation = Effect.gen(function*() {
  const release = yield* Deferred.make<string, string>()
  const interrupted = yield* Deferred.make<void>()
  const run = Deferred.await(release).pipe(Effect.onInterrupt(() => Deferred.succeed(interrupted, undefined)))
  return { release, interrupted, run }
})

// An operation started under the deadlines, in a fiber of its own.
const started = (deadlines: Deadlines) =>
  Effect.gen(function*() {
    const op = yield* operation
    const fiber = yield* Effect.forkChild(deadlines.bound(op.run), { startImmediately: true })
    return { ...op, fiber }
  })

describe("Deadlines", () => {
  it.effect("an operation that finishes in time gives its value, or its failure, and leaves the list", () =>
    Effect.gen(function*() {
      const { deadlines } = make()
      const ok = yield* started(deadlines)
      assert.strictEqual(deadlines.size, 1)
      yield* Deferred.succeed(ok.release, "rows")
      assert.deepStrictEqual(yield* Fiber.await(ok.fiber), Exit.succeed("rows"))
      assert.strictEqual(deadlines.size, 0)

      const failing = yield* started(deadlines)
      yield* Deferred.fail(failing.release, "connection refused")
      assert.deepStrictEqual(yield* Fiber.await(failing.fiber), Exit.fail("connection refused"))
      assert.strictEqual(deadlines.size, 0)
    }))

  it.effect("an operation that needs no wait is not listed", () =>
    Effect.gen(function*() {
      const { deadlines } = make()
      assert.strictEqual(yield* deadlines.bound(Effect.succeed(7)), 7)
      assert.deepStrictEqual(yield* Effect.exit(deadlines.bound(Effect.fail("no"))), Exit.fail("no"))
      assert.strictEqual(deadlines.size, 0)
    }))

  it.effect("past its deadline an operation fails with a TimeoutError and is interrupted; one in time is kept", () =>
    Effect.gen(function*() {
      const { clock, deadlines } = make()
      const first = yield* started(deadlines)
      clock.now += 3000
      const second = yield* started(deadlines)

      // The first's deadline is 6000, the second's 9000.
      assert.strictEqual(deadlines.expire(5999), 0)
      assert.strictEqual(deadlines.expire(6000), 1)
      const exit = yield* Fiber.await(first.fiber)
      assert.isTrue(Exit.isFailure(exit) && Cause.isTimeoutError(Cause.squash(exit.cause)))
      yield* Deferred.await(first.interrupted)
      // Finishing after its timeout changes nothing.
      yield* Deferred.succeed(first.release, "too late")

      assert.strictEqual(deadlines.size, 1)
      yield* Deferred.succeed(second.release, "in time")
      assert.deepStrictEqual(yield* Fiber.await(second.fiber), Exit.succeed("in time"))
      assert.strictEqual(deadlines.expire(1_000_000), 0)
    }))

  it.effect("interrupting the caller interrupts the operation and takes it off the list", () =>
    Effect.gen(function*() {
      const { deadlines } = make()
      const op = yield* started(deadlines)
      assert.strictEqual(deadlines.size, 1)
      yield* Fiber.interrupt(op.fiber)
      yield* Deferred.await(op.interrupted)
      assert.strictEqual(deadlines.size, 0)
    }))

  it.effect("expires many operations in one call, in the order they started", () =>
    Effect.gen(function*() {
      const { clock, deadlines } = make()
      const fibers = []
      for (let i = 0; i < 5; i++) {
        fibers.push((yield* started(deadlines)).fiber)
        clock.now += 100
      }
      // Deadlines 6000, 6100, ..., 6400.
      assert.strictEqual(deadlines.expire(6250), 3)
      assert.strictEqual(deadlines.size, 2)
      for (const fiber of fibers.slice(0, 3)) assert.isTrue(Exit.isFailure(yield* Fiber.await(fiber)))
      assert.strictEqual(deadlines.expire(6400), 2)
      assert.strictEqual(deadlines.size, 0)
    }))
})
