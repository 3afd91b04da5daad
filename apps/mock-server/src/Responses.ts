/**
 * Responses with bodies the server already holds as JSON text, and error
 * responses in the API's error shape: every error body the server writes is
 * built here, by the domain's `makeErrorBody`.
 *
 * @since 0.1.0
 */
import { codeFor, type ErrorDetail, isApiError as isDomainApiError, makeErrorBody } from "@checkout-kit/domain/Errors"
import { HttpServerResponse } from "effect/http"
import type { ApiError } from "./ApiError.ts"

/**
 * The API's error code for a status (`404` → `not_found`): the domain's `codeFor`.
 *
 * @category errors
 * @since 0.1.0
 */
export { codeFor }

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
  JSON.stringify(makeErrorBody(status, message, details))

/**
 * The response of an `ApiError`: its own `code` where it names one (a 409
 * `concurrent_request`, not the status's `duplicate_record`) and its
 * `resource_id` where it has one, as the contract's error schemas encode them.
 *
 * @category responses
 * @since 0.1.0
 */
export const fromApiError = (e: ApiError, headers?: Record<string, string>) => {
  const status = e.status ?? 500
  const { code, resource_id } = e as { readonly code?: unknown; readonly resource_id?: unknown }
  const body = {
    ...makeErrorBody(status, e.message ?? "", e.details ?? []),
    ...(typeof code === "string" ? { code } : {}),
    ...(resource_id !== undefined ? { resource_id } : {})
  }
  return json(JSON.stringify(body), status, headers)
}

/**
 * @category responses
 * @since 0.1.0
 */
export const isApiError = (u: unknown): u is ApiError => isDomainApiError(u)
