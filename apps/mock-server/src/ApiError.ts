/**
 * Failures the server answers with an error body of the API's shape: the
 * domain's error classes (`@checkout-kit/domain/Errors`), with the
 * constructors the server uses. `Responses.fromApiError` renders them.
 *
 * @since 0.1.0
 */
import {
  type ApiError as DomainApiError,
  type ErrorDetail,
  errorDetailTypes,
  type ErrorStatus,
  makeError
} from "@checkout-kit/domain/Errors"
import { validationMessage } from "@checkout-kit/domain/Validation"
import { maxBodyBytes } from "./Limits.ts"

/**
 * Any of the domain's `ApiErrors`.
 *
 * @category errors
 * @since 0.1.0
 */
export type ApiError = DomainApiError

/**
 * @category constructors
 * @since 0.1.0
 */
export const ApiError = {
  /** The error of `status` (the domain's class for it), with the API's code. */
  of: (status: ErrorStatus, message: string, details: ReadonlyArray<ErrorDetail> = []): ApiError =>
    makeError(status, message, details),

  notFound: (message = "The resource could not be found"): ApiError => makeError(404, message),

  /** 400 naming every invalid field. */
  invalid: (details: ReadonlyArray<ErrorDetail>): ApiError => makeError(400, validationMessage(details), details),

  /** 400 for a body that is not JSON. */
  invalidJson: (): ApiError =>
    makeError(400, "The request body is not valid JSON", [
      { location: "body", pointer: "", message: "Invalid JSON", type: errorDetailTypes.json }
    ]),

  /** 413: the one answer to a body over `maxBodyBytes`, however it is found out. */
  tooLarge: (): ApiError => makeError(413, `The request body is larger than ${maxBodyBytes} bytes`)
}
