import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { ApiErrors, errorCodes, NotFound, PayloadTooLarge } from "../src/Errors.ts"

describe("the API's errors", () => {
  it("each class has its name as _tag, and its body stays the wire's: no _tag, the status and code of its status", () => {
    // One type for the fifteen classes, to loop over them.
    const classes = ApiErrors as unknown as ReadonlyArray<Schema.Codec<unknown> & (new(...args: Array<any>) => object)>
    for (const ErrorClass of classes) {
      const status = ErrorClass.ast.annotations?.httpApiStatus as keyof typeof errorCodes
      const wire = { type: "error", code: errorCodes[status], status, message: "m", details: [] }
      const error = Schema.decodeUnknownSync(ErrorClass)(wire) as { _tag: string }
      assert.strictEqual(error._tag, ErrorClass.name)
      assert.instanceOf(error, ErrorClass)
      assert.deepStrictEqual(Schema.encodeSync(ErrorClass)(error), wire)
      assert.notInclude(JSON.stringify(error), "_tag")
    }
  })

  it("the statuses a server answers before the API sees the request have bodies too", () => {
    assert.deepStrictEqual(
      ApiErrors.map((E) => E.ast.annotations?.httpApiStatus).filter((s) => [408, 413, 415, 431].includes(s as number)),
      [408, 413, 415, 431]
    )
    assert.strictEqual(errorCodes[413], "payload_too_large")
    assert.strictEqual(new PayloadTooLarge({ status: 413 }).status, 413)
  })

  it.effect("Effect.catchTag matches them", () =>
    Effect.gen(function*() {
      const caught = yield* Effect.fail(new NotFound({ message: "gone" })).pipe(
        Effect.catchTag("NotFound", (e) => Effect.succeed(e.message))
      )
      assert.strictEqual(caught, "gone")
    }))
})
