/**
 * A buyer's stored gift cards as `GET /buyers/gift-cards` lists them: the
 * card's visible digits, its balance as the gift card service last reported
 * it, and how often it was used.
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import { ItemList } from "./Collection.ts"
import { CurrencyCode, DateTimeUtc, optionalNullable, Uuid, WireStruct } from "./Primitives.ts"
import { GiftCardErrorCode } from "./Transaction.ts"

/**
 * A stored gift card in a buyer's list. `balance` is `null` when the gift
 * card service could not be asked; the `balance_*error*` fields then say why.
 *
 * @category models
 * @since 0.3.0
 */
export const GiftCardSummary = WireStruct("GiftCardSummary", {
  type: Schema.optionalKey(Schema.Literal("gift-card")).annotateKey({ default: "gift-card" }),
  id: optionalNullable(Uuid),
  merchantAccountId: Schema.String,
  bin: Schema.String,
  subBin: Schema.String,
  last4: Schema.String,
  currency: optionalNullable(CurrencyCode),
  expirationDate: optionalNullable(DateTimeUtc),
  balance: optionalNullable(Schema.Int),
  balanceErrorCode: optionalNullable(GiftCardErrorCode),
  balanceRawErrorCode: optionalNullable(Schema.String),
  balanceRawErrorMessage: optionalNullable(Schema.String),
  lastUsedAt: optionalNullable(DateTimeUtc),
  usageCount: Schema.Int,
  citLastUsedAt: optionalNullable(DateTimeUtc),
  citUsageCount: Schema.Int
})

/**
 * @category models
 * @since 0.3.0
 */
export type GiftCardSummary = typeof GiftCardSummary.Type

/**
 * A buyer's stored gift cards, whole.
 *
 * @category models
 * @since 0.3.0
 */
export const GiftCardSummaries = ItemList("GiftCardSummaries", GiftCardSummary)

/**
 * @category models
 * @since 0.3.0
 */
export type GiftCardSummaries = typeof GiftCardSummaries.Type
