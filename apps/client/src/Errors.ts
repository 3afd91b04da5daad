/**
 * The client's errors. An answer in the API's error shape fails with the
 * domain's error class for its status (`@checkout-kit/domain/Errors`, the
 * same classes the contract declares): `BadRequest` (with `details[]`),
 * `Unauthorized`, `Forbidden`, `NotFound`, `TooManyRequests` (with
 * `retryAfterSeconds`), `ServerError` (any other 5xx too, `status` says
 * which), … Three failures have no API body and are the client's own:
 * `UnexpectedStatus`, `Timeout`, `TransportError`. Callers match on `_tag`
 * (Effect) or `instanceof` (Promise API).
 *
 * @since 0.1.0
 */
import * as DomainErrors from "@checkout-kit/domain/Errors"
import { Schema } from "effect"

export {
  /**
   * The domain's error classes, one per status of the API's error bodies.
   *
   * @category errors
   * @since 0.2.0
   */
  ApiErrors,
  /**
   * @category errors
   * @since 0.2.0
   */
  BadGateway,
  /**
   * 400: the body failed validation; `details` names every invalid field. Also
   * raised before sending a body that breaks the contract.
   *
   * @category errors
   * @since 0.2.0
   */
  BadRequest,
  /**
   * @category errors
   * @since 0.2.0
   */
  DuplicateRecord,
  /**
   * 403: a valid token without the scope for the call.
   *
   * @category errors
   * @since 0.1.0
   */
  Forbidden,
  /**
   * @category errors
   * @since 0.2.0
   */
  GatewayTimeout,
  /**
   * @category errors
   * @since 0.2.0
   */
  MethodNotAllowed,
  /**
   * 404: no such session (unknown, expired, or of another merchant account).
   *
   * @category errors
   * @since 0.1.0
   */
  NotFound,
  /**
   * @category errors
   * @since 0.2.0
   */
  PayloadTooLarge,
  /**
   * @category errors
   * @since 0.2.0
   */
  RequestHeaderFieldsTooLarge,
  /**
   * @category errors
   * @since 0.2.0
   */
  RequestTimeout,
  /**
   * 5xx, after the retries (any 5xx: `status` is the answer's).
   *
   * @category errors
   * @since 0.1.0
   */
  ServerError,
  /**
   * @category errors
   * @since 0.2.0
   */
  TooEarly,
  /**
   * 429, after the retries: `retryAfterSeconds` is what the server asked for, if it said.
   *
   * @category errors
   * @since 0.2.0
   */
  TooManyRequests,
  /**
   * 401: no token, or one the server does not accept.
   *
   * @category errors
   * @since 0.1.0
   */
  Unauthorized,
  /**
   * @category errors
   * @since 0.2.0
   */
  UnsupportedMediaType
} from "@checkout-kit/domain/Errors"

/**
 * Any answer in the API's error shape: one of the domain's error classes.
 *
 * @category errors
 * @since 0.2.0
 */
export type ApiError = DomainErrors.ApiError

/**
 * A status no API error class stands for (3xx, 418, 422, …): the answer is
 * not the API's.
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
export type CheckoutKitError = ApiError | UnexpectedStatus | Timeout | TransportError

/**
 * The error for an answer with an error status and its body (`undefined`
 * when unread): the domain's class for the status, its fields from the body
 * when it is the API's error shape, else the status's code and `HTTP <status>`.
 * Statuses without a class are `UnexpectedStatus`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const fromStatus = (status: number, body: unknown, retryAfterSeconds?: number): CheckoutKitError => {
  const ErrorClass = DomainErrors.errorClassFor(status)
  const fallback = `HTTP ${status}`
  if (ErrorClass === undefined) return new UnexpectedStatus({ status, message: fallback })
  const decoded = Schema.decodeUnknownOption(ErrorClass as Schema.Codec<ApiError, unknown>)(body)
  const sent: Partial<ApiError> = decoded._tag === "Some" ? decoded.value : {}
  const error = new (ErrorClass as new(fields: object) => ApiError)({
    type: "error",
    code: sent.code ?? DomainErrors.codeFor(status),
    status,
    message: sent.message ?? fallback,
    details: sent.details ?? [],
    ...("resource_id" in sent ? { resource_id: sent.resource_id } : {})
  })
  if (retryAfterSeconds !== undefined && error instanceof DomainErrors.TooManyRequests) {
    Object.defineProperty(error, "retryAfterSeconds", { value: retryAfterSeconds, enumerable: false })
  }
  return error
}
