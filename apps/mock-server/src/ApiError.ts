/**
 * Failures the server answers with an error body of the API's shape.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { ErrorDetail } from "@checkout-kit/domain/Errors"
import { validationMessage } from "@checkout-kit/domain/Validation"

/**
 * A failure to be answered as `status` with the API's error body (`code` is
 * the API's code for the status). Statuses outside the spec (413) use their
 * HTTP reason as code.
 *
 * @category errors
 * @since 0.1.0
 */
export class ApiError extends Schema.TaggedError<ApiError>()("ApiError", {
  status: Schema.Int,
  message: Schema.String,
  details: Schema.Array(ErrorDetail)
}) {
  static readonly of = (status: number, message: string, details: ReadonlyArray<ErrorDetail> = []) =>
    new ApiError({ status, message, details })

  static readonly notFound = (message = "The resource could not be found") => ApiError.of(404, message)

  static readonly invalid = (details: ReadonlyArray<ErrorDetail>) =>
    ApiError.of(400, validationMessage(details), details)
}
