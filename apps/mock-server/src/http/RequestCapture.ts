/**
 * What a handler learns about its request that the journal and the request
 * log need and the request itself does not say: the body bytes it read and
 * the merchant account it acted on (where `x-gr4vy-merchant-account-id` did
 * not name it: a bound key's token, a browser-facing call that found the
 * session by its id). The middleware around every request provides a fresh
 * `Captured` per request; handlers write into it; the middleware reads it
 * once the answer is made.
 *
 * @since 0.3.0
 */
import { Context, Effect } from "effect"

/**
 * One request's captures.
 *
 * @category models
 * @since 0.3.0
 */
export interface Captured {
  /** The body a handler read: its UTF-8 bytes (kept outside V8's heap), or its text. */
  body: string | Uint8Array | undefined
  /** The merchant account the call acted on, where the request's header did not name it. */
  account: string | undefined
}

/**
 * The current request's captures; `undefined` outside the middleware (a
 * handler run on its own captures nothing).
 *
 * @category services
 * @since 0.3.0
 */
export const RequestCapture = Context.Reference<Captured | undefined>("@checkout-kit/mock-server/RequestCapture", {
  defaultValue: () => undefined
})

/**
 * A fresh, empty capture for one request.
 *
 * @category constructors
 * @since 0.3.0
 */
export const make = (): Captured => ({ body: undefined, account: undefined })

/**
 * Keeps the body a handler read, for the journal entry of its request.
 *
 * @category capture
 * @since 0.3.0
 */
export const captureBody = (body: string | Uint8Array): Effect.Effect<void> =>
  Effect.map(RequestCapture, (captured) => {
    if (captured !== undefined) captured.body = body
  })

/**
 * Keeps the merchant account a handler acted on, for the journal entry and
 * log line of its request.
 *
 * @category capture
 * @since 0.3.0
 */
export const captureAccount = (merchantAccountId: string): Effect.Effect<void> =>
  Effect.map(RequestCapture, (captured) => {
    if (captured !== undefined) captured.account = merchantAccountId
  })
