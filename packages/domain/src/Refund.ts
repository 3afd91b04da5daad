/**
 * Refunds (`/transactions/{id}/refunds`, `/refunds/{id}`): the refund as the
 * API returns it, the bodies of a partial (`TransactionRefundCreate`) and a
 * full refund (`TransactionRefundAllCreate`), a page of refunds, and the
 * status and target enums.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { Collection } from "./Collection.ts"
import { Amount, BoundedString, CurrencyCode, DateTimeUtc, optionalNullable, Uuid, WireStruct } from "./Primitives.ts"
import { TransactionId } from "./Transaction.ts"

/**
 * The id of a refund.
 *
 * @category models
 * @since 0.2.0
 */
export const RefundId = Uuid.pipe(Schema.brand("RefundId"))

/**
 * @category models
 * @since 0.2.0
 */
export type RefundId = typeof RefundId.Type

/**
 * Where a refund stands: `processing`, `succeeded`, `failed`, `declined` or `voided`.
 *
 * @category models
 * @since 0.2.0
 */
export const RefundStatus = Schema.Literals([
  "processing", "succeeded", "failed", "declined", "voided"
]).annotate({ identifier: "RefundStatus" })

/**
 * @category models
 * @since 0.2.0
 */
export type RefundStatus = typeof RefundStatus.Type

/**
 * What a refund refunds: the transaction's payment method or one of its gift
 * card redemptions.
 *
 * @category models
 * @since 0.2.0
 */
export const RefundTargetType = Schema.Literals([
  "payment-method", "gift-card-redemption"
]).annotate({ identifier: "RefundTargetType" })

/**
 * @category models
 * @since 0.2.0
 */
export type RefundTargetType = typeof RefundTargetType.Type

/**
 * Who created a resource (the spec's `api__common_schemas__Creator`).
 *
 * @category models
 * @since 0.2.0
 */
export const Creator = WireStruct("api__common_schemas__Creator", {
  id: Uuid,
  name: Schema.String,
  emailAddress: Schema.String
})

/**
 * @category models
 * @since 0.2.0
 */
export type Creator = typeof Creator.Type

/**
 * A refund as the API returns it.
 *
 * @category models
 * @since 0.2.0
 */
export const Refund = WireStruct("Refund", {
  type: Schema.optionalKey(Schema.Literal("refund")).annotateKey({ default: "refund" }),
  id: RefundId,
  transactionId: TransactionId,
  paymentServiceRefundId: optionalNullable(BoundedString(1, 300)),
  status: RefundStatus,
  currency: CurrencyCode,
  amount: Amount,
  reason: optionalNullable(Schema.String),
  targetType: RefundTargetType,
  targetId: optionalNullable(Uuid),
  reconciliationId: Schema.String,
  externalIdentifier: optionalNullable(Schema.String),
  transactionReconciliationId: Schema.String,
  transactionExternalIdentifier: optionalNullable(Schema.String),
  createdAt: DateTimeUtc,
  updatedAt: DateTimeUtc,
  creator: optionalNullable(Creator),
  errorCode: optionalNullable(Schema.String),
  rawResponseCode: optionalNullable(Schema.String),
  rawResponseDescription: optionalNullable(Schema.String),
  settledCurrency: optionalNullable(CurrencyCode),
  settledAmount: Schema.optionalKey(Schema.Int).annotateKey({ default: 0 }),
  settled: Schema.Boolean
})

/**
 * @category models
 * @since 0.2.0
 */
export type Refund = typeof Refund.Type

/**
 * Refunds, whole (`GET /transactions/{transaction_id}/refunds`, `POST
 * …/refunds/all`).
 *
 * @category models
 * @since 0.2.0
 */
export const Refunds = Collection("Refunds", Refund)

/**
 * @category models
 * @since 0.2.0
 */
export type Refunds = typeof Refunds.Type

/**
 * The body of `POST /transactions/{transaction_id}/refunds`: the amount to
 * refund (the whole remaining amount without it), what it refunds, the reason.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionRefundCreate = WireStruct("TransactionRefundCreate", {
  amount: optionalNullable(Amount),
  targetType: Schema.optionalKey(RefundTargetType).annotateKey({ default: "payment-method" }),
  targetId: optionalNullable(Uuid),
  reason: optionalNullable(Schema.String.check(Schema.isMaxCodePoints(100))),
  externalIdentifier: optionalNullable(BoundedString(1, 300))
})

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionRefundCreate = typeof TransactionRefundCreate.Type

/**
 * The body of `POST /transactions/{transaction_id}/refunds/all`: the reason and
 * the merchant's reference.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionRefundAllCreate = WireStruct("TransactionRefundAllCreate", {
  reason: optionalNullable(Schema.String.check(Schema.isMaxCodePoints(100))),
  externalIdentifier: optionalNullable(BoundedString(1, 300))
})

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionRefundAllCreate = typeof TransactionRefundAllCreate.Type
