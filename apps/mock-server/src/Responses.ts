/**
 * Responses with bodies the server already holds as JSON text, and error
 * responses in the API's error shape.
 *
 * @since 0.1.0
 */
import { type ErrorDetail, errorCodes } from "@checkout-kit/domain/Errors"
import { HttpServerResponse } from "effect/http"
import { ApiError } from "./ApiError.ts"

const reasons: Record<number, string> = {
  408: "request_timeout",
  413: "payload_too_large",
  415: "unsupported_media_type",
  431: "request_header_fields_too_large"
}

/**
 * The API's error code for a status (`404` → `not_found`).
 *
 * @category errors
 * @since 0.1.0
 */
export const codeFor = (status: number): string =>
  (errorCodes as Record<number, string>)[status] ?? reasons[status] ?? (status >= 500 ? "server_error" : "bad_request")

/**
 * A JSON response whose body is already serialized.
 *
 * @category responses
 * @since 0.1.0
 */
export const json = (body: string, status = 200, headers?: Record<string, string>) =>
  HttpServerResponse.text(body, { status, contentType: "application/json", headers })

/**
 * An error response: `{ type: "error", code, status, message, details }`.
 *
 * @category responses
 * @since 0.1.0
 */
export const error = (
  status: number,
  message: string,
  details: ReadonlyArray<ErrorDetail> = [],
  headers?: Record<string, string>
) => json(errorJson(status, message, details), status, headers)

/**
 * The JSON text of an error body, for answers written below the HTTP framework.
 *
 * @category responses
 * @since 0.2.0
 */
export const errorJson = (status: number, message: string, details: ReadonlyArray<ErrorDetail> = []): string =>
  JSON.stringify({ type: "error", code: codeFor(status), status, message, details })

/**
 * The response of an `ApiError`.
 *
 * @category responses
 * @since 0.1.0
 */
export const fromApiError = (e: ApiError) => error(e.status, e.message, e.details)

/**
 * @category responses
 * @since 0.1.0
 */
export const isApiError = (u: unknown): u is ApiError => u instanceof ApiError
