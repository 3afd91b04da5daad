import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import {
  ApiErrors,
  codeFor,
  errorClassFor,
  errorCodes,
  isApiError,
  makeError,
  makeErrorBody,
  NotFound,
  PayloadTooLarge,
  ServerError
} from "../src/Errors.ts"

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

  it("makeError builds the class of each status with its body, and isApiError knows them", () => {
    for (const status of Object.keys(errorCodes).map(Number) as Array<keyof typeof errorCodes>) {
      const error = makeError(status, "m", [])
      const ErrorClass = ApiErrors.find((E) => E.ast.annotations?.httpApiStatus === status)
      assert.instanceOf(error, ErrorClass as unknown as new(...args: Array<any>) => object)
      const { code, details, message, type } = error
      assert.deepStrictEqual({ type, code, status: error.status, message, details }, makeErrorBody(status, "m"))
      assert.isTrue(isApiError(error))
    }
    assert.isFalse(isApiError(new Error("not an API error")))
    assert.isFalse(isApiError({ type: "error", status: 404 }))
  })

  it("errorClassFor: the class of each status, ServerError for another 5xx, nothing outside the error shape", () => {
    for (const ErrorClass of ApiErrors) {
      assert.strictEqual(errorClassFor(ErrorClass.ast.annotations?.httpApiStatus as number), ErrorClass)
    }
    assert.strictEqual(errorClassFor(404), NotFound)
    assert.strictEqual(errorClassFor(503), ServerError)
    assert.strictEqual(errorClassFor(599), ServerError)
    assert.isUndefined(errorClassFor(418))
    assert.isUndefined(errorClassFor(302))
    assert.isUndefined(errorClassFor(600))
  })

  it("codeFor: the code of a status errorCodes names, else server_error from 500 and bad_request below", () => {
    assert.strictEqual(codeFor(404), "not_found")
    assert.strictEqual(codeFor(431), "request_header_fields_too_large")
    assert.strictEqual(codeFor(503), "server_error")
    assert.strictEqual(codeFor(418), "bad_request")
    assert.deepStrictEqual(makeErrorBody(503, "down"), {
      type: "error",
      code: "server_error",
      status: 503,
      message: "down",
      details: []
    })
  })
})
