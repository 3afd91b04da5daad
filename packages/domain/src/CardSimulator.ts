/**
 * Gr4vy's card simulator (the sandbox-only `mock-card` connector) as tables
 * and pure functions: which transaction amount yields which `error_code`,
 * and whether the transaction is then declined or failed; which buyer postal
 * code yields which `avs_response_code`; which security code yields which
 * `cvv_response_code`. Every other value succeeds. A mock server uses these to
 * answer as the simulator does.
 *
 * Sources (Gr4vy's documentation):
 * - https://docs.gr4vy.com/guides/features/simulators/overview: the amounts and their `error_code`.
 * - https://docs.gr4vy.com/guides/api/error-codes: each code's section ("Connector declines" or
 *   "Connector failures"), whether it is retriable, and the capture, void and refund test amounts.
 * - https://docs.gr4vy.com/connections/payments/mock-card: the postal codes and security codes.
 *
 * Where the documentation is silent, the choice is ours and says so (`Ours:` below; SIMULATOR.md).
 *
 * @since 0.2.0
 */
import type { TransactionIntent } from "./CheckoutSession.ts"
import type { AVSResponseCode, CVVResponseCode, TransactionIntentOutcome, TransactionStatus } from "./Transaction.ts"

/**
 * Where the documentation lists a code: a decline (the issuer or the service
 * said no: the transaction is `authorization_declined`) or a failure (the
 * payment could not be attempted or completed: `authorization_failed`).
 *
 * Ours: the documentation lists the codes under "Connector declines" and
 * "Connector failures" and names both statuses, without saying which section
 * gives which status; we read the sections as the statuses.
 *
 * @category models
 * @since 0.2.0
 */
export type SimulatedKind = "declined" | "failed"

/**
 * One row of the simulator's table: the amount (in minor units) that
 * triggers the code, the code, its kind, whether a retry may succeed, and a
 * short description of ours.
 *
 * @category models
 * @since 0.2.0
 */
export interface SimulatedError {
  readonly amount: number
  readonly errorCode: string
  readonly kind: SimulatedKind
  readonly retriable: boolean
  readonly description: string
}

const row = (
  amount: number,
  errorCode: string,
  kind: SimulatedKind,
  retriable: boolean,
  description: string
): SimulatedError => ({ amount, errorCode, kind, retriable, description })

/**
 * The amounts that fail or decline an authorization, in amount order
 * (200001–200022, 300001–300015, 400001–400017).
 *
 * @category tables
 * @since 0.2.0
 */
export const authorizationErrors: ReadonlyArray<SimulatedError> = [
  row(200001, "canceled_payment_method", "declined", false, "The payment method was reported lost, stolen or canceled."),
  row(200002, "disputed_transaction", "failed", false, "A chargeback has been initiated for the transaction."),
  row(200003, "duplicate_transaction", "failed", false, "The transaction duplicates an earlier one."),
  row(200004, "expired_authorization", "declined", false, "The authorization has expired."),
  row(200005, "expired_payment_method", "declined", false, "The payment method has expired."),
  row(200006, "incorrect_billing_address", "declined", false, "The billing address does not match the account."),
  row(200007, "incorrect_country", "declined", true, "The service or issuer rejected the country."),
  row(200008, "incorrect_currency", "declined", true, "The service or issuer rejected the currency."),
  row(200009, "incorrect_cvv", "declined", false, "The security code is incorrect."),
  row(200010, "incorrect_expiry_date", "declined", false, "The expiry date is incorrect."),
  row(200011, "insufficient_funds", "declined", false, "The amount exceeds the balance available."),
  row(200012, "issuer_decline", "declined", true, "The issuer declined the payment."),
  row(200013, "other_decline", "declined", true, "Declined for an unknown reason."),
  row(200014, "requires_buyer_authentication", "failed", false, "The issuer asks for more credentials."),
  row(200015, "refused_transaction", "declined", false, "Refused for legal reasons."),
  row(200016, "service_decline", "declined", true, "The service declined the payment."),
  row(200017, "suspected_fraud", "declined", false, "The service suspects fraud."),
  row(200018, "unavailable_payment_method", "failed", false, "The payment method is unavailable for now."),
  row(200019, "unknown_payment_method", "failed", true, "The account is unknown."),
  row(200020, "unsupported_transaction", "failed", false, "The payment method does not support this purchase."),
  row(200021, "unsupported_payment_method", "failed", false, "The service does not support the payment method."),
  row(200022, "cancelled_buyer_approval", "failed", false, "The buyer canceled the payment."),
  row(300001, "insufficient_service_permissions", "failed", true, "The service credentials lack a permission."),
  row(300002, "invalid_amount", "failed", true, "The service does not support the amount."),
  row(300003, "invalid_payment_method", "failed", true, "The service does not support the payment method."),
  row(300004, "invalid_service_configuration", "failed", false, "The service is configured wrongly."),
  row(300005, "invalid_service_credentials", "failed", true, "The service credentials are not valid."),
  row(300006, "invalid_service_response", "failed", true, "The service's answer could not be parsed."),
  row(300007, "invalid_tax_identifier", "failed", false, "The tax identifier is invalid."),
  row(300008, "missing_billing_address", "failed", true, "A billing address is required."),
  row(300009, "missing_cvv", "failed", true, "A security code is required."),
  row(300010, "missing_shipping_address", "failed", true, "A shipping address is required."),
  row(300011, "missing_tax_identifier", "failed", true, "A tax identifier is required."),
  row(300012, "refund_period_expired", "failed", false, "The period for a refund has passed."),
  row(300013, "service_error", "failed", true, "The service reported an internal error."),
  row(300014, "service_network_error", "failed", true, "The service could not be reached in time."),
  row(300015, "service_rate_limit", "failed", true, "The service limited the rate of requests."),
  row(400001, "internal_error", "failed", false, "An internal error occurred."),
  row(400002, "invalid_billing_address", "failed", false, "The billing address is invalid."),
  row(400003, "invalid_operation", "failed", true, "The operation is not supported for this request."),
  row(400004, "invalid_request_parameters", "failed", false, "A request parameter is invalid."),
  row(400005, "invalid_service_request", "failed", true, "The service could not parse the request."),
  row(400006, "invalid_shipping_address", "failed", false, "The shipping address is invalid."),
  row(400007, "service_resource_conflict", "failed", true, "The service met a conflict creating a resource."),
  row(400008, "unexpected_state", "failed", false, "The service is in an unexpected state."),
  row(400009, "unknown_error", "failed", false, "An unknown error occurred."),
  row(400010, "unknown_service_resource", "failed", true, "The service could not find the resource."),
  row(400011, "unsupported_country", "failed", true, "The service does not support the country."),
  row(400012, "unsupported_currency", "failed", true, "The service does not support the currency."),
  row(400013, "unrecognised_country", "failed", false, "The country is not valid."),
  row(400014, "unrecognised_currency", "failed", false, "The currency is not valid."),
  row(400015, "unrecognised_payment_method", "failed", false, "The payment method is not valid."),
  row(400016, "unrecognised_scheme", "failed", false, "The card scheme is not valid."),
  row(400017, "unsupported_scheme", "failed", false, "The service does not support the card scheme.")
]

/**
 * The amounts that make a capture, a void or a refund fail, by operation
 * (500001–500002, 510001–510002, 520001–520004).
 *
 * Ours: the documentation gives these amounts and codes only. We read the
 * operation's own amount (the capture's, the refund's; for a void, the
 * transaction's); a code's kind (the operation's `declined` or `failed`
 * status) and whether it is retriable are those the same code has in
 * `authorizationErrors` (`refund_already_satisfied`, not there: a failure,
 * not retriable).
 *
 * @category tables
 * @since 0.2.0
 */
export const operationErrors: {
  readonly capture: ReadonlyArray<SimulatedError>
  readonly void: ReadonlyArray<SimulatedError>
  readonly refund: ReadonlyArray<SimulatedError>
} = {
  capture: [
    row(500001, "service_network_error", "failed", true, "The service could not be reached in time."),
    row(500002, "refused_transaction", "declined", false, "The capture was refused.")
  ],
  void: [
    row(510001, "service_network_error", "failed", true, "The service could not be reached in time."),
    row(510002, "issuer_decline", "declined", true, "The issuer declined the void.")
  ],
  refund: [
    row(520001, "disputed_transaction", "failed", false, "A chargeback has been initiated for the transaction."),
    row(520002, "issuer_decline", "declined", true, "The issuer declined the refund."),
    row(520003, "service_error", "failed", true, "The service reported an internal error."),
    row(520004, "refund_already_satisfied", "failed", false, "The transaction is already fully refunded.")
  ]
}

const byAmount = new Map(authorizationErrors.map((error) => [error.amount, error]))

/**
 * What the simulator answers to an authorization: the transaction's status,
 * `intent_outcome`, `error_code` and raw response fields.
 *
 * @category models
 * @since 0.2.0
 */
export interface SimulatedOutcome {
  readonly status: TransactionStatus
  readonly intentOutcome: TransactionIntentOutcome
  readonly errorCode: string | null
  readonly rawResponseCode: string | null
  readonly rawResponseDescription: string | null
}

/**
 * The outcome of authorizing `amount` (minor units): the table's error when
 * the amount is one of its, declined or failed; else success,
 * `authorization_succeeded`, or `capture_succeeded` when the intent is
 * `capture`.
 *
 * Ours: the documentation gives no raw response fields for the simulator; we
 * answer the amount as `raw_response_code` and our description as
 * `raw_response_description` on an error, and `null` for both on success.
 *
 * @category simulation
 * @since 0.2.0
 */
export const outcomeForAmount = (amount: number, intent: TransactionIntent = "authorize"): SimulatedOutcome => {
  const error = byAmount.get(amount)
  if (error === undefined) {
    return {
      status: intent === "capture" ? "capture_succeeded" : "authorization_succeeded",
      intentOutcome: "succeeded",
      errorCode: null,
      rawResponseCode: null,
      rawResponseDescription: null
    }
  }
  return {
    status: error.kind === "declined" ? "authorization_declined" : "authorization_failed",
    intentOutcome: "failed",
    errorCode: error.errorCode,
    rawResponseCode: String(error.amount),
    rawResponseDescription: error.description
  }
}

/**
 * The postal-code fragments that choose an address verification outcome, in
 * the order they are tried.
 *
 * Ours: the documentation does not say which wins when a postal code holds
 * two of them (`"77 88"`); the first in this order does.
 *
 * @category tables
 * @since 0.2.0
 */
export const avsTable: ReadonlyArray<readonly [fragment: string, code: AVSResponseCode]> = [
  ["77", "no_match"],
  ["88", "partial_match_postcode"],
  ["99", "partial_match_address"]
]

/**
 * The address verification outcome for the buyer's billing postal code:
 * `no_match` when it contains `77`, `partial_match_postcode` when it
 * contains `88`, `partial_match_address` when it contains `99`, else
 * `match`.
 *
 * Ours: without a postal code the documentation is silent; nothing can be
 * verified, so `unavailable`.
 *
 * @category simulation
 * @since 0.2.0
 */
export const avsFor = (postalCode: string | null | undefined): AVSResponseCode => {
  if (postalCode === null || postalCode === undefined) return "unavailable"
  return avsTable.find(([fragment]) => postalCode.includes(fragment))?.[1] ?? "match"
}

/**
 * The security codes that choose a security code check's outcome.
 *
 * @category tables
 * @since 0.2.0
 */
export const cvvTable: ReadonlyArray<readonly [securityCode: string, code: CVVResponseCode]> = [
  ["222", "not_provided"],
  ["333", "no_match"]
]

/**
 * The security code check's outcome: `not_provided` for `222`, `no_match`
 * for `333`, else `match`.
 *
 * Ours: without a security code (a stored card, a token) the documentation
 * is silent; `not_provided`, the code's meaning.
 *
 * @category simulation
 * @since 0.2.0
 */
export const cvvFor = (securityCode: string | null | undefined): CVVResponseCode => {
  if (securityCode === null || securityCode === undefined) return "not_provided"
  return cvvTable.find(([code]) => code === securityCode)?.[1] ?? "match"
}
