/**
 * Payment options (the ways a buyer can pay for a given cart: `POST
 * /payment-options`) and card scheme definitions (`GET
 * /card-scheme-definitions`). Gr4vy's vendored spec does not describe them:
 * these models hold the fields Gr4vy's answers carry and its SDKs require.
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import { CartItem } from "./Cart.ts"
import { Metadata } from "./CheckoutSession.ts"
import { ItemList } from "./Collection.ts"
import { Mode } from "./PaymentService.ts"
import { Amount, BoundedString, CountryCode, CurrencyCode, optionalNullable, WireStruct } from "./Primitives.ts"

/**
 * The body of `POST /payment-options`: the cart the options are for. Every
 * key is optional; without a country or currency every accepted one counts.
 *
 * @category models
 * @since 0.3.0
 */
export const PaymentOptionRequest = WireStruct("PaymentOptionRequest", {
  metadata: optionalNullable(Metadata),
  country: optionalNullable(CountryCode),
  currency: optionalNullable(CurrencyCode),
  amount: optionalNullable(Amount),
  locale: Schema.optionalKey(BoundedString(2, 5)).annotateKey({ default: "en" }),
  cartItems: optionalNullable(Schema.Array(CartItem))
})

/**
 * @category models
 * @since 0.3.0
 */
export type PaymentOptionRequest = typeof PaymentOptionRequest.Type

/**
 * The size of a payment option's approval page.
 *
 * @category models
 * @since 0.3.0
 */
export const PaymentOptionApprovalUi = WireStruct("PaymentOptionApprovalUi", {
  height: optionalNullable(Schema.String),
  width: optionalNullable(Schema.String)
})

/**
 * What a redirect or card option needs at checkout.
 *
 * @category models
 * @since 0.3.0
 */
export const PaymentOptionContext = WireStruct("PaymentOptionContext", {
  approvalUi: optionalNullable(PaymentOptionApprovalUi),
  requiredFields: optionalNullable(Schema.Record(Schema.String, Schema.Unknown)),
  redirectRequiresPopup: Schema.Boolean,
  requiresTokenizedRedirectPopup: Schema.Boolean
})

/**
 * What a wallet option (Apple Pay, Click to Pay) needs at checkout.
 *
 * @category models
 * @since 0.3.0
 */
export const WalletPaymentOptionContext = WireStruct("WalletPaymentOptionContext", {
  merchantName: Schema.String,
  supportedSchemes: Schema.Array(Schema.String)
})

/**
 * What the Google Pay option needs at checkout.
 *
 * @category models
 * @since 0.3.0
 */
export const GooglePayPaymentOptionContext = WireStruct("GooglePayPaymentOptionContext", {
  merchantName: Schema.String,
  supportedSchemes: Schema.Array(Schema.String),
  gateway: Schema.String,
  gatewayMerchantId: Schema.String
})

/**
 * A way to pay the cart: a method, how it is taken, and whether it can be
 * stored or captured later.
 *
 * @category models
 * @since 0.3.0
 */
export const PaymentOption = WireStruct("PaymentOption", {
  type: Schema.optionalKey(Schema.Literal("payment-option")).annotateKey({ default: "payment-option" }),
  method: Schema.String,
  iconUrl: optionalNullable(Schema.String),
  mode: Mode,
  label: optionalNullable(Schema.String),
  canStorePaymentMethod: Schema.Boolean,
  canDelayCapture: Schema.Boolean,
  context: optionalNullable(
    Schema.Union([GooglePayPaymentOptionContext, WalletPaymentOptionContext, PaymentOptionContext])
  )
})

/**
 * @category models
 * @since 0.3.0
 */
export type PaymentOption = typeof PaymentOption.Type

/**
 * The answer of `POST /payment-options`, whole.
 *
 * @category models
 * @since 0.3.0
 */
export const PaymentOptions = ItemList("PaymentOptions", PaymentOption)

/**
 * A card scheme as Gr4vy shows it: its id (`visa`), name and icon.
 *
 * @category models
 * @since 0.3.0
 */
export const CardSchemeDefinition = WireStruct("CardSchemeDefinition", {
  type: Schema.optionalKey(Schema.Literal("card-scheme-definition")).annotateKey({
    default: "card-scheme-definition"
  }),
  id: Schema.String,
  iconUrl: Schema.String,
  displayName: Schema.String
})

/**
 * @category models
 * @since 0.3.0
 */
export type CardSchemeDefinition = typeof CardSchemeDefinition.Type

/**
 * The answer of `GET /card-scheme-definitions`, whole.
 *
 * @category models
 * @since 0.3.0
 */
export const CardSchemeDefinitions = ItemList("CardSchemeDefinitions", CardSchemeDefinition)
