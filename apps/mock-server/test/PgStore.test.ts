import { assert, describe, it } from "@effect/vitest"
import { Cause, Deferred, Duration, Effect, Exit, Fiber } from "effect"
import { TestClock } from "effect/testing"
import { operationTimeout, unwindingApart } from "../src/PgStore.ts"

// The PostgreSQL store bounds each operation with `Effect.timeout`, and a transaction through `unwindingApart`.
// In-process, under the TestClock: the operations are deferreds the test completes.
describe("the PostgreSQL store's operation timeout", () => {
  it.effect("an operation's value and failure come through", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* Effect.timeout(unwindingApart(Effect.succeed("rows")), operationTimeout), "rows")
      const failed = yield* Effect.exit(Effect.timeout(unwindingApart(Effect.fail("refused")), operationTimeout))
      assert.deepStrictEqual(failed, Exit.fail("refused"))
    }))

  it.effect("times out at once while the operation cannot be interrupted, which ends interrupted when it can", () =>
    Effect.gen(function*() {
      const release = yield* Deferred.make<void>()
      const ended = yield* Deferred.make<Exit.Exit<string>>()
      // As a transaction's ROLLBACK to a database that does not answer: it cannot be interrupted. The database
      // answers a second after the timeout.
      const operation = Effect.uninterruptible(Deferred.await(release)).pipe(
        Effect.andThen(Effect.succeed("rows")),
        Effect.onExit((exit) => Deferred.succeed(ended, exit))
      )
      const answersAt = Duration.sum(operationTimeout, Duration.seconds(1))
      yield* Effect.forkChild(Effect.delay(Deferred.succeed(release, undefined), answersAt))
      const caller = yield* Effect.forkChild(
        Effect.exit(Effect.timeout(unwindingApart(operation), operationTimeout)).pipe(
          Effect.flatMap((answer) => Effect.map(Deferred.isDone(ended), (operationEnded) => ({ answer, operationEnded })))
        ),
        { startImmediately: true }
      )
      yield* TestClock.adjust(answersAt)
      const { answer, operationEnded } = yield* Fiber.join(caller)
      assert.isTrue(Exit.isFailure(answer) && Cause.isTimeoutError(Cause.squash(answer.cause)))
      // Answered at the timeout, not when the operation could end.
      assert.isFalse(operationEnded)
      assert.isTrue(Exit.hasInterrupts(yield* Deferred.await(ended)))
    }))

  it.effect("the caller's interruption reaches the operation", () =>
    Effect.gen(function*() {
      const interrupted = yield* Deferred.make<void>()
      const operation = Effect.never.pipe(Effect.onInterrupt(() => Deferred.succeed(interrupted, undefined)))
      const caller = yield* Effect.forkChild(Effect.timeout(unwindingApart(operation), operationTimeout), {
        startImmediately: true
      })
      yield* Fiber.interrupt(caller)
      yield* Deferred.await(interrupted)
    }))
})
