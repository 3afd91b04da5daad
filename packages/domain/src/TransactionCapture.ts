/**
 * What follows an authorization: capture (`TransactionCaptureCreate`, answered
 * as `TransactionCapture` or, with `Prefer: resource=transaction`, the
 * transaction), void (`TransactionVoid`), cancel (`TransactionCancel`), an
 * authorization increment, and a transaction's captures (`Capture`,
 * `CaptureCollection`), with their status enums.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { Airline } from "./Airline.ts"
import { BillingDetails } from "./Buyer.ts"
import { ShippingDetails } from "./BuyerResource.ts"
import { CartItem } from "./Cart.ts"
import { Collection } from "./Collection.ts"
import { Amount, BoundedString, DateTimeUtc, optionalNullable, Uuid, WireStruct } from "./Primitives.ts"
import { Transaction, TransactionId } from "./Transaction.ts"


// What an operation on a transaction answers beside its status: the payment service's codes, and the transaction
// as it now stands.
const outcomeFields = {
  code: Schema.NullOr(Schema.String),
  rawResponseCode: Schema.NullOr(Schema.String),
  rawResponseDescription: Schema.NullOr(Schema.String),
  transaction: Transaction
}
/**
 * Request body for capturing an authorized transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionCaptureCreate = WireStruct("TransactionCaptureCreate", {
  amount: optionalNullable(Amount),
  airline: optionalNullable(Airline),
  cartItems: optionalNullable(Schema.Array(CartItem)),
  final: Schema.optionalKey(Schema.Boolean).annotateKey({ default: true }),
  externalIdentifier: optionalNullable(BoundedString(1, 300)),
  reauthorizeIfAuthorizationExpired: Schema.optionalKey(Schema.Boolean).annotateKey({ default: false })
})

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionCaptureCreate = typeof TransactionCaptureCreate.Type

/**
 * The outcome of a capture: `succeeded`, `pending`, `declined` or `failed`.
 *
 * @category models
 * @since 0.2.0
 */
export const CaptureStatus = Schema.Literals([
  "succeeded", "pending", "declined", "failed"
]).annotate({ identifier: "CaptureStatus" })

/**
 * @category models
 * @since 0.2.0
 */
export type CaptureStatus = typeof CaptureStatus.Type

/**
 * What a capture answers with `Prefer: resource=transaction-capture`: its
 * outcome, the payment service's codes, and the transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionCapture = WireStruct("TransactionCapture", {
  type: Schema.optionalKey(Schema.Literal("transaction-capture")).annotateKey({ default: "transaction-capture" }),
  status: CaptureStatus,
  ...outcomeFields,
  captureId: optionalNullable(Uuid),
  paymentServiceCaptureId: optionalNullable(Schema.String),
  externalIdentifier: optionalNullable(Schema.String),
  billingDetails: optionalNullable(BillingDetails),
  shippingDetails: optionalNullable(ShippingDetails)
})

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionCapture = typeof TransactionCapture.Type

/**
 * The outcome of a void: `succeeded`, `pending`, `declined` or `failed`.
 *
 * @category models
 * @since 0.2.0
 */
export const VoidStatus = Schema.Literals([
  "succeeded", "pending", "declined", "failed"
]).annotate({ identifier: "VoidStatus" })

/**
 * @category models
 * @since 0.2.0
 */
export type VoidStatus = typeof VoidStatus.Type

/**
 * What a void answers with `Prefer: resource=transaction-void`: its outcome,
 * the payment service's codes, and the transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionVoid = WireStruct("TransactionVoid", {
  type: Schema.optionalKey(Schema.Literal("transaction-void")).annotateKey({ default: "transaction-void" }),
  status: VoidStatus,
  ...outcomeFields
})

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionVoid = typeof TransactionVoid.Type

/**
 * The outcome of a cancel: `succeeded`, `pending` or `failed`.
 *
 * @category models
 * @since 0.2.0
 */
export const CancelStatus = Schema.Literals(["succeeded", "pending", "failed"]).annotate({ identifier: "CancelStatus" })

/**
 * @category models
 * @since 0.2.0
 */
export type CancelStatus = typeof CancelStatus.Type

/**
 * What `POST /transactions/{transaction_id}/cancel` answers: its outcome, the
 * payment service's codes, and the transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionCancel = WireStruct("TransactionCancel", {
  type: Schema.optionalKey(Schema.Literal("transaction-cancel")).annotateKey({ default: "transaction-cancel" }),
  status: CancelStatus,
  ...outcomeFields
})

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionCancel = typeof TransactionCancel.Type

/**
 * One capture of a transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const Capture = WireStruct("Capture", {
  type: Schema.optionalKey(Schema.Literal("capture")).annotateKey({ default: "capture" }),
  id: Uuid,
  merchantAccountId: Schema.String,
  transactionId: TransactionId,
  xid: optionalNullable(Schema.String),
  currency: Schema.String,
  amount: Schema.Int,
  status: CaptureStatus,
  final: Schema.Boolean,
  createdAt: DateTimeUtc,
  updatedAt: DateTimeUtc,
  capturedAt: optionalNullable(DateTimeUtc),
  externalIdentifier: optionalNullable(Schema.String),
  errorCode: optionalNullable(Schema.String),
  isoResponseCode: optionalNullable(Schema.String),
  rawResponseCode: optionalNullable(Schema.String),
  rawResponseDescription: optionalNullable(Schema.String),
  transactionExternalIdentifier: optionalNullable(Schema.String),
  cartItems: optionalNullable(Schema.Array(CartItem))
})

/**
 * @category models
 * @since 0.2.0
 */
export type Capture = typeof Capture.Type

/**
 * A transaction's captures, a page at a time.
 *
 * @category models
 * @since 0.2.0
 */
export const CaptureCollection = Collection("CaptureCollection", Capture)

/**
 * @category models
 * @since 0.2.0
 */
export type CaptureCollection = typeof CaptureCollection.Type

/**
 * The body of `POST /transactions/{transaction_id}/authorization/increment`:
 * the amount to add to the authorization.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionAuthorizationIncrementCreate = WireStruct("TransactionAuthorizationIncrementCreate", {
  amount: Amount
})

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionAuthorizationIncrementCreate = typeof TransactionAuthorizationIncrementCreate.Type

/**
 * The outcome of an authorization increment.
 *
 * @category models
 * @since 0.2.0
 */
export const IncrementalAuthorizationStatus = Schema.Literals([
  "succeeded", "failed"
]).annotate({ identifier: "IncrementalAuthorizationStatus" })

/**
 * @category models
 * @since 0.2.0
 */
export type IncrementalAuthorizationStatus = typeof IncrementalAuthorizationStatus.Type

/**
 * What an authorization increment answers: its outcome, the payment service's
 * codes, and the transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionAuthorizationIncrement = WireStruct("TransactionAuthorizationIncrement", {
  type: Schema.optionalKey(Schema.Literal("transaction-authorization-increment")).annotateKey({
    default: "transaction-authorization-increment"
  }),
  status: IncrementalAuthorizationStatus,
  ...outcomeFields
})

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionAuthorizationIncrement = typeof TransactionAuthorizationIncrement.Type
