/**
 * Cart items: the line items of a checkout session.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Amount, BoundedString, CountryCode, optionalNullable, WireStruct } from "./Primitives.ts"

/**
 * The kind of product a cart item is.
 *
 * @category models
 * @since 0.1.0
 */
export const ProductType = Schema.Literals([
  "physical",
  "discount",
  "shipping_fee",
  "sales_tax",
  "digital",
  "gift_card",
  "store_credit",
  "surcharge"
]).annotate({ identifier: "ProductType" })

/**
 * @category models
 * @since 0.1.0
 */
export type ProductType = typeof ProductType.Type

/**
 * A line item. `quantity` is at least 1; every amount is an integer in minor
 * units (cents), 0..99999999.
 *
 * @category models
 * @since 0.1.0
 */
export const CartItem = WireStruct("CartItem", {
  name: BoundedString(1, 255),
  quantity: Schema.Int.check(Schema.isGreaterThan(0), Schema.isLessThanOrEqualTo(99_999_999)),
  unitAmount: Amount,
  discountAmount: optionalNullable(Amount).annotateKey({ default: 0 }),
  taxAmount: optionalNullable(Amount).annotateKey({ default: 0 }),
  externalIdentifier: optionalNullable(BoundedString(1, 200)),
  sku: optionalNullable(BoundedString(1, 200)),
  upc: optionalNullable(BoundedString(1, 50)),
  productUrl: optionalNullable(Schema.String),
  imageUrl: optionalNullable(Schema.String),
  categories: optionalNullable(Schema.Array(BoundedString(1, 50))),
  productType: optionalNullable(ProductType),
  sellerCountry: optionalNullable(CountryCode),
  taxExempt: optionalNullable(Schema.Boolean),
  unitOfMeasure: optionalNullable(BoundedString(1, 50)),
  commodityCode: optionalNullable(BoundedString(1, 50)),
  description: optionalNullable(BoundedString(1, 255)),
  dutyAmount: optionalNullable(Amount),
  shippingAmount: optionalNullable(Amount)
})

/**
 * @category models
 * @since 0.1.0
 */
export type CartItem = typeof CartItem.Type

/**
 * @category models
 * @since 0.1.0
 */
export type CartItemEncoded = typeof CartItem.Encoded
