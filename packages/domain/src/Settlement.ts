/**
 * What a payment service reports after the fact: a transaction's settlements
 * and refund settlements, chargebacks and chargeback reversals.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { ItemList } from "./Collection.ts"
import { CurrencyCode, DateTimeUtc, optionalNullable, Uuid, WireStruct } from "./Primitives.ts"
import { TransactionId } from "./Transaction.ts"

// What a payment service's report says of a transaction's money, whatever the record: when it was posted and
// ingested, the amount and currency, the fees, and the report it came in.
const reportFields = {
  id: Uuid,
  merchantAccountId: Schema.String,
  createdAt: DateTimeUtc,
  updatedAt: DateTimeUtc,
  postedAt: DateTimeUtc,
  ingestedAt: DateTimeUtc,
  currency: CurrencyCode,
  amount: Schema.Int,
  exchangeRate: optionalNullable(Schema.Finite),
  commission: Schema.Int,
  interchange: optionalNullable(Schema.Int),
  markup: optionalNullable(Schema.Int),
  schemeFee: optionalNullable(Schema.Int),
  paymentServiceReportId: Uuid,
  paymentServiceReportFileIds: Schema.Array(Uuid),
  transactionId: TransactionId
}

/**
 * A settlement record for a transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const Settlement = WireStruct("Settlement", {
  ...reportFields,
  type: Schema.optionalKey(Schema.Literal("settlement")).annotateKey({ default: "settlement" })
})

/**
 * @category models
 * @since 0.2.0
 */
export type Settlement = typeof Settlement.Type

/**
 * A list of settlement records for a transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const Settlements = ItemList("Settlements", Settlement)

/**
 * @category models
 * @since 0.2.0
 */
export type Settlements = typeof Settlements.Type

/**
 * A settlement record for a refund on a transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const RefundSettlement = WireStruct("RefundSettlement", {
  ...reportFields,
  type: Schema.optionalKey(Schema.Literal("refund-settlement")).annotateKey({ default: "refund-settlement" }),
  refundId: Uuid
})

/**
 * @category models
 * @since 0.2.0
 */
export type RefundSettlement = typeof RefundSettlement.Type

/**
 * A list of settlement records for the refunds on a transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const RefundSettlements = ItemList("RefundSettlements", RefundSettlement)

/**
 * @category models
 * @since 0.2.0
 */
export type RefundSettlements = typeof RefundSettlements.Type

/**
 * A chargeback record for a transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const Chargeback = WireStruct("Chargeback", {
  ...reportFields,
  type: Schema.optionalKey(Schema.Literal("chargeback")).annotateKey({ default: "chargeback" })
})

/**
 * @category models
 * @since 0.2.0
 */
export type Chargeback = typeof Chargeback.Type

/**
 * A list of chargeback records for a transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const Chargebacks = ItemList("Chargebacks", Chargeback)

/**
 * @category models
 * @since 0.2.0
 */
export type Chargebacks = typeof Chargebacks.Type

/**
 * A chargeback reversal record for a transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const ChargebackReversal = WireStruct("ChargebackReversal", {
  ...reportFields,
  type: Schema.optionalKey(Schema.Literal("chargeback-reversal")).annotateKey({ default: "chargeback-reversal" })
})

/**
 * @category models
 * @since 0.2.0
 */
export type ChargebackReversal = typeof ChargebackReversal.Type

/**
 * A list of chargeback reversal records for a transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const ChargebackReversals = ItemList("ChargebackReversals", ChargebackReversal)

/**
 * @category models
 * @since 0.2.0
 */
export type ChargebackReversals = typeof ChargebackReversals.Type
