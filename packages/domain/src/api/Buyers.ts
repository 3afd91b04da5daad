/**
 * The buyers endpoints of the payments contract: stored buyers, their
 * shipping details and their stored payment methods. Every call needs a
 * bearer token (`buyers.read` / `.write`; a buyer's payment methods
 * `payment-methods.read` or `embed`).
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { HttpApi, HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "effect/http-api"
import { strictOptions } from "../StrictDecoder.ts"
import { ShippingDetailsCreate } from "../Buyer.ts"
import {
  Buyer,
  BuyerCreate,
  Buyers,
  BuyerUpdate,
  ShippingDetails,
  ShippingDetailsList,
  ShippingDetailsUpdate
} from "../BuyerResource.ts"
import { PageQuery } from "../Collection.ts"
import { ApiErrors } from "../Errors.ts"
import { GiftCardSummaries } from "../GiftCard.ts"
import { PaymentMethodSummaries } from "../PaymentMethodResource.ts"
import { CountryCode, CurrencyCode, Uuid } from "../Primitives.ts"
import { Authorization } from "./Authorization.ts"
import { accountHeaders, IdParam } from "./Params.ts"

const buyer = { buyer_id: IdParam("The ID of the buyer.", "uuid") }
const shipping = { ...buyer, shipping_details_id: IdParam("The ID of the shipping details.", "uuid") }
const headers = accountHeaders

/**
 * The query of `GET /buyers/payment-methods`: whose methods (by buyer id or
 * external identifier), in what order, for what country and currency.
 *
 * @category schemas
 * @since 0.2.0
 */
export const BuyerPaymentMethodsQuery = {
  buyer_id: Schema.optionalKey(Uuid),
  buyer_external_identifier: Schema.optionalKey(Schema.String),
  sort_by: Schema.optionalKey(Schema.Literals(["last_used_at", "usage_count", "cit_last_used_at", "cit_usage_count"])),
  order_by: Schema.optionalKey(Schema.Literals(["asc", "desc"]).annotate({ default: "desc" })),
  country: Schema.optionalKey(CountryCode),
  currency: Schema.optionalKey(CurrencyCode)
}

/**
 * The query of `GET /buyers/gift-cards`: whose gift cards (by buyer id or
 * external identifier) and in what order.
 *
 * @category schemas
 * @since 0.3.0
 */
export const BuyerGiftCardsQuery = {
  buyer_id: BuyerPaymentMethodsQuery.buyer_id,
  buyer_external_identifier: BuyerPaymentMethodsQuery.buyer_external_identifier,
  sort_by: BuyerPaymentMethodsQuery.sort_by,
  order_by: BuyerPaymentMethodsQuery.order_by
}

/**
 * `listBuyers`, `addBuyer`, `getBuyer`, `updateBuyer`, `deleteBuyer`,
 * `listBuyerShippingDetails`, `addBuyerShippingDetails`,
 * `getBuyerShippingDetails`, `updateBuyerShippingDetails`,
 * `deleteBuyerShippingDetails`, `listBuyerPaymentMethods` and
 * `listBuyerGiftCards`. The literal paths (`/buyers/payment-methods`,
 * `/buyers/gift-cards`) come before `/buyers/:buyer_id` so the router matches
 * them first.
 *
 * @category groups
 * @since 0.2.0
 */
export class BuyersGroup extends HttpApiGroup.make("buyers")
  .add(
    HttpApiEndpoint.get("listBuyers", "/buyers", {
      headers,
      query: {
        ...PageQuery,
        search: Schema.optionalKey(Schema.String.annotate({
          description: "Only the buyers whose `display_name` or `external_identifier` matches."
        })),
        external_identifier: Schema.optionalKey(Schema.String)
      },
      success: Buyers,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List all buyers" })),
    HttpApiEndpoint.post("addBuyer", "/buyers", {
      headers,
      payload: BuyerCreate,
      success: Buyer.pipe(HttpApiSchema.status(201)),
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Add a buyer" })),
    HttpApiEndpoint.get("listBuyerPaymentMethods", "/buyers/payment-methods", {
      headers,
      query: BuyerPaymentMethodsQuery,
      success: PaymentMethodSummaries,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List payment methods for a buyer" })),
    HttpApiEndpoint.get("listBuyerGiftCards", "/buyers/gift-cards", {
      headers,
      query: BuyerGiftCardsQuery,
      success: GiftCardSummaries,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List gift cards for a buyer" })),
    HttpApiEndpoint.get("getBuyer", "/buyers/:buyer_id", { params: buyer, headers, success: Buyer, error: ApiErrors })
      .annotateMerge(OpenApi.annotations({ summary: "Get a buyer" })),
    HttpApiEndpoint.put("updateBuyer", "/buyers/:buyer_id", {
      params: buyer,
      headers,
      payload: BuyerUpdate,
      success: Buyer,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Update a buyer" })),
    HttpApiEndpoint.delete("deleteBuyer", "/buyers/:buyer_id", {
      params: buyer,
      headers,
      success: HttpApiSchema.NoContent,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Delete a buyer" })),
    HttpApiEndpoint.get("listBuyerShippingDetails", "/buyers/:buyer_id/shipping-details", {
      params: buyer,
      headers,
      success: ShippingDetailsList,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List a buyer's shipping details" })),
    HttpApiEndpoint.post("addBuyerShippingDetails", "/buyers/:buyer_id/shipping-details", {
      params: buyer,
      headers,
      payload: ShippingDetailsCreate,
      success: ShippingDetails.pipe(HttpApiSchema.status(201)),
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Add buyer shipping details" })),
    HttpApiEndpoint.get("getBuyerShippingDetails", "/buyers/:buyer_id/shipping-details/:shipping_details_id", {
      params: shipping,
      headers,
      success: ShippingDetails,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Get buyer shipping details" })),
    HttpApiEndpoint.put("updateBuyerShippingDetails", "/buyers/:buyer_id/shipping-details/:shipping_details_id", {
      params: shipping,
      headers,
      payload: ShippingDetailsUpdate,
      success: ShippingDetails,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Update a buyer's shipping details" })),
    HttpApiEndpoint.delete("deleteBuyerShippingDetails", "/buyers/:buyer_id/shipping-details/:shipping_details_id", {
      params: shipping,
      headers,
      success: HttpApiSchema.NoContent,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Delete a buyer's shipping details" }))
  )
  .middleware(Authorization)
  // Bodies are decoded strictly (StrictDecoder's `strictOptions`): unknown keys refused, every invalid field reported.
  .annotate(HttpApi.PayloadParseOptions, strictOptions)
  .annotateMerge(OpenApi.annotations({ title: "Buyers" }))
{}
