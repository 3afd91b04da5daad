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
 * The `type` of a detail, by the check that failed: one table for the domain's
 * validation, the strict decoder, the mock server and its tests.
 *
 * Gr4vy's API reports pydantic (v1) error types. Two are in Gr4vy's published
 * examples: `type_error.uuid` (docs.gr4vy.com, reference/errors/client-errors:
 * "value is not a valid uuid" at `/payment_method/buyer_id`) and
 * `value_error.any_str.min_length` (docs.gr4vy.com, reference/logs/list-api-error-logs:
 * "ensure this value has at least 13 characters" at `/payment_method/number`).
 * The others are pydantic v1's own names for the same checks (`pydantic/v1/errors.py`:
 * `value_error.` or `type_error.` + the error class's `code`), and FastAPI's on
 * pydantic v1 for a body that is not JSON. Where Gr4vy's name is unknown the
 * name is ours, and marked so below.
 *
 * The keys are our check kinds: JSON Schema's keyword where there is one
 * (`minLength`, `required`, `additionalProperties`, … as the fixtures'
 * `ConstraintKind`), the expected JSON type for a wrong type, the format name
 * for a format.
 *
 * @category models
 * @since 0.2.0
 */
export const errorDetailTypes = {
  /** A required key is absent. pydantic v1 `MissingError` ("field required"). */
  required: "value_error.missing",
  /** A key the schema does not name. pydantic v1 `ExtraError` ("extra fields not permitted"). */
  additionalProperties: "value_error.extra",
  /** A string too short. Gr4vy's example (list-api-error-logs); pydantic v1 `AnyStrMinLengthError`. */
  minLength: "value_error.any_str.min_length",
  /** A string too long. pydantic v1 `AnyStrMaxLengthError`. */
  maxLength: "value_error.any_str.max_length",
  /** A string not matching its pattern. pydantic v1 `StrRegexError`. */
  pattern: "value_error.str.regex",
  /** A number below its minimum. pydantic v1 `NumberNotGeError`. */
  minimum: "value_error.number.not_ge",
  /** A number above its maximum. pydantic v1 `NumberNotLeError`. */
  maximum: "value_error.number.not_le",
  /** A number not above its exclusive minimum. pydantic v1 `NumberNotGtError`. */
  exclusiveMinimum: "value_error.number.not_gt",
  /** NaN or an infinity. pydantic v1 `NumberNotFiniteError`. */
  finite: "value_error.number.not_finite_number",
  /** An array with too few items. pydantic v1 `ListMinLengthError`. */
  minItems: "value_error.list.min_items",
  /** An array with too many items. pydantic v1 `ListMaxLengthError`. */
  maxItems: "value_error.list.max_items",
  /** Not the one allowed value. pydantic v1 `WrongConstantError`. */
  const: "value_error.const",
  /** Not one of the allowed values. pydantic v1 `EnumMemberError`. */
  enum: "type_error.enum",
  /** `null` where it is not allowed. pydantic v1 `NoneIsNotAllowedError` ("none is not an allowed value"). */
  null: "type_error.none.not_allowed",
  /** Not a string. pydantic v1 `StrError`. */
  string: "type_error.str",
  /** Not an integer (a fraction, or no number) where an integer is expected. pydantic v1 `IntegerError`. */
  integer: "type_error.integer",
  /** Not a number where any number is expected. pydantic v1 `FloatError`. */
  number: "type_error.float",
  /** Not a boolean. pydantic v1 `BoolError`. */
  boolean: "type_error.bool",
  /** Not an array. pydantic v1 `ListError`. */
  array: "type_error.list",
  /** Not an object (a model or a map). pydantic v1 `DictError`. */
  object: "type_error.dict",
  /** Not a UUID. Gr4vy's example (client-errors); pydantic v1 `UUIDError`. */
  uuid: "type_error.uuid",
  /** Not an RFC 3339 date-time. pydantic v1 `DateTimeError`. */
  "date-time": "value_error.datetime",
  /** Not a `YYYY-MM-DD` date. pydantic v1 `DateError`. */
  date: "value_error.date",
  /** A body that is not JSON. FastAPI on pydantic v1 (a `json.JSONDecodeError`, named as pydantic v1 names errors). */
  json: "value_error.jsondecode",
  /**
   * A string or key holding a lone UTF-16 surrogate, which no UTF-8 body can carry. Ours, after pydantic v2's
   * `string_unicode`: pydantic v1 has no such check.
   */
  unicode: "string_unicode",
  /** Any other invalid value. pydantic v1's name for a plain `ValueError`; the spec's own example. */
  value: "value_error",
  /** A value matching more than one member of a union. Ours (pydantic v1 has no such check). */
  ambiguous: "union_tag_invalid",
  /** A card number failing the Luhn check. Ours: Gr4vy's name is not published. */
  luhn: "luhn_check_failed",
  /** A card whose expiry (`MM/YY`, valid through that month) has passed. Ours: Gr4vy's name is not published. */
  cardExpired: "card_expired"
} as const

/**
 * A check kind of the detail type table.
 *
 * @category models
 * @since 0.2.0
 */
export type ErrorDetailCheck = keyof typeof errorDetailTypes

/**
 * Every detail `type` Checkout Kit emits: the values of `errorDetailTypes`.
 *
 * Decoding a response uses `ErrorDetail`, whose `type` stays any string (as
 * the spec has it): the real API may report a type this table does not know,
 * and a client must still decode the error. This strict union is what the mock
 * server answers with; its tests check every detail it sends against it.
 *
 * @category models
 * @since 0.2.0
 */
export const ErrorDetailType = Schema.Literals(
  [...new Set(Object.values(errorDetailTypes))] as ReadonlyArray<(typeof errorDetailTypes)[ErrorDetailCheck]>
).annotate({ identifier: "ErrorDetailType" })

/**
 * @category models
 * @since 0.2.0
 */
export type ErrorDetailType = typeof ErrorDetailType.Type

/**
 * One invalid field: its location, a JSON Pointer (RFC 6901) to it in wire
 * names, a readable message and the kind of constraint broken (`type`: any
 * string on decoding, see `ErrorDetailType` for the names Checkout Kit emits).
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
 * The error code the API uses for each status. 408, 413, 415 and 431 are not
 * in Gr4vy's spec: they are what an HTTP server answers before the API sees a
 * request (a request too slow, a body too large, not JSON, headers too large),
 * in the API's error shape, with their HTTP reason phrase as the code (ours).
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
  408: "request_timeout",
  409: "duplicate_record",
  413: "payload_too_large",
  415: "unsupported_media_type",
  425: "too_early",
  429: "too_many_requests",
  431: "request_header_fields_too_large",
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
 * Ours (not in Gr4vy's spec): the request did not arrive in time.
 *
 * @category models
 * @since 0.2.0
 */
export const Error408 = errorBody(408, errorCodes[408])
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
 * Ours (not in Gr4vy's spec): the request body is larger than the server accepts.
 *
 * @category models
 * @since 0.2.0
 */
export const Error413 = errorBody(413, errorCodes[413])
/**
 * Ours (not in Gr4vy's spec): the request body is not `application/json`.
 *
 * @category models
 * @since 0.2.0
 */
export const Error415 = errorBody(415, errorCodes[415])
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
 * Ours (not in Gr4vy's spec): the request's headers are larger than the server accepts.
 *
 * @category models
 * @since 0.2.0
 */
export const Error431 = errorBody(431, errorCodes[431])
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
 * The API's error code for any status: `errorCodes`' for the statuses it
 * names; for another (a 503 of a server, a status forced in a test)
 * `server_error` from 500 up and `bad_request` below.
 *
 * @category models
 * @since 0.2.0
 */
export const codeFor = (status: number): string =>
  (errorCodes as Record<number, string>)[status] ?? (status >= 500 ? errorCodes[500] : errorCodes[400])

/**
 * Builds the error body for a status, with the API's code for it (`codeFor`).
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeErrorBody = (
  status: number,
  message: string,
  details: ReadonlyArray<ErrorDetail> = []
): ErrorBody => ({ type: "error", code: codeFor(status), status, message, details })

/**
 * 400: The body or a parameter failed validation; `details` names every invalid field.
 *
 * @category errors
 * @since 0.1.0
 */
export class BadRequest extends Schema.Error<BadRequest>("BadRequest")(Error400, { httpApiStatus: 400 }) {
  /** The class name, for `Effect.catchTag`; not part of the wire body. @since 0.2.0 */
  declare readonly _tag: "BadRequest"
}
/**
 * 401: No token, or one the server does not accept.
 *
 * @category errors
 * @since 0.1.0
 */
export class Unauthorized extends Schema.Error<Unauthorized>("Unauthorized")(Error401, { httpApiStatus: 401 }) {
  /** The class name, for `Effect.catchTag`; not part of the wire body. @since 0.2.0 */
  declare readonly _tag: "Unauthorized"
}
/**
 * 403: A valid token without the scope (or the session) for the call.
 *
 * @category errors
 * @since 0.1.0
 */
export class Forbidden extends Schema.Error<Forbidden>("Forbidden")(Error403, { httpApiStatus: 403 }) {
  /** The class name, for `Effect.catchTag`; not part of the wire body. @since 0.2.0 */
  declare readonly _tag: "Forbidden"
}
/**
 * 404: No such resource (unknown, expired, or of another merchant account).
 *
 * @category errors
 * @since 0.1.0
 */
export class NotFound extends Schema.Error<NotFound>("NotFound")(Error404, { httpApiStatus: 404 }) {
  /** The class name, for `Effect.catchTag`; not part of the wire body. @since 0.2.0 */
  declare readonly _tag: "NotFound"
}
/**
 * 405: The path exists but not with this method.
 *
 * @category errors
 * @since 0.1.0
 */
export class MethodNotAllowed
  extends Schema.Error<MethodNotAllowed>("MethodNotAllowed")(Error405, { httpApiStatus: 405 })
{
  /** The class name, for `Effect.catchTag`; not part of the wire body. @since 0.2.0 */
  declare readonly _tag: "MethodNotAllowed"
}
/**
 * 408: Ours (not in Gr4vy's spec): the request did not arrive in time.
 *
 * @category errors
 * @since 0.2.0
 */
export class RequestTimeout extends Schema.Error<RequestTimeout>("RequestTimeout")(Error408, { httpApiStatus: 408 }) {
  /** The class name, for `Effect.catchTag`; not part of the wire body. @since 0.2.0 */
  declare readonly _tag: "RequestTimeout"
}
/**
 * 409: The resource exists already; `resource_id` names it.
 *
 * @category errors
 * @since 0.1.0
 */
export class DuplicateRecord
  extends Schema.Error<DuplicateRecord>("DuplicateRecord")(Error409, { httpApiStatus: 409 })
{
  /** The class name, for `Effect.catchTag`; not part of the wire body. @since 0.2.0 */
  declare readonly _tag: "DuplicateRecord"
}
/**
 * 413: Ours (not in Gr4vy's spec): the body is larger than the server accepts.
 *
 * @category errors
 * @since 0.2.0
 */
export class PayloadTooLarge
  extends Schema.Error<PayloadTooLarge>("PayloadTooLarge")(Error413, { httpApiStatus: 413 })
{
  /** The class name, for `Effect.catchTag`; not part of the wire body. @since 0.2.0 */
  declare readonly _tag: "PayloadTooLarge"
}
/**
 * 415: Ours (not in Gr4vy's spec): the body is not `application/json`.
 *
 * @category errors
 * @since 0.2.0
 */
export class UnsupportedMediaType
  extends Schema.Error<UnsupportedMediaType>("UnsupportedMediaType")(Error415, { httpApiStatus: 415 })
{
  /** The class name, for `Effect.catchTag`; not part of the wire body. @since 0.2.0 */
  declare readonly _tag: "UnsupportedMediaType"
}
/**
 * 425: The server refuses to process a request that might be replayed.
 *
 * @category errors
 * @since 0.1.0
 */
export class TooEarly extends Schema.Error<TooEarly>("TooEarly")(Error425, { httpApiStatus: 425 }) {
  /** The class name, for `Effect.catchTag`; not part of the wire body. @since 0.2.0 */
  declare readonly _tag: "TooEarly"
}
/**
 * 429: Rate limited.
 *
 * @category errors
 * @since 0.1.0
 */
export class TooManyRequests
  extends Schema.Error<TooManyRequests>("TooManyRequests")(Error429, { httpApiStatus: 429 })
{
  /** The class name, for `Effect.catchTag`; not part of the wire body. @since 0.2.0 */
  declare readonly _tag: "TooManyRequests"
  /**
   * The wait the response's `Retry-After` header asked for, in seconds, when
   * whoever received the response read it (the header is not part of the body).
   *
   * @since 0.2.0
   */
  declare readonly retryAfterSeconds?: number | undefined
}
/**
 * 431: Ours (not in Gr4vy's spec): the headers are larger than the server accepts.
 *
 * @category errors
 * @since 0.2.0
 */
export class RequestHeaderFieldsTooLarge
  extends Schema.Error<RequestHeaderFieldsTooLarge>("RequestHeaderFieldsTooLarge")(Error431, { httpApiStatus: 431 })
{
  /** The class name, for `Effect.catchTag`; not part of the wire body. @since 0.2.0 */
  declare readonly _tag: "RequestHeaderFieldsTooLarge"
}
/**
 * 500: The server failed (a client also uses it for any other 5xx: `status` says which).
 *
 * @category errors
 * @since 0.1.0
 */
export class ServerError extends Schema.Error<ServerError>("ServerError")(Error500, { httpApiStatus: 500 }) {
  /** The class name, for `Effect.catchTag`; not part of the wire body. @since 0.2.0 */
  declare readonly _tag: "ServerError"
}
/**
 * 502: An upstream failed.
 *
 * @category errors
 * @since 0.1.0
 */
export class BadGateway extends Schema.Error<BadGateway>("BadGateway")(Error502, { httpApiStatus: 502 }) {
  /** The class name, for `Effect.catchTag`; not part of the wire body. @since 0.2.0 */
  declare readonly _tag: "BadGateway"
}
/**
 * 504: An upstream did not answer in time.
 *
 * @category errors
 * @since 0.1.0
 */
export class GatewayTimeout extends Schema.Error<GatewayTimeout>("GatewayTimeout")(Error504, { httpApiStatus: 504 }) {
  /** The class name, for `Effect.catchTag`; not part of the wire body. @since 0.2.0 */
  declare readonly _tag: "GatewayTimeout"
}

/**
 * Every error the API answers with, as yieldable errors whose wire form is the
 * `ErrorNNN` body (no `_tag`: it is a getter of the class, matched by
 * `Effect.catchTag`). Endpoints declare them; a client decodes an error
 * response into the one of its status.
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
  RequestTimeout,
  DuplicateRecord,
  PayloadTooLarge,
  UnsupportedMediaType,
  TooEarly,
  TooManyRequests,
  RequestHeaderFieldsTooLarge,
  ServerError,
  BadGateway,
  GatewayTimeout
] as const

/**
 * Any of `ApiErrors`.
 *
 * @category errors
 * @since 0.2.0
 */
export type ApiError = InstanceType<(typeof ApiErrors)[number]>

// `_tag` is a getter on each class's prototype, so it is not an own field and never reaches the wire.
for (const ErrorClass of ApiErrors) {
  const tag = ErrorClass.identifier
  Object.defineProperty(ErrorClass.prototype, "_tag", { get: () => tag, enumerable: false, configurable: true })
}

const classByStatus = new Map<number, (typeof ApiErrors)[number]>(
  ApiErrors.map((ErrorClass) => [ErrorClass.ast.annotations?.httpApiStatus as number, ErrorClass])
)

/**
 * The class of a status's errors (`NotFound` for 404…): `ServerError` for a
 * 5xx no class names (a 503, say), `undefined` for a status the API's error
 * shape does not cover (3xx, 418…).
 *
 * @category constructors
 * @since 0.2.0
 */
export const errorClassFor = (status: number): (typeof ApiErrors)[number] | undefined =>
  classByStatus.get(status) ?? (status >= 500 && status <= 599 ? ServerError : undefined)

/**
 * The error of a status as its class (`NotFound` for 404…), with the body
 * `makeErrorBody` builds.
 *
 * @category constructors
 * @since 0.2.0
 */
export const makeError = (status: ErrorStatus, message: string, details: ReadonlyArray<ErrorDetail> = []): ApiError =>
  new (classByStatus.get(status) as new(body: ErrorBody) => ApiError)(makeErrorBody(status, message, details))

/**
 * Whether a value is one of `ApiErrors`.
 *
 * @category guards
 * @since 0.2.0
 */
export const isApiError = (u: unknown): u is ApiError => ApiErrors.some((ErrorClass) => u instanceof ErrorClass)
