/**
 * The client's errors, one tagged error per way a call can fail, so callers
 * match on `_tag` (Effect) or `instanceof` (Promise API).
 *
 * @since 0.1.0
 */
import { ErrorDetail } from "@checkout-kit/domain/Errors"
import { Schema } from "effect"

/**
 * 400: the body failed validation; `details` names every invalid field.
 *
 * @category errors
 * @since 0.1.0
 */
export class ValidationError extends Schema.TaggedError<ValidationError>()("ValidationError", {
  message: Schema.String,
  details: Schema.Array(ErrorDetail)
}) {}

/**
 * 401: no token, or one the server does not accept.
 *
 * @category errors
 * @since 0.1.0
 */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()("Unauthorized", { message: Schema.String }) {}

/**
 * 403: a valid token without the scope for the call.
 *
 * @category errors
 * @since 0.1.0
 */
export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", { message: Schema.String }) {}

/**
 * 404: no such session (unknown, expired, or of another merchant account).
 *
 * @category errors
 * @since 0.1.0
 */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", { message: Schema.String }) {}

/**
 * 429, after the retries: `retryAfterSeconds` is what the server asked for, if it said.
 *
 * @category errors
 * @since 0.1.0
 */
export class RateLimited extends Schema.TaggedError<RateLimited>()("RateLimited", {
  message: Schema.String,
  retryAfterSeconds: Schema.optionalKey(Schema.Finite)
}) {}

/**
 * 5xx, after the retries.
 *
 * @category errors
 * @since 0.1.0
 */
export class ServerError extends Schema.TaggedError<ServerError>()("ServerError", {
  status: Schema.Int,
  message: Schema.String
}) {}

/**
 * Another status the call does not expect (405, 409, 413, ...).
 *
 * @category errors
 * @since 0.1.0
 */
export class UnexpectedStatus extends Schema.TaggedError<UnexpectedStatus>()("UnexpectedStatus", {
  status: Schema.Int,
  message: Schema.String
}) {}

/**
 * No answer within the timeout, after the retries.
 *
 * @category errors
 * @since 0.1.0
 */
export class Timeout extends Schema.TaggedError<Timeout>()("Timeout", { timeoutMillis: Schema.Finite }) {
  override get message() {
    return `No answer within ${this.timeoutMillis} ms`
  }
}

/**
 * The request could not be sent or its answer not read (connection refused,
 * reset, DNS, an answer that is not the API's JSON).
 *
 * @category errors
 * @since 0.1.0
 */
export class TransportError extends Schema.TaggedError<TransportError>()("TransportError", {
  message: Schema.String
}) {}

/**
 * Every error a call can fail with.
 *
 * @category errors
 * @since 0.1.0
 */
export type CheckoutKitError =
  | ValidationError
  | Unauthorized
  | Forbidden
  | NotFound
  | RateLimited
  | ServerError
  | UnexpectedStatus
  | Timeout
  | TransportError
