/**
 * Stored buyers and their shipping details (`/buyers`): the resources as the
 * API returns them, the bodies that create and update them, and their lists.
 * The guest buyer of a checkout session stays in `Buyer`.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { BillingDetails, contactFields } from "./Buyer.ts"
import { Collection, ItemList } from "./Collection.ts"
import { BoundedString, DateTimeUtc, optionalNullable, Uuid, WireStruct } from "./Primitives.ts"

/**
 * The id of a stored buyer.
 *
 * @category models
 * @since 0.2.0
 */
export const BuyerId = Uuid.pipe(Schema.brand("BuyerId"))

/**
 * @category models
 * @since 0.2.0
 */
export type BuyerId = typeof BuyerId.Type

const buyerFields = {
  displayName: optionalNullable(BoundedString(1, 200)),
  externalIdentifier: optionalNullable(BoundedString(1, 200)),
  billingDetails: optionalNullable(BillingDetails),
  accountNumber: optionalNullable(BoundedString(1, 200))
}

/**
 * The body of `POST /buyers`.
 *
 * @category models
 * @since 0.2.0
 */
export const BuyerCreate = WireStruct("BuyerCreate", buyerFields)

/**
 * @category models
 * @since 0.2.0
 */
export type BuyerCreate = typeof BuyerCreate.Type

/**
 * The body of `PUT /buyers/{buyer_id}`: only the fields it names change,
 * `null` clears one.
 *
 * @category models
 * @since 0.2.0
 */
export const BuyerUpdate = WireStruct("BuyerUpdate", buyerFields)

/**
 * @category models
 * @since 0.2.0
 */
export type BuyerUpdate = typeof BuyerUpdate.Type

/**
 * A stored buyer as the API returns it.
 *
 * @category models
 * @since 0.2.0
 */
export const Buyer = WireStruct("Buyer", {
  type: Schema.optionalKey(Schema.Literal("buyer")).annotateKey({ default: "buyer" }),
  id: BuyerId,
  reconciliationId: Schema.String,
  merchantAccountId: Schema.String,
  ...buyerFields,
  createdAt: DateTimeUtc,
  updatedAt: DateTimeUtc
})

/**
 * @category models
 * @since 0.2.0
 */
export type Buyer = typeof Buyer.Type

/**
 * A page of buyers (`GET /buyers`).
 *
 * @category models
 * @since 0.2.0
 */
export const Buyers = Collection("Buyers", Buyer)

/**
 * The body of `PUT /buyers/{buyer_id}/shipping-details/{shipping_details_id}`.
 * (`ShippingDetailsCreate`, the body of `POST`, is in `Buyer`.)
 *
 * @category models
 * @since 0.2.0
 */
export const ShippingDetailsUpdate = WireStruct("ShippingDetailsUpdate", contactFields)

/**
 * @category models
 * @since 0.2.0
 */
export type ShippingDetailsUpdate = typeof ShippingDetailsUpdate.Type

/**
 * A buyer's stored shipping details as the API returns them. Every field is
 * optional in the spec, `id` and `buyer_id` included.
 *
 * @category models
 * @since 0.2.0
 */
export const ShippingDetails = WireStruct("ShippingDetails", {
  ...contactFields,
  id: optionalNullable(Uuid),
  buyerId: optionalNullable(BuyerId),
  type: Schema.optionalKey(Schema.Literal("shipping-details")).annotateKey({ default: "shipping-details" })
})

/**
 * @category models
 * @since 0.2.0
 */
export type ShippingDetails = typeof ShippingDetails.Type

/**
 * A buyer's shipping details, whole.
 *
 * @category models
 * @since 0.2.0
 */
export const ShippingDetailsList = ItemList("ShippingDetailsList", ShippingDetails)
