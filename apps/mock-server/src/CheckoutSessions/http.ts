/**
 * The checkout-sessions endpoints of the contract, implemented with `handle`
 * (params, headers and the small `cardDetails` body decoded by the contract's
 * schemas, failures encoded by its error schemas) except the three that carry
 * a session's or a card's body — `create`, `update`, `updateFields` — which
 * are `handleRaw`: their bodies are read raw (straight from Node, without
 * copies) and decoded by the domain's strict decoder compiled from the very
 * schema the endpoint declares as its payload (unknown keys rejected, every
 * invalid field reported, bounded work on large invalid bodies, bytes that are
 * not UTF-8 refused); `test/ContractConformance.test.ts` holds them to the
 * declared payload and answers. Sessions are answered with the wire JSON the
 * store holds (the contract's `CheckoutSession`), so a GET re-encodes nothing.
 *
 * @since 0.1.0
 */
import { Api } from "@checkout-kit/domain/api/Api"
import { type ErrorDetail, errorDetailTypes } from "@checkout-kit/domain/Errors"
import { Effect } from "effect"
import { isUtf8 } from "node:buffer"
import type { IncomingMessage } from "node:http"
import { type HttpServerRequest, HttpServerResponse } from "effect/http"
import { HttpApiBuilder } from "effect/http-api"
import { maxDetails, toPointer } from "@checkout-kit/domain/Validation"
import { ApiError } from "../ApiError.ts"
import { accountOf, BrowserCalls, namedAccount } from "../Authorization.ts"
import { captureAccount, captureBody, RequestCapture } from "../http/RequestCapture.ts"
import { maxBodyBytes } from "../Limits.ts"
import { CheckoutSessions } from "../CheckoutSessions.ts"
import * as Responses from "../Responses.ts"

/**
 * The merchant account a request names, or `default` (now in Authorization.ts).
 *
 * @category requests
 * @since 0.1.0
 */
export { merchantAccountOf } from "../Authorization.ts"

// JSON text exchanged between systems is UTF-8 (RFC 8259 §8.1): bytes that are not are refused, not replaced by
// U+FFFD, so nothing the client sent is silently changed.
const notUtf8 = () =>
  ApiError.of(400, "The request body is not valid UTF-8", [
    { location: "body", pointer: "", message: "Invalid UTF-8", type: errorDetailTypes.json }
  ])

// The body's bytes. On Node, straight from the IncomingMessage: the generic
// stream path costs a POST more than validating the body does. A client that
// sent `Expect: 100-continue` waits for the server's "100 Continue" before it
// sends the body: the generic path answers it, so such a request takes it.
const readBytes = (request: HttpServerRequest.HttpServerRequest): Effect.Effect<Buffer, ApiError> => {
  const source = request.source as Partial<IncomingMessage> | undefined
  if (typeof source?.on !== "function" || source.readableEnded === true || source.headers?.expect !== undefined) {
    return Effect.map(Effect.mapError(request.arrayBuffer, () => ApiError.tooLarge()), (bytes) => Buffer.from(bytes))
  }
  const incoming = source as IncomingMessage
  return Effect.callback<Buffer, ApiError>((resume) => {
    const chunks: Array<Buffer> = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBodyBytes) {
        cleanup()
        incoming.resume()
        resume(Effect.fail(ApiError.tooLarge()))
      } else chunks.push(chunk)
    }
    const onEnd = () => {
      cleanup()
      resume(Effect.succeed(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)))
    }
    const onError = () => {
      cleanup()
      resume(Effect.fail(ApiError.of(400, "The request body could not be read")))
    }
    const cleanup = () => {
      incoming.off("data", onData)
      incoming.off("end", onEnd)
      incoming.off("error", onError)
    }
    incoming.on("data", onData)
    incoming.on("end", onEnd)
    incoming.on("error", onError)
  })
}

// A JSON escape of a UTF-16 surrogate (`\ud800`): only then can a parsed value hold a lone one.
const surrogateEscape = /\\u[dD][89a-fA-F]/

const malformedKey = Symbol("malformedKey")

// Strings (values and keys) holding a lone surrogate: JSON.parse accepts them, no UTF-8 text can carry them.
// The first 100, with their pointers.
const loneSurrogates = (document: unknown): Array<ErrorDetail> => {
  const details: Array<ErrorDetail> = []
  const stack: Array<readonly [unknown, ReadonlyArray<PropertyKey>]> = [[document, []]]
  const report = (path: ReadonlyArray<PropertyKey>) =>
    details.push({
      location: "body",
      pointer: toPointer(path),
      message: "Input should be a valid string: it holds a lone UTF-16 surrogate",
      type: errorDetailTypes.unicode
    })
  while (stack.length > 0 && details.length < maxDetails) {
    const [value, path] = stack.pop()!
    if (value === malformedKey || (typeof value === "string" && !value.isWellFormed())) {
      report(path)
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], [...path, i]])
    } else if (typeof value === "object" && value !== null) {
      const keys = Object.keys(value)
      for (let i = keys.length - 1; i >= 0; i--) {
        // A malformed key is reported in document order, its value not looked at.
        stack.push([keys[i].isWellFormed() ? (value as Record<string, unknown>)[keys[i]] : malformedKey, [...path, keys[i]]])
      }
    }
  }
  return details
}

/**
 * The JSON body of a request: `undefined` when there is none; a 400 with the
 * empty pointer when it is not JSON.
 *
 * @category requests
 * @since 0.1.0
 */
export const readJsonBody = (request: HttpServerRequest.HttpServerRequest) =>
  Effect.flatMap(Effect.zip(RequestCapture, readBytes(request)), ([captured, bytes]) => {
    if (!isUtf8(bytes)) return Effect.fail(notUtf8())
    const text = bytes.toString("utf8")
    // For the journal (Journal.ts), which redacts what it shows: the bytes, which it keeps outside V8's heap.
    if (captured !== undefined) captured.body = bytes
    if (text.trim() === "") return Effect.succeed(undefined)
    try {
      const document = JSON.parse(text) as unknown
      if (surrogateEscape.test(text)) {
        const details = loneSurrogates(document)
        if (details.length > 0) return Effect.fail(ApiError.invalid(details))
      }
      return Effect.succeed(document)
    } catch {
      return Effect.fail(ApiError.invalidJson())
    }
  })

const requireBody = (body: unknown) =>
  body === undefined
    ? Effect.fail(
      ApiError.invalid([{ location: "body", pointer: "", message: "Field required", type: errorDetailTypes.required }])
    )
    : Effect.succeed(body)

/**
 * The merchant account a call acts on (the header's, else the bound key's,
 * else `default`), kept for the journal and the log where the header does not
 * name it.
 *
 * @category requests
 * @since 0.3.0
 */
export const actingAccount = (request: HttpServerRequest.HttpServerRequest) =>
  Effect.flatMap(accountOf(request), (account) =>
    namedAccount(request) === undefined && account !== "default"
      ? Effect.as(captureAccount(account), account)
      : Effect.succeed(account))

// Every failure becomes its error response; anything else is a defect (500).
const respond = <E>(effect: Effect.Effect<HttpServerResponse.HttpServerResponse, E>) =>
  Effect.catch(effect, (e) => (Responses.isApiError(e) ? Effect.succeed(Responses.fromApiError(e)) : Effect.die(e)))

/**
 * The handlers, without their dependencies.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerNoDeps = HttpApiBuilder.group(
  Api,
  "checkoutSessions",
  Effect.fn(function*(handlers) {
    const sessions = yield* CheckoutSessions
    const browser = yield* BrowserCalls
    // The browser-facing calls: who calls is checked before the body is read (API-SEMANTICS.md § Browser-facing calls).
    const browserBody = (request: HttpServerRequest.HttpServerRequest, sessionId: string) =>
      Effect.flatMap(browser.accountFor(request, sessionId), (account) =>
        readJsonBody(request).pipe(
          Effect.flatMap(requireBody),
          Effect.map((body) => ({ account, body }))
        ))
    return handlers
      .handleRaw("create", ({ request }) =>
        respond(
          readJsonBody(request).pipe(
            Effect.flatMap((body) => Effect.flatMap(actingAccount(request), (account) => sessions.create(account, body))),
            Effect.map((body) => Responses.json(body, 201))
          )
        ))
      .handle("get", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => sessions.get(account, params.session_id)),
          // The session's wire JSON as the store holds it (`CheckoutSession` of the contract): not encoded again.
          Effect.map((body) => Responses.json(body))
        ))
      .handleRaw("update", ({ params, request }) =>
        respond(
          readJsonBody(request).pipe(
            Effect.flatMap(requireBody),
            Effect.flatMap((body) =>
              Effect.flatMap(actingAccount(request), (account) => sessions.update(account, params.session_id, body))
            ),
            Effect.map((body) => Responses.json(body))
          )
        ))
      .handle("delete", ({ params, request }) =>
        Effect.flatMap(actingAccount(request), (account) => sessions.remove(account, params.session_id)))
      .handleRaw("updateFields", ({ params, request }) =>
        respond(
          browserBody(request, params.session_id).pipe(
            Effect.flatMap(({ account, body }) => sessions.updateFields(account, params.session_id, body)),
            Effect.flatMap((owner) => Effect.as(captureAccount(owner), HttpServerResponse.empty({ status: 204 })))
          )
        ))
      // The body is small and decoded by the contract's schema; who calls is checked before it is used.
      .handle("cardDetails", ({ params, payload, request }) =>
        // For the journal: the text the contract's decoder read (the request keeps it).
        Effect.flatMap(request.text, captureBody).pipe(
          Effect.orElseSucceed(() => undefined),
          Effect.andThen(browser.accountFor(request, params.session_id)),
          Effect.flatMap((account) => sessions.cardDetails(account, params.session_id, { bin: payload.bin })),
          Effect.flatMap(({ json, merchantAccountId }) => Effect.as(captureAccount(merchantAccountId), Responses.json(json)))
        ))
  })
)
