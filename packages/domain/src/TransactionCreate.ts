/**
 * The body of `POST /transactions` (`TransactionCreate`) and what it carries:
 * the payment method as any of the forms the spec allows (a card, a stored
 * method's `id`, a checkout session, a redirect method, a wallet or network
 * token, a bank account), gift cards, 3-D Secure data, the browser's details.
 * Card numbers, security codes, PINs, tokens and cryptograms are `Redacted`
 * on the Type side.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { Airline } from "./Airline.ts"
import { GuestBuyer } from "./Buyer.ts"
import { BuyerId } from "./BuyerResource.ts"
import { CartItem } from "./Cart.ts"
import { TransactionIntent, TransactionPaymentSource } from "./CheckoutSession.ts"
import { TransactionConnectionOptions } from "./ConnectionOptions.ts"
import { CardScheme, CardType } from "./PaymentMethod.ts"
import {
  BankAccountHolder,
  ExpirationDate,
  PlaidPaymentMethodCreate,
  RedirectPaymentMethodCreate
} from "./PaymentMethodResource.ts"
import { IntegrationClient } from "./PaymentService.ts"
import {
  Amount,
  BoundedString,
  CountryCode,
  CurrencyCode,
  DateTimeUtc,
  DigitString,
  type Identity,
  optionalNullable,
  PaymentServiceId,
  Secret,
  Uuid,
  WireStruct
} from "./Primitives.ts"
import {
  levelThreeFields,
  Recipient,
  StatementDescriptor,
  ThreeDSecureDataV1,
  ThreeDSecureDataV2
} from "./Transaction.ts"

// Where the buyer returns after a redirect: a URL, or a `data:` URL of JSON (the spec lists both, in this order).
const RedirectUrl = Schema.Union([
  Schema.String,
  Schema.String.check(Schema.isPattern(/^data:application\/json;base64,.*$/u))
])


const CardNumber = Secret(DigitString(13, 19), "number")
const SecurityCode = Secret(DigitString(3, 4), "security_code")
const Identifier = optionalNullable(BoundedString(1, 200))

// A card in full: the card form's fields, and those of a wallet's card number (FPAN), which comes without its
// security code.
const cardFields = {
  expirationDate: ExpirationDate,
  number: CardNumber,
  buyerExternalIdentifier: Identifier,
  buyerId: optionalNullable(BuyerId),
  externalIdentifier: Identifier,
  cardType: optionalNullable(CardType)
}

// What a wallet's payment method (Apple Pay, Google Pay, Paze) carries beside its token.
const walletFields = {
  buyerExternalIdentifier: Identifier,
  buyerId: optionalNullable(BuyerId),
  cardholderName: optionalNullable(BoundedString(0, 200)),
  redirectUrl: optionalNullable(RedirectUrl),
  cardSuffix: optionalNullable(BoundedString(4, 4)),
  cardScheme: optionalNullable(Schema.String),
  cardType: optionalNullable(Schema.String)
}

/**
 * Create a transaction with raw card details
 *
 * @category models
 * @since 0.2.0
 */
export const CardWithUrlPaymentMethodCreate = WireStruct("CardWithUrlPaymentMethodCreate", {
  ...cardFields,
  method: Schema.optionalKey(Schema.Literal("card")).annotateKey({ default: "card" }),
  securityCode: optionalNullable(SecurityCode),
  redirectUrl: optionalNullable(RedirectUrl)
})

/**
 * @category models
 * @since 0.2.0
 */
export type CardWithUrlPaymentMethodCreate = typeof CardWithUrlPaymentMethodCreate.Type

/**
 * Create a transaction with the ID (token) of a stored payment method (and an
 * optional URL for approval)
 *
 * @category models
 * @since 0.2.0
 */
export const TokenPaymentMethodCreate = WireStruct("TokenPaymentMethodCreate", {
  id: Uuid,
  method: Schema.optionalKey(Schema.Literal("id")).annotateKey({ default: "id" }),
  securityCode: optionalNullable(SecurityCode),
  redirectUrl: optionalNullable(RedirectUrl)
})

/**
 * @category models
 * @since 0.2.0
 */
export type TokenPaymentMethodCreate = typeof TokenPaymentMethodCreate.Type

/**
 * Create an Apple Pay transaction with a device or merchant token.
 *
 * @category models
 * @since 0.2.0
 */
export const ApplePayPaymentMethodCreate = WireStruct("ApplePayPaymentMethodCreate", {
  ...walletFields,
  method: Schema.Literal("applepay"),
  // The wallet's encrypted payment data, as the wallet gave it: redacted whole.
  token: Secret(Schema.Record(Schema.String, Schema.Unknown), "token")
})

/**
 * @category models
 * @since 0.2.0
 */
export type ApplePayPaymentMethodCreate = typeof ApplePayPaymentMethodCreate.Type

/**
 * Create a Click to Pay payment with a decrypted token and cryptogram. This is
 * mainly used internally but can be used by anyone with their own C2P
 * integration.
 *
 * @category models
 * @since 0.2.0
 */
export const ClickToPayPaymentMethodCreate = WireStruct("ClickToPayPaymentMethodCreate", {
  method: Schema.Literal("click-to-pay"),
  token: Secret(Schema.String, "token"),
  cryptogram: Secret(Schema.String, "cryptogram"),
  expirationDate: ExpirationDate,
  buyerId: optionalNullable(BuyerId),
  buyerExternalIdentifier: Identifier,
  externalIdentifier: Identifier,
  redirectUrl: optionalNullable(RedirectUrl)
})

/**
 * @category models
 * @since 0.2.0
 */
export type ClickToPayPaymentMethodCreate = typeof ClickToPayPaymentMethodCreate.Type

/**
 * Create a Click to Pay payment with an FPAN or virtual PAN
 *
 * @category models
 * @since 0.2.0
 */
export const ClickToPayFPANPaymentMethodCreate = WireStruct("ClickToPayFPANPaymentMethodCreate", {
  ...cardFields,
  method: Schema.Literal("click-to-pay"),
  redirectUrl: optionalNullable(RedirectUrl),
  securityCode: Schema.optionalKey(Schema.Null)
})

/**
 * @category models
 * @since 0.2.0
 */
export type ClickToPayFPANPaymentMethodCreate = typeof ClickToPayFPANPaymentMethodCreate.Type

/**
 * The assurance details provided by Google Pay
 *
 * @category models
 * @since 0.2.0
 */
export const GooglePayAssuranceDetails = WireStruct("GooglePayAssuranceDetails", {
  accountVerified: optionalNullable(Schema.Boolean),
  cardHolderAuthenticated: optionalNullable(Schema.Boolean)
})

/**
 * @category models
 * @since 0.2.0
 */
export type GooglePayAssuranceDetails = typeof GooglePayAssuranceDetails.Type

/**
 * Create a Google Pay transaction with a device token.
 *
 * @category models
 * @since 0.2.0
 */
export const GooglePayPaymentMethodCreate = WireStruct("GooglePayPaymentMethodCreate", {
  ...walletFields,
  method: Schema.Literal("googlepay"),
  // The wallet's token, as a string or as the JSON object the wallet gave: redacted whole.
  token: Secret(Schema.Union([Schema.String, Schema.Record(Schema.String, Schema.Unknown)]), "token"),
  assuranceDetails: optionalNullable(GooglePayAssuranceDetails)
})

/**
 * @category models
 * @since 0.2.0
 */
export type GooglePayPaymentMethodCreate = typeof GooglePayPaymentMethodCreate.Type

/**
 * Create a Google Pay payment with an FPAN.
 *
 * @category models
 * @since 0.2.0
 */
export const GooglePayFPANPaymentMethodCreate = WireStruct("GooglePayFPANPaymentMethodCreate", {
  ...cardFields,
  method: Schema.Literal("googlepay_pan_only"),
  redirectUrl: optionalNullable(RedirectUrl),
  securityCode: Schema.optionalKey(Schema.Null)
})

/**
 * @category models
 * @since 0.2.0
 */
export type GooglePayFPANPaymentMethodCreate = typeof GooglePayFPANPaymentMethodCreate.Type

/**
 * Create a Paze transaction with a device token.
 *
 * @category models
 * @since 0.2.0
 */
export const PazePaymentMethodCreate = WireStruct("PazePaymentMethodCreate", {
  ...walletFields,
  method: Schema.Literal("paze"),
  token: Secret(Schema.String, "token"),
  checkoutToken: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type PazePaymentMethodCreate = typeof PazePaymentMethodCreate.Type

/**
 * A network token and its cryptogram, to pay with.
 *
 * @category models
 * @since 0.2.0
 */
export const NetworkTokenPaymentMethodCreate = WireStruct("NetworkTokenPaymentMethodCreate", {
  method: Schema.Literal("network-token"),
  token: Secret(Schema.String, "token"),
  expirationDate: ExpirationDate,
  cryptogram: optionalNullable(Secret(Schema.String, "cryptogram")),
  redirectUrl: optionalNullable(RedirectUrl),
  cardSource: optionalNullable(Schema.Literals(["apple-pay", "google-pay"])),
  cardScheme: optionalNullable(CardScheme),
  cardSuffix: optionalNullable(Schema.String.check(Schema.isMaxCodePoints(4))),
  cardholderName: optionalNullable(Schema.String),
  eci: optionalNullable(BoundedString(1, 2).check(Schema.isPattern(/^0?\d$/u)))
})

/**
 * @category models
 * @since 0.2.0
 */
export type NetworkTokenPaymentMethodCreate = typeof NetworkTokenPaymentMethodCreate.Type

/**
 * Base class for Bank Payment Methods.
 *
 * @category models
 * @since 0.2.0
 */
export const BaseBankPaymentMethodCreate = WireStruct("BaseBankPaymentMethodCreate", {
  method: Schema.optionalKey(Schema.Literal("bank")).annotateKey({ default: "bank" }),
  accountHolder: BankAccountHolder,
  buyerId: optionalNullable(BuyerId),
  buyerExternalIdentifier: Identifier,
  externalIdentifier: Identifier
})

/**
 * @category models
 * @since 0.2.0
 */
export type BaseBankPaymentMethodCreate = typeof BaseBankPaymentMethodCreate.Type

/**
 * Create a payment with a checkout session ID (and an optional URL for 3DS).
 *
 * @category models
 * @since 0.2.0
 */
export const CheckoutSessionWithUrlPaymentMethodCreate = WireStruct("CheckoutSessionWithUrlPaymentMethodCreate", {
  method: Schema.optionalKey(Schema.Literal("checkout-session")).annotateKey({ default: "checkout-session" }),
  id: Uuid,
  externalIdentifier: Identifier,
  buyerId: optionalNullable(BuyerId),
  buyerExternalIdentifier: Identifier,
  redirectUrl: optionalNullable(RedirectUrl)
})

/**
 * @category models
 * @since 0.2.0
 */
export type CheckoutSessionWithUrlPaymentMethodCreate = typeof CheckoutSessionWithUrlPaymentMethodCreate.Type

/**
 * Create a charge against a gift card
 *
 * @category models
 * @since 0.2.0
 */
export const GiftCardTransactionCreate = WireStruct("GiftCardTransactionCreate", {
  number: Secret(BoundedString(16, 19).check(Schema.isPattern(/^\d+$/u)), "number"),
  pin: Secret(BoundedString(1), "pin"),
  amount: Schema.Int
})

/**
 * @category models
 * @since 0.2.0
 */
export type GiftCardTransactionCreate = typeof GiftCardTransactionCreate.Type

/**
 * A stored gift card to redeem, by its id, with the amount to take from it.
 *
 * @category models
 * @since 0.2.0
 */
export const GiftCardTokenTransactionCreate = WireStruct("GiftCardTokenTransactionCreate", {
  id: Uuid,
  amount: Amount
})

/**
 * @category models
 * @since 0.2.0
 */
export type GiftCardTokenTransactionCreate = typeof GiftCardTokenTransactionCreate.Type

/**
 * Options of the 3-D Secure authentication Gr4vy runs for a transaction.
 *
 * @category models
 * @since 0.2.0
 */
export const ThreeDSecure = WireStruct("ThreeDSecure", {
  amount: optionalNullable(Schema.Int)
})

/**
 * @category models
 * @since 0.2.0
 */
export type ThreeDSecure = typeof ThreeDSecure.Type

/**
 * Merchant provided browser info
 *
 * @category models
 * @since 0.2.0
 */
export const BrowserInfo = WireStruct("BrowserInfo", {
  javascriptEnabled: Schema.Boolean,
  javaEnabled: Schema.Boolean,
  language: Schema.String,
  colorDepth: Schema.Int,
  screenHeight: Schema.Int,
  screenWidth: Schema.Int,
  timeZoneOffset: Schema.Int,
  userAgent: Schema.String,
  userDevice: Schema.Literals(["desktop", "mobile"]),
  acceptHeader: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type BrowserInfo = typeof BrowserInfo.Type

/**
 * The payment method of a transaction to create: any of the forms the spec
 * allows, in its order — a card (`method: "card"`), a redirect method, a
 * stored method's token (`method: "id"`), Apple Pay, Click to Pay, Google Pay,
 * Paze, a network token, Plaid, a bank account, or a checkout session
 * (`method: "checkout-session"`).
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionPaymentMethodCreate = Schema.Union([
  CardWithUrlPaymentMethodCreate,
  RedirectPaymentMethodCreate,
  TokenPaymentMethodCreate,
  ApplePayPaymentMethodCreate,
  ClickToPayPaymentMethodCreate,
  ClickToPayFPANPaymentMethodCreate,
  GooglePayPaymentMethodCreate,
  GooglePayFPANPaymentMethodCreate,
  PazePaymentMethodCreate,
  NetworkTokenPaymentMethodCreate,
  PlaidPaymentMethodCreate,
  BaseBankPaymentMethodCreate,
  CheckoutSessionWithUrlPaymentMethodCreate
])

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionPaymentMethodCreate = typeof TransactionPaymentMethodCreate.Type

const TransactionCreateSchema = WireStruct("TransactionCreate", {
  amount: Amount,
  currency: CurrencyCode,
  country: optionalNullable(CountryCode),
  paymentMethod: optionalNullable(TransactionPaymentMethodCreate),
  buyer: optionalNullable(GuestBuyer),
  buyerId: optionalNullable(BuyerId),
  buyerExternalIdentifier: Identifier,
  giftCards: optionalNullable(Schema.Array(Schema.Union([GiftCardTransactionCreate, GiftCardTokenTransactionCreate]))),
  externalIdentifier: Identifier,
  intent: Schema.optionalKey(TransactionIntent).annotateKey({ default: "authorize" }),
  store: Schema.optionalKey(Schema.Boolean).annotateKey({ default: false }),
  threeDSecureData: optionalNullable(Schema.Union([ThreeDSecureDataV1, ThreeDSecureDataV2])),
  threeDSecure: optionalNullable(ThreeDSecure),
  metadata: optionalNullable(Schema.Record(Schema.String, Schema.String)),
  isSubsequentPayment: Schema.optionalKey(Schema.Boolean).annotateKey({ default: false }),
  merchantInitiated: Schema.optionalKey(Schema.Boolean).annotateKey({ default: false }),
  paymentSource: Schema.optionalKey(TransactionPaymentSource).annotateKey({ default: "ecommerce" }),
  airline: optionalNullable(Airline),
  description: optionalNullable(Schema.String),
  cartItems: optionalNullable(Schema.Array(CartItem)),
  statementDescriptor: optionalNullable(StatementDescriptor),
  previousSchemeTransactionId: optionalNullable(BoundedString(1, 100)),
  previousTransactionLinkId: optionalNullable(BoundedString(1, 100)),
  browserInfo: optionalNullable(BrowserInfo),
  shippingDetailsId: optionalNullable(Uuid),
  connectionOptions: optionalNullable(TransactionConnectionOptions),
  asyncCapture: Schema.optionalKey(Schema.Boolean).annotateKey({ default: false }),
  antiFraudFingerprint: optionalNullable(Schema.String),
  paymentServiceId: optionalNullable(PaymentServiceId),
  accountFundingTransaction: Schema.optionalKey(Schema.Boolean).annotateKey({ default: false }),
  allowPartialAuthorization: Schema.optionalKey(Schema.Boolean).annotateKey({ default: false }),
  recipient: optionalNullable(Recipient),
  installmentCount: optionalNullable(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 100 }))),
  ...levelThreeFields,
  integrationClient: optionalNullable(IntegrationClient),
  approvalExpiresAt: optionalNullable(DateTimeUtc)
})

/**
 * The schema of `TransactionCreate`, by name (its own type is too large to spell out
 * wherever it is used).
 *
 * @category models
 * @since 0.2.0
 */
export interface TransactionCreateSchema extends Identity<typeof TransactionCreateSchema> {}

/**
 * The body of `POST /transactions`: the amount and currency, the payment
 * method (`TransactionPaymentMethodCreate`), the buyer (a guest `buyer`, a
 * stored `buyer_id` or its `buyer_external_identifier`), and what the payment
 * service may need: `intent` (`authorize`, the default, or `capture`),
 * `store`, cart items, airline data, metadata, 3-D Secure data, connection
 * options, and the flags of a merchant-initiated or subsequent payment.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionCreate: TransactionCreateSchema = TransactionCreateSchema

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionCreate = typeof TransactionCreate.Type
