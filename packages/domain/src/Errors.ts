/**
 * The API's error bodies: `{ type: "error", code, status, message, details }`
 * for each status the spec names, and the `details[]` entry that points at an
 * invalid field.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { optionalNullable } from "./Primitives.ts"

/**
 * Where an invalid value was found.
 *
 * @category models
 * @since 0.1.0
 */
export const ErrorLocation = Schema.Literals(["query", "body", "path", "header", "unknown"]).annotate({
  identifier: "ErrorLocation"
})

/**
 * @category models
 * @since 0.1.0
 */
export type ErrorLocation = typeof ErrorLocation.Type

/**
 * One invalid field: its location, a JSON Pointer (RFC 6901) to it in wire
 * names, a readable message and the kind of constraint broken.
 *
 * @category models
 * @since 0.1.0
 */
export const ErrorDetail = Schema.Struct({
  location: ErrorLocation,
  pointer: Schema.String,
  message: Schema.String,
  type: Schema.String
}).annotate({ identifier: "ErrorDetail" })

/**
 * @category models
 * @since 0.1.0
 */
export type ErrorDetail = typeof ErrorDetail.Type

const errorFields = (status: number, code: string) => ({
  type: Schema.optionalKey(Schema.Literal("error")).annotateKey({ default: "error" }),
  code: Schema.optionalKey(Schema.String).annotateKey({ default: code }),
  status: Schema.optionalKey(Schema.Int).annotateKey({ default: status }),
  message: Schema.optionalKey(Schema.String).annotateKey({ default: "Generic error" }),
  details: Schema.optionalKey(Schema.Array(ErrorDetail)).annotateKey({ default: [] })
})

const errorBody = (status: number, code: string) =>
  Schema.Struct(errorFields(status, code)).annotate({ identifier: `Error${status}`, httpApiStatus: status })

/**
 * The error code the API uses for each status.
 *
 * @category models
 * @since 0.1.0
 */
export const errorCodes = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "duplicate_record",
  425: "too_early",
  429: "too_many_requests",
  500: "server_error",
  502: "bad_gateway",
  504: "gateway_timeout"
} as const

/**
 * A status the API answers with an error body.
 *
 * @category models
 * @since 0.1.0
 */
export type ErrorStatus = keyof typeof errorCodes

/**
 * @category models
 * @since 0.1.0
 */
export const Error400 = errorBody(400, errorCodes[400])
/**
 * @category models
 * @since 0.1.0
 */
export const Error401 = errorBody(401, errorCodes[401])
/**
 * @category models
 * @since 0.1.0
 */
export const Error403 = errorBody(403, errorCodes[403])
/**
 * @category models
 * @since 0.1.0
 */
export const Error404 = errorBody(404, errorCodes[404])
/**
 * @category models
 * @since 0.1.0
 */
export const Error405 = errorBody(405, errorCodes[405])
/**
 * `Error409` alone carries the id of the resource that already exists.
 *
 * @category models
 * @since 0.1.0
 */
export const Error409 = Schema.Struct({
  ...errorFields(409, errorCodes[409]),
  // Error bodies keep their wire names on both sides: a client matches on them as sent.
  resource_id: optionalNullable(Schema.String)
}).annotate({ identifier: "Error409", httpApiStatus: 409 })
/**
 * @category models
 * @since 0.1.0
 */
export const Error425 = errorBody(425, errorCodes[425])
/**
 * @category models
 * @since 0.1.0
 */
export const Error429 = errorBody(429, errorCodes[429])
/**
 * @category models
 * @since 0.1.0
 */
export const Error500 = errorBody(500, errorCodes[500])
/**
 * @category models
 * @since 0.1.0
 */
export const Error502 = errorBody(502, errorCodes[502])
/**
 * @category models
 * @since 0.1.0
 */
export const Error504 = errorBody(504, errorCodes[504])

/**
 * An error body as it goes on the wire.
 *
 * @category models
 * @since 0.1.0
 */
export interface ErrorBody {
  readonly type: "error"
  readonly code: string
  readonly status: number
  readonly message: string
  readonly details: ReadonlyArray<ErrorDetail>
}

/**
 * Builds the error body for a status, with the API's code for it.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeErrorBody = (
  status: ErrorStatus,
  message: string,
  details: ReadonlyArray<ErrorDetail> = []
): ErrorBody => ({ type: "error", code: errorCodes[status], status, message, details })

/**
 * @category errors
 * @since 0.1.0
 */
export class BadRequest extends Schema.Error<BadRequest>("BadRequest")(Error400, { httpApiStatus: 400 }) {}
/**
 * @category errors
 * @since 0.1.0
 */
export class Unauthorized extends Schema.Error<Unauthorized>("Unauthorized")(Error401, { httpApiStatus: 401 }) {}
/**
 * @category errors
 * @since 0.1.0
 */
export class Forbidden extends Schema.Error<Forbidden>("Forbidden")(Error403, { httpApiStatus: 403 }) {}
/**
 * @category errors
 * @since 0.1.0
 */
export class NotFound extends Schema.Error<NotFound>("NotFound")(Error404, { httpApiStatus: 404 }) {}
/**
 * @category errors
 * @since 0.1.0
 */
export class MethodNotAllowed
  extends Schema.Error<MethodNotAllowed>("MethodNotAllowed")(Error405, { httpApiStatus: 405 })
{}
/**
 * @category errors
 * @since 0.1.0
 */
export class DuplicateRecord
  extends Schema.Error<DuplicateRecord>("DuplicateRecord")(Error409, { httpApiStatus: 409 })
{}
/**
 * @category errors
 * @since 0.1.0
 */
export class TooEarly extends Schema.Error<TooEarly>("TooEarly")(Error425, { httpApiStatus: 425 }) {}
/**
 * @category errors
 * @since 0.1.0
 */
export class TooManyRequests
  extends Schema.Error<TooManyRequests>("TooManyRequests")(Error429, { httpApiStatus: 429 })
{}
/**
 * @category errors
 * @since 0.1.0
 */
export class ServerError extends Schema.Error<ServerError>("ServerError")(Error500, { httpApiStatus: 500 }) {}
/**
 * @category errors
 * @since 0.1.0
 */
export class BadGateway extends Schema.Error<BadGateway>("BadGateway")(Error502, { httpApiStatus: 502 }) {}
/**
 * @category errors
 * @since 0.1.0
 */
export class GatewayTimeout
  extends Schema.Error<GatewayTimeout>("GatewayTimeout")(Error504, { httpApiStatus: 504 })
{}

/**
 * Every error the API answers with, as yieldable errors whose wire form is the
 * spec's `ErrorNNN` body (no `_tag`). Endpoints declare them; a client decodes
 * an error response into the one of its status.
 *
 * @category errors
 * @since 0.1.0
 */
export const ApiErrors = [
  BadRequest,
  Unauthorized,
  Forbidden,
  NotFound,
  MethodNotAllowed,
  DuplicateRecord,
  TooEarly,
  TooManyRequests,
  ServerError,
  BadGateway,
  GatewayTimeout
] as const
