/**
 * Transactions (`/transactions`): the transaction as the API returns it
 * (`Transaction`, every field the spec requires), its summary in a page
 * (`TransactionSummary`, `TransactionSummaries`), the update body, the status
 * and outcome enums, what a transaction records of its payment method,
 * service, buyer, gift cards, 3-D Secure and anti-fraud checks, and the
 * session update of a client SDK. The create body is in `TransactionCreate`.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { Airline } from "./Airline.ts"
import { Address, BillingDetails } from "./Buyer.ts"
import { BuyerId, ShippingDetails } from "./BuyerResource.ts"
import { CartItem } from "./Cart.ts"
import { TransactionIntent, TransactionPaymentSource } from "./CheckoutSession.ts"
import { Collection } from "./Collection.ts"
import { TransactionConnectionOptions } from "./ConnectionOptions.ts"
import { CardScheme } from "./PaymentMethod.ts"
import { paymentMethodFields } from "./PaymentMethodResource.ts"
import { ApprovalTarget, IntegrationClient, Method } from "./PaymentService.ts"
import {
  Amount,
  BoundedString,
  CalendarDate,
  CountryCode,
  CurrencyCode,
  DateTimeUtc,
  type Identity,
  optionalNullable,
  PaymentMethodId,
  PaymentServiceId,
  Secret,
  SessionId,
  Uuid,
  WireStruct
} from "./Primitives.ts"

/**
 * The id of a transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionId = Uuid.pipe(Schema.brand("TransactionId"))

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionId = typeof TransactionId.Type

/**
 * Where a transaction stands: `processing`, `authorization_succeeded`,
 * `authorization_declined` (the issuer said no), `authorization_failed` (the
 * payment could not be attempted), `authorization_voided`,
 * `authorization_void_pending`, `capture_succeeded`, `capture_pending` or
 * `buyer_approval_pending`.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionStatus = Schema.Literals([
  "processing", "authorization_succeeded", "authorization_declined", "authorization_failed", "authorization_voided",
  "authorization_void_pending", "capture_succeeded", "capture_pending", "buyer_approval_pending"
]).annotate({ identifier: "TransactionStatus" })

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionStatus = typeof TransactionStatus.Type

/**
 * What a transaction records of its payment method: method, scheme, label (a
 * card's last four digits), expiry, country, currency and, for a stored one,
 * its id.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionPaymentMethod = WireStruct("TransactionPaymentMethod", {
  ...paymentMethodFields,
  id: optionalNullable(PaymentMethodId),
  approvalTarget: optionalNullable(ApprovalTarget),
  externalIdentifier: optionalNullable(BoundedString(1, 200)),
  paymentAccountReference: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionPaymentMethod = typeof TransactionPaymentMethod.Type

/**
 * The kind of instrument a transaction was made with: a card number (`pan`), a
 * token, a redirect, a wallet, a network token, …
 *
 * @category models
 * @since 0.2.0
 */
export const InstrumentType = Schema.Literals([
  "pan", "card_token", "redirect", "redirect_token", "googlepay", "applepay", "network_token", "plaid", "bank"
]).annotate({ identifier: "InstrumentType" })

/**
 * @category models
 * @since 0.2.0
 */
export type InstrumentType = typeof InstrumentType.Type

/**
 * The payment service that processed a transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionPaymentService = WireStruct("TransactionPaymentService", {
  type: Schema.optionalKey(Schema.Literal("payment-service")).annotateKey({ default: "payment-service" }),
  id: PaymentServiceId,
  paymentServiceDefinitionId: BoundedString(1, 50),
  method: Method,
  displayName: Schema.String
})

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionPaymentService = typeof TransactionPaymentService.Type

/**
 * The buyer of a transaction as the transaction records them.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionBuyer = WireStruct("TransactionBuyer", {
  type: Schema.optionalKey(Schema.Literal("buyer")).annotateKey({ default: "buyer" }),
  id: optionalNullable(BuyerId),
  reconciliationId: optionalNullable(Schema.String),
  displayName: optionalNullable(BoundedString(1, 200)),
  externalIdentifier: optionalNullable(BoundedString(1, 200)),
  billingDetails: optionalNullable(BillingDetails),
  accountNumber: optionalNullable(Secret(BoundedString(1, 200), "account_number"))
})

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionBuyer = typeof TransactionBuyer.Type

/**
 * The state of a gift card's redemption.
 *
 * @category models
 * @since 0.2.0
 */
export const GiftCardRedemptionStatus = Schema.Literals([
  "created", "succeeded", "failed", "skipped"
]).annotate({ identifier: "GiftCardRedemptionStatus" })

/**
 * @category models
 * @since 0.2.0
 */
export type GiftCardRedemptionStatus = typeof GiftCardRedemptionStatus.Type

/**
 * Gift card error codes.
 *
 * @category models
 * @since 0.2.0
 */
export const GiftCardErrorCode = Schema.Literals([
  "invalid_gift_card", "expired_card", "inactive_card", "invalid_service_credentials", "invalid_amount",
  "incorrect_currency", "insufficient_funds", "invalid_service_configuration", "operation_canceled", "service_error",
  "service_network_error", "unknown_error", "max_gift_cards_reached", "suspected_fraud", "canceled_payment_method",
  "duplicate_transaction", "unexpected_state"
]).annotate({ identifier: "GiftCardErrorCode" })

/**
 * @category models
 * @since 0.2.0
 */
export type GiftCardErrorCode = typeof GiftCardErrorCode.Type

/**
 * A gift card as a transaction records it.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionGiftCard = WireStruct("TransactionGiftCard", {
  type: Schema.optionalKey(Schema.Literal("gift-card")).annotateKey({ default: "gift-card" }),
  id: optionalNullable(Uuid),
  bin: Schema.String,
  subBin: Schema.String,
  last4: Schema.String
})

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionGiftCard = typeof TransactionGiftCard.Type

/**
 * A gift card's part of a transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const GiftCardRedemption = WireStruct("GiftCardRedemption", {
  type: Schema.optionalKey(Schema.Literal("gift-card-redemption")).annotateKey({ default: "gift-card-redemption" }),
  id: Uuid,
  status: GiftCardRedemptionStatus,
  amount: Schema.Int,
  refundedAmount: Schema.Int,
  giftCardServiceRedemptionId: optionalNullable(Schema.String),
  errorCode: optionalNullable(GiftCardErrorCode),
  rawErrorCode: optionalNullable(Schema.String),
  rawErrorMessage: optionalNullable(Schema.String),
  giftCard: TransactionGiftCard
})

/**
 * @category models
 * @since 0.2.0
 */
export type GiftCardRedemption = typeof GiftCardRedemption.Type

/**
 * The gift card services Gr4vy connects to.
 *
 * @category models
 * @since 0.2.0
 */
export const GiftCardServiceProvider = Schema.Literals([
  "mock-gift-card", "qwikcilver-gift-card", "valuelink-gift-card"
]).annotate({ identifier: "GiftCardServiceProvider" })

/**
 * @category models
 * @since 0.2.0
 */
export type GiftCardServiceProvider = typeof GiftCardServiceProvider.Type

/**
 * The gift card service of a transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const GiftCardService = WireStruct("GiftCardService", {
  type: Schema.optionalKey(Schema.Literal("gift-card-service")).annotateKey({ default: "gift-card-service" }),
  id: Uuid,
  giftCardServiceDefinitionId: GiftCardServiceProvider,
  displayName: BoundedString(1, 200)
})

/**
 * @category models
 * @since 0.2.0
 */
export type GiftCardService = typeof GiftCardService.Type

/**
 * The purchase data of a business card payment (level 2 and 3 data): tax,
 * duty and shipping amounts and the buyer's and supplier's references, as a
 * transaction and its create body both carry them.
 *
 * @category schemas
 * @since 0.2.0
 */
export const levelThreeFields = {
  taxAmount: optionalNullable(Amount),
  merchantTaxId: optionalNullable(BoundedString(1, 100)),
  purchaseOrderNumber: optionalNullable(BoundedString(1, 100)),
  customerReferenceNumber: optionalNullable(BoundedString(1, 100)),
  amountIncludesTax: optionalNullable(Schema.Boolean),
  supplierOrderNumber: optionalNullable(BoundedString(1, 100)),
  dutyAmount: optionalNullable(Amount),
  shippingAmount: optionalNullable(Amount)
}

// What a transaction and its summary in a page share: the summary is the first part of the transaction.
const summaryFields = {
  type: Schema.optionalKey(Schema.Literal("transaction")).annotateKey({ default: "transaction" }),
  id: TransactionId,
  reconciliationId: Schema.String,
  merchantAccountId: Schema.String,
  currency: CurrencyCode,
  amount: Schema.Int,
  status: TransactionStatus,
  authorizedAmount: Schema.Int,
  capturedAmount: Schema.Int,
  refundedAmount: Schema.Int,
  settledCurrency: optionalNullable(CurrencyCode),
  settledAmount: Schema.Int,
  settled: Schema.Boolean,
  country: optionalNullable(CountryCode),
  externalIdentifier: optionalNullable(BoundedString(1, 200)),
  intent: TransactionIntent,
  paymentMethod: optionalNullable(TransactionPaymentMethod),
  method: optionalNullable(Method),
  instrumentType: optionalNullable(InstrumentType),
  errorCode: optionalNullable(Schema.String),
  paymentService: optionalNullable(TransactionPaymentService),
  pendingReview: Schema.optionalKey(Schema.Boolean).annotateKey({ default: false }),
  buyer: optionalNullable(TransactionBuyer),
  rawResponseCode: optionalNullable(Schema.String),
  rawResponseDescription: optionalNullable(Schema.String),
  shippingDetails: optionalNullable(ShippingDetails),
  checkoutSessionId: optionalNullable(SessionId),
  giftCardRedemptions: Schema.Array(GiftCardRedemption),
  giftCardService: optionalNullable(GiftCardService),
  createdAt: DateTimeUtc,
  updatedAt: DateTimeUtc,
  disputed: Schema.Boolean,
  reauthorizedFromTransactionId: optionalNullable(TransactionId)
}

/**
 * A transaction, summarised
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionSummary = WireStruct("TransactionSummary", summaryFields)

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionSummary = typeof TransactionSummary.Type

/**
 * A page of transactions (`GET /transactions`).
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionSummaries = Collection("TransactionSummaries", TransactionSummary)

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionSummaries = typeof TransactionSummaries.Type

/**
 * The result of a 3-D Secure 1 authentication done by the merchant.
 *
 * @category models
 * @since 0.2.0
 */
export const ThreeDSecureDataV1 = WireStruct("ThreeDSecureDataV1", {
  cavv: Schema.String,
  eci: BoundedString(1, 2).check(Schema.isPattern(/^0?\d$/u)),
  version: Schema.String.check(Schema.isPattern(/^[12](\.\d+){0,2}$/u)),
  directoryResponse: Schema.String.check(Schema.isMaxCodePoints(1)),
  scheme: optionalNullable(CardScheme),
  authenticationResponse: Schema.String.check(Schema.isMaxCodePoints(1)),
  cavvAlgorithm: Schema.String.check(Schema.isMaxCodePoints(1)),
  xid: Schema.String
})

/**
 * @category models
 * @since 0.2.0
 */
export type ThreeDSecureDataV1 = typeof ThreeDSecureDataV1.Type

/**
 * The result of a 3-D Secure 2 authentication done by the merchant.
 *
 * @category models
 * @since 0.2.0
 */
export const ThreeDSecureDataV2 = WireStruct("ThreeDSecureDataV2", {
  cavv: Schema.String,
  eci: BoundedString(1, 2).check(Schema.isPattern(/^0?\d$/u)),
  version: Schema.String.check(Schema.isPattern(/^[12](\.\d+){0,2}$/u)),
  directoryResponse: Schema.String.check(Schema.isMaxCodePoints(1)),
  scheme: optionalNullable(CardScheme),
  authenticationResponse: optionalNullable(Schema.String.check(Schema.isMaxCodePoints(1))),
  directoryTransactionId: Schema.String
})

/**
 * @category models
 * @since 0.2.0
 */
export type ThreeDSecureDataV2 = typeof ThreeDSecureDataV2.Type

/**
 * Information to show the user on their payments statement
 *
 * @category models
 * @since 0.2.0
 */
export const StatementDescriptor = WireStruct("StatementDescriptor", {
  name: optionalNullable(BoundedString(5, 22)),
  description: optionalNullable(BoundedString(5, 22)),
  city: optionalNullable(BoundedString(1, 50)),
  country: optionalNullable(CountryCode),
  phoneNumber: optionalNullable(Schema.String.check(Schema.isPattern(/^\+[1-9]\d{1,14}$/u))),
  url: optionalNullable(BoundedString(1, 50)),
  postalCode: optionalNullable(BoundedString(1, 50))
})

/**
 * @category models
 * @since 0.2.0
 */
export type StatementDescriptor = typeof StatementDescriptor.Type

/**
 * Recipient of an account funding transaction
 *
 * @category models
 * @since 0.2.0
 */
export const Recipient = WireStruct("Recipient", {
  firstName: Schema.String,
  lastName: Schema.String,
  address: optionalNullable(Address),
  accountNumber: optionalNullable(Secret(Schema.String, "account_number")),
  dateOfBirth: optionalNullable(CalendarDate)
})

/**
 * @category models
 * @since 0.2.0
 */
export type Recipient = typeof Recipient.Type

/**
 * The address verification's outcome: `match`, `no_match`,
 * `partial_match_address`, `partial_match_postcode`, `partial_match_name`,
 * `unavailable`.
 *
 * @category models
 * @since 0.2.0
 */
export const AVSResponseCode = Schema.Literals([
  "match", "no_match", "partial_match_address", "partial_match_postcode", "partial_match_name", "unavailable"
]).annotate({ identifier: "AVSResponseCode" })

/**
 * @category models
 * @since 0.2.0
 */
export type AVSResponseCode = typeof AVSResponseCode.Type

/**
 * The security code check's outcome: `match`, `no_match`, `unavailable`,
 * `not_provided`.
 *
 * @category models
 * @since 0.2.0
 */
export const CVVResponseCode = Schema.Literals([
  "match", "no_match", "unavailable", "not_provided"
]).annotate({ identifier: "CVVResponseCode" })

/**
 * @category models
 * @since 0.2.0
 */
export type CVVResponseCode = typeof CVVResponseCode.Type

/**
 * The anti-fraud service's decision on a transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const AntiFraudDecision = Schema.Literals([
  "accept", "error", "exception", "reject", "review", "skipped", "pending"
]).annotate({ identifier: "AntiFraudDecision" })

/**
 * @category models
 * @since 0.2.0
 */
export type AntiFraudDecision = typeof AntiFraudDecision.Type

/**
 * The state of a transaction's 3-D Secure authentication.
 *
 * @category models
 * @since 0.2.0
 */
export const ThreeDSecureStatus = Schema.Literals([
  "setup_error", "error", "declined", "cancelled", "complete"
]).annotate({ identifier: "ThreeDSecureStatus" })

/**
 * @category models
 * @since 0.2.0
 */
export type ThreeDSecureStatus = typeof ThreeDSecureStatus.Type

/**
 * How the buyer was authenticated: `challenge` or `frictionless`.
 *
 * @category models
 * @since 0.2.0
 */
export const ThreeDSecureMethod = Schema.Literals([
  "challenge", "frictionless"
]).annotate({ identifier: "ThreeDSecureMethod" })

/**
 * @category models
 * @since 0.2.0
 */
export type ThreeDSecureMethod = typeof ThreeDSecureMethod.Type

/**
 * The result of a 3-D Secure 2 authentication done by Gr4vy.
 *
 * @category models
 * @since 0.2.0
 */
export const ThreeDSecureV2 = WireStruct("ThreeDSecureV2", {
  version: Schema.String.check(Schema.isPattern(/^[12](\.\d+){0,2}$/u)),
  authenticationResponse: optionalNullable(Schema.String),
  directoryResponse: optionalNullable(Schema.String),
  directoryTransactionId: optionalNullable(Schema.String),
  transactionReason: optionalNullable(Schema.String),
  cavv: optionalNullable(Schema.String),
  eci: optionalNullable(BoundedString(1, 2).check(Schema.isPattern(/^0?\d$/u))),
  cardholderInfo: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type ThreeDSecureV2 = typeof ThreeDSecureV2.Type

/**
 * Why a 3-D Secure authentication failed.
 *
 * @category models
 * @since 0.2.0
 */
export const ThreeDSecureError = WireStruct("ThreeDSecureError", {
  code: optionalNullable(BoundedString(3, 3)),
  description: optionalNullable(Schema.String.check(Schema.isMaxCodePoints(2048))),
  detail: optionalNullable(Schema.String.check(Schema.isMaxCodePoints(2048))),
  component: optionalNullable(BoundedString(1, 1))
})

/**
 * @category models
 * @since 0.2.0
 */
export type ThreeDSecureError = typeof ThreeDSecureError.Type

/**
 * What a transaction records of its 3-D Secure authentication.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionThreeDSecureSummary = WireStruct("TransactionThreeDSecureSummary", {
  version: optionalNullable(Schema.String.check(Schema.isPattern(/^[12](\.\d+){0,2}$/u))),
  status: optionalNullable(ThreeDSecureStatus),
  method: optionalNullable(ThreeDSecureMethod),
  responseData: optionalNullable(Schema.Union([ThreeDSecureDataV1, ThreeDSecureV2])),
  errorData: optionalNullable(ThreeDSecureError),
  amount: optionalNullable(Schema.Int)
})

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionThreeDSecureSummary = typeof TransactionThreeDSecureSummary.Type

/**
 * What a transaction's intent came to: `pending`, `succeeded` or `failed`.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionIntentOutcome = Schema.Literals([
  "pending", "succeeded", "failed"
]).annotate({ identifier: "TransactionIntentOutcome" })

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionIntentOutcome = typeof TransactionIntentOutcome.Type

const TransactionSchema = WireStruct("Transaction", {
  ...summaryFields,
  airline: optionalNullable(Airline),
  authResponseCode: optionalNullable(Schema.String),
  avsResponseCode: optionalNullable(AVSResponseCode),
  cvvResponseCode: optionalNullable(CVVResponseCode),
  antiFraudDecision: optionalNullable(AntiFraudDecision),
  paymentSource: TransactionPaymentSource,
  merchantInitiated: Schema.Boolean,
  isSubsequentPayment: Schema.Boolean,
  cartItems: optionalNullable(Schema.Array(CartItem)),
  statementDescriptor: optionalNullable(StatementDescriptor),
  schemeTransactionId: optionalNullable(Schema.String),
  transactionLinkId: optionalNullable(Schema.String),
  threeDSecure: optionalNullable(TransactionThreeDSecureSummary),
  paymentServiceTransactionId: optionalNullable(Schema.String),
  additionalIdentifiers: Schema.optionalKey(Schema.Record(Schema.String, Schema.NullOr(Schema.String))),
  metadata: optionalNullable(Schema.Record(Schema.String, Schema.String)),
  authorizedAt: optionalNullable(DateTimeUtc),
  capturedAt: optionalNullable(DateTimeUtc),
  voidedAt: optionalNullable(DateTimeUtc),
  canceledAt: optionalNullable(DateTimeUtc),
  approvalExpiresAt: optionalNullable(DateTimeUtc),
  buyerApprovalTimedoutAt: optionalNullable(DateTimeUtc),
  intentOutcome: TransactionIntentOutcome,
  multiTender: Schema.Boolean,
  accountFundingTransaction: Schema.Boolean,
  recipient: optionalNullable(Recipient),
  merchantAdviceCode: optionalNullable(Schema.String),
  installmentCount: optionalNullable(Schema.Int),
  sessionToken: optionalNullable(Schema.String),
  ...levelThreeFields,
  isoResponseCode: optionalNullable(Schema.String)
})

/**
 * The schema of `Transaction`, by name (its own type is too large to spell out
 * wherever it is used).
 *
 * @category models
 * @since 0.2.0
 */
export interface TransactionSchema extends Identity<typeof TransactionSchema> {}

/**
 * A full transaction resource.
 *
 * @category models
 * @since 0.2.0
 */
export const Transaction: TransactionSchema = TransactionSchema

/**
 * @category models
 * @since 0.2.0
 */
export type Transaction = typeof Transaction.Type

/**
 * The body of `PUT /transactions/{transaction_id}`: a manual update of a
 * transaction's state and amounts.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionUpdate = WireStruct("TransactionUpdate", {
  status: optionalNullable(TransactionStatus),
  amount: optionalNullable(Amount),
  authorizedAmount: optionalNullable(Amount),
  capturedAmount: optionalNullable(Amount),
  paymentServiceTransactionId: optionalNullable(Schema.String),
  externalIdentifier: optionalNullable(BoundedString(1, 200)),
  metadata: optionalNullable(Schema.Record(Schema.String, Schema.String)),
  connectionOptions: optionalNullable(TransactionConnectionOptions)
})

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionUpdate = typeof TransactionUpdate.Type

/**
 * The body of `POST /transactions/{transaction_id}/session`: what a payment
 * provider's client session may need.
 *
 * @category models
 * @since 0.2.0
 */
export const UpdateTransactionSessionRequest = WireStruct("UpdateTransactionSessionRequest", {
  payload: optionalNullable(Schema.Record(Schema.String, Schema.Unknown))
})

/**
 * @category models
 * @since 0.2.0
 */
export type UpdateTransactionSessionRequest = typeof UpdateTransactionSessionRequest.Type

/**
 * What `POST /transactions/{transaction_id}/session` answers: the data a
 * payment provider's client SDK needs.
 *
 * @category models
 * @since 0.2.0
 */
export const UpdateTransactionSessionResponse = WireStruct("UpdateTransactionSessionResponse", {
  sessionData: Schema.NullOr(Schema.Record(Schema.String, Schema.Unknown)),
  defaultCompletionUrl: Schema.String,
  integrationClient: IntegrationClient
})

/**
 * @category models
 * @since 0.2.0
 */
export type UpdateTransactionSessionResponse = typeof UpdateTransactionSessionResponse.Type
