/**
 * `connection_options` of a transaction: per-connector options, keyed by the
 * connector's id (`adyen-card`, `mock-card`, `stripe-card`, …), each as the
 * spec defines it. Keys are the spec's own: connector ids are kebab-case and
 * some connectors name their fields in camelCase (`additionalData`), so these
 * models keep the wire names on the Type side too.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import {
  BoundedString,
  CountryCode,
  CurrencyCode,
  type Identity,
  optionalNullable,
  Secret,
  WireStruct
} from "./Primitives.ts"

/**
 * `AccountUpdaterOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const AccountUpdaterOptions = WireStruct("AccountUpdaterOptions", {
  responseCode: optionalNullable(Schema.Literal("updated")),
  accountNumber: optionalNullable(Secret(BoundedString(12, 18), "account_number")),
  expirationMonth: optionalNullable(BoundedString(2, 2)),
  expirationYear: optionalNullable(BoundedString(4, 4)),
  errorCode: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type AccountUpdaterOptions = typeof AccountUpdaterOptions.Type

/**
 * `AdyenOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const AdyenOptions = Schema.Struct({
  additionalData: optionalNullable(Schema.Record(Schema.String, Schema.String))
}).annotate({ identifier: "AdyenOptions" })

/**
 * @category models
 * @since 0.2.0
 */
export type AdyenOptions = typeof AdyenOptions.Type

/**
 * `AdyenCardAutoRescueScenariosEnum`, a connector's options as the spec defines
 * them.
 *
 * @category models
 * @since 0.2.0
 */
export const AdyenCardAutoRescueScenariosEnum = Schema.Literals([
  "AutoRescueSuccessfulFirst", "AutoRescueSuccessfulSecond", "AutoRescueFailed", "AutoRescueFraud"
]).annotate({ identifier: "AdyenCardAutoRescueScenariosEnum" })

/**
 * @category models
 * @since 0.2.0
 */
export type AdyenCardAutoRescueScenariosEnum = typeof AdyenCardAutoRescueScenariosEnum.Type

/**
 * `AdyenSplitsOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const AdyenSplitsOptions = WireStruct("AdyenSplitsOptions", {
  authorization: optionalNullable(Schema.Array(Schema.Record(Schema.String, Schema.Unknown))),
  capture: optionalNullable(Schema.Array(Schema.Record(Schema.String, Schema.Unknown))),
  refund: optionalNullable(Schema.Array(Schema.Record(Schema.String, Schema.Unknown)))
})

/**
 * @category models
 * @since 0.2.0
 */
export type AdyenSplitsOptions = typeof AdyenSplitsOptions.Type

/**
 * `AdyenCardOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const AdyenCardOptions = Schema.Struct({
  autoRescue: optionalNullable(Schema.Boolean),
  maxDaysToRescue: optionalNullable(Schema.Int),
  additionalData: optionalNullable(Schema.Record(Schema.String, Schema.String)),
  autoRescueScenario: optionalNullable(AdyenCardAutoRescueScenariosEnum),
  window_origin: optionalNullable(Schema.String),
  splits: optionalNullable(AdyenSplitsOptions),
  merchantRiskIndicator: optionalNullable(Schema.Record(Schema.String, Schema.Unknown)),
  accountInfo: optionalNullable(Schema.Record(Schema.String, Schema.Unknown)),
  riskData: optionalNullable(Schema.Record(Schema.String, Schema.Unknown)),
  threeDSRequestorChallengeInd: optionalNullable(Schema.String),
  attemptAuthentication: optionalNullable(Schema.String)
}).annotate({ identifier: "AdyenCardOptions" })

/**
 * @category models
 * @since 0.2.0
 */
export type AdyenCardOptions = typeof AdyenCardOptions.Type

/**
 * `AdyenPixRecurringAmount`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const AdyenPixRecurringAmount = WireStruct("AdyenPixRecurringAmount", {
  value: optionalNullable(Schema.Int),
  currency: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type AdyenPixRecurringAmount = typeof AdyenPixRecurringAmount.Type

/**
 * `AdyenPixRecurringOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const AdyenPixRecurringOptions = Schema.Struct({
  frequency: optionalNullable(Schema.String),
  recurringAmount: Schema.NullOr(AdyenPixRecurringAmount),
  startsAt: optionalNullable(Schema.String),
  endsAt: optionalNullable(Schema.String),
  recurringStatement: optionalNullable(Schema.String)
}).annotate({ identifier: "AdyenPixRecurringOptions" })

/**
 * @category models
 * @since 0.2.0
 */
export type AdyenPixRecurringOptions = typeof AdyenPixRecurringOptions.Type

/**
 * `AdyenPixOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const AdyenPixOptions = Schema.Struct({
  additionalData: optionalNullable(Schema.Record(Schema.String, Schema.String)),
  pixRecurring: optionalNullable(AdyenPixRecurringOptions)
}).annotate({ identifier: "AdyenPixOptions" })

/**
 * @category models
 * @since 0.2.0
 */
export type AdyenPixOptions = typeof AdyenPixOptions.Type

/**
 * `AdyenAutoRescueSepaScenariosEnum`, a connector's options as the spec defines
 * them.
 *
 * @category models
 * @since 0.2.0
 */
export const AdyenAutoRescueSepaScenariosEnum = Schema.Literals([
  "AutoRescueSuccessfulFirst", "AutoRescueSuccessfulSecond", "AutoRescueFailed"
]).annotate({ identifier: "AdyenAutoRescueSepaScenariosEnum" })

/**
 * @category models
 * @since 0.2.0
 */
export type AdyenAutoRescueSepaScenariosEnum = typeof AdyenAutoRescueSepaScenariosEnum.Type

/**
 * `AdyenSepaOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const AdyenSepaOptions = Schema.Struct({
  autoRescue: optionalNullable(Schema.Boolean),
  maxDaysToRescue: optionalNullable(Schema.Int),
  additionalData: optionalNullable(Schema.Record(Schema.String, Schema.String)),
  autoRescueSepaScenario: optionalNullable(AdyenAutoRescueSepaScenariosEnum),
  ownerName: optionalNullable(Schema.String)
}).annotate({ identifier: "AdyenSepaOptions" })

/**
 * @category models
 * @since 0.2.0
 */
export type AdyenSepaOptions = typeof AdyenSepaOptions.Type

/**
 * `AffirmItineraryOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const AffirmItineraryOptions = WireStruct("AffirmItineraryOptions", {
  type: optionalNullable(Schema.String),
  sku: optionalNullable(Schema.String),
  displayName: optionalNullable(Schema.String),
  venue: optionalNullable(Schema.String),
  location: optionalNullable(Schema.String),
  dateStart: optionalNullable(Schema.String),
  management: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type AffirmItineraryOptions = typeof AffirmItineraryOptions.Type

/**
 * `AffirmOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const AffirmOptions = WireStruct("AffirmOptions", {
  discounts: optionalNullable(Schema.Record(Schema.String, Schema.Record(Schema.String, Schema.Unknown))),
  itinerary: optionalNullable(AffirmItineraryOptions)
})

/**
 * @category models
 * @since 0.2.0
 */
export type AffirmOptions = typeof AffirmOptions.Type

/**
 * `BraintreeDynamicDataFieldsOptions`, a connector's options as the spec
 * defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const BraintreeDynamicDataFieldsOptions = WireStruct("BraintreeDynamicDataFieldsOptions", {
  threeDsAuthStatus: optionalNullable(Schema.String),
  purchaseOrderNumber: optionalNullable(Schema.String),
  vaultPaymentMethodCriteria: optionalNullable(Schema.Literals(["ALWAYS", "ON_SUCCESSFUL_TRANSACTION"]))
})

/**
 * @category models
 * @since 0.2.0
 */
export type BraintreeDynamicDataFieldsOptions = typeof BraintreeDynamicDataFieldsOptions.Type

/**
 * `BraintreeOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const BraintreeOptions = WireStruct("BraintreeOptions", {
  discountAmount: optionalNullable(Schema.Int),
  customFields: optionalNullable(Schema.Record(Schema.String, Schema.String)),
  dynamicDataFields: optionalNullable(BraintreeDynamicDataFieldsOptions)
})

/**
 * @category models
 * @since 0.2.0
 */
export type BraintreeOptions = typeof BraintreeOptions.Type

/**
 * `ChaseOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const ChaseOptions = WireStruct("ChaseOptions", {
  comments: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type ChaseOptions = typeof ChaseOptions.Type

/**
 * `CybersourceAntiFraudOptions`, a connector's options as the spec defines
 * them.
 *
 * @category models
 * @since 0.2.0
 */
export const CybersourceAntiFraudOptions = WireStruct("CybersourceAntiFraudOptions", {
  merchantDefinedData: optionalNullable(Schema.Record(Schema.String, BoundedString(0, 5000))),
  metaKeyMerchantId: optionalNullable(Schema.String),
  shippingMethod: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type CybersourceAntiFraudOptions = typeof CybersourceAntiFraudOptions.Type

/**
 * `CybersourceOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const CybersourceOptions = WireStruct("CybersourceOptions", {
  metaKeyMerchantId: optionalNullable(Schema.String),
  merchantDefinedInformation: optionalNullable(Schema.Record(Schema.String, Schema.String)),
  shipToMethod: optionalNullable(Schema.String),
  comments: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type CybersourceOptions = typeof CybersourceOptions.Type

/**
 * `DlocalCardOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const DlocalCardOptions = WireStruct("DlocalCardOptions", {
  threeDsecureForce: optionalNullable(Schema.Boolean)
})

/**
 * @category models
 * @since 0.2.0
 */
export type DlocalCardOptions = typeof DlocalCardOptions.Type

/**
 * `DlocalWalletOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const DlocalWalletOptions = WireStruct("DlocalWalletOptions", {
  name: optionalNullable(Schema.String),
  email: optionalNullable(Schema.String),
  token: optionalNullable(Schema.String),
  username: optionalNullable(Schema.String),
  verify: optionalNullable(Schema.Boolean)
})

/**
 * @category models
 * @since 0.2.0
 */
export type DlocalWalletOptions = typeof DlocalWalletOptions.Type

/**
 * `DlocalOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const DlocalOptions = WireStruct("DlocalOptions", {
  wallet: optionalNullable(DlocalWalletOptions)
})

/**
 * @category models
 * @since 0.2.0
 */
export type DlocalOptions = typeof DlocalOptions.Type

/**
 * `DlocalUPIRecurringInfoOptions`, a connector's options as the spec defines
 * them.
 *
 * @category models
 * @since 0.2.0
 */
export const DlocalUPIRecurringInfoOptions = WireStruct("DlocalUPIRecurringInfoOptions", {
  subscriptionFrequencyUnit: Schema.Literals([
    "MONTH", "WEEK", "BI_MONTHLY", "ONDEMAND", "QUARTER", "YEAR", "SEMI_ANNUALLY", "DAY"
  ]),
  subscriptionFrequency: Schema.Int,
  subscriptionStartAt: Schema.String,
  subscriptionEndAt: Schema.String
})

/**
 * @category models
 * @since 0.2.0
 */
export type DlocalUPIRecurringInfoOptions = typeof DlocalUPIRecurringInfoOptions.Type

/**
 * `DlocalUPIWalletOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const DlocalUPIWalletOptions = WireStruct("DlocalUPIWalletOptions", {
  name: optionalNullable(Schema.String),
  email: optionalNullable(Schema.String),
  token: optionalNullable(Schema.String),
  username: optionalNullable(Schema.String),
  verify: optionalNullable(Schema.Boolean),
  recurringInfo: optionalNullable(DlocalUPIRecurringInfoOptions)
})

/**
 * @category models
 * @since 0.2.0
 */
export type DlocalUPIWalletOptions = typeof DlocalUPIWalletOptions.Type

/**
 * `DlocalUPIOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const DlocalUPIOptions = WireStruct("DlocalUPIOptions", {
  wallet: optionalNullable(DlocalUPIWalletOptions)
})

/**
 * @category models
 * @since 0.2.0
 */
export type DlocalUPIOptions = typeof DlocalUPIOptions.Type

/**
 * `DlocalPIXSubscriptionAmountOptions`, a connector's options as the spec
 * defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const DlocalPIXSubscriptionAmountOptions = WireStruct("DlocalPIXSubscriptionAmountOptions", {
  type: Schema.Literals(["FIXED", "VARIABLE"]),
  value: optionalNullable(Schema.String),
  minValue: Schema.NullOr(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type DlocalPIXSubscriptionAmountOptions = typeof DlocalPIXSubscriptionAmountOptions.Type

/**
 * `DlocalPIXSubscriptionOptions`, a connector's options as the spec defines
 * them.
 *
 * @category models
 * @since 0.2.0
 */
export const DlocalPIXSubscriptionOptions = WireStruct("DlocalPIXSubscriptionOptions", {
  amount: optionalNullable(DlocalPIXSubscriptionAmountOptions),
  frequency: Schema.Literals(["WEEKLY", "MONTHLY", "QUARTERLY", "SEMI_ANNUAL", "ANNUAL"]),
  startDate: optionalNullable(Schema.String),
  endDate: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type DlocalPIXSubscriptionOptions = typeof DlocalPIXSubscriptionOptions.Type

/**
 * `DlocalPIXOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const DlocalPIXOptions = WireStruct("DlocalPIXOptions", {
  subscription: optionalNullable(DlocalPIXSubscriptionOptions),
  scheduledDate: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type DlocalPIXOptions = typeof DlocalPIXOptions.Type

/**
 * `EcommpayOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const EcommpayOptions = WireStruct("EcommpayOptions", {
  bookingStartDate: optionalNullable(Schema.String),
  bookingEndDate: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type EcommpayOptions = typeof EcommpayOptions.Type

/**
 * `KlarnaSubscriptionOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const KlarnaSubscriptionOptions = WireStruct("KlarnaSubscriptionOptions", {
  name: Schema.String,
  interval: Schema.Literals(["DAY", "WEEK", "MONTH", "YEAR"]),
  intervalCount: Schema.Int,
  reference: Schema.String
})

/**
 * @category models
 * @since 0.2.0
 */
export type KlarnaSubscriptionOptions = typeof KlarnaSubscriptionOptions.Type

/**
 * `KlarnaOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const KlarnaOptions = WireStruct("KlarnaOptions", {
  subscription: optionalNullable(KlarnaSubscriptionOptions),
  tokenOnlyMode: optionalNullable(Schema.Boolean),
  authorizationToken: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type KlarnaOptions = typeof KlarnaOptions.Type

/**
 * `FiservInstallmentOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const FiservInstallmentOptions = Schema.Struct({
  numberOfInstallments: optionalNullable(Schema.Int),
  installmentsInterest: optionalNullable(Schema.Boolean),
  installmentDelayMonths: optionalNullable(Schema.Int),
  merchantAdviceCodeSupported: optionalNullable(Schema.Boolean)
}).annotate({ identifier: "FiservInstallmentOptions" })

/**
 * @category models
 * @since 0.2.0
 */
export type FiservInstallmentOptions = typeof FiservInstallmentOptions.Type

/**
 * `FiservOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const FiservOptions = Schema.Struct({
  installmentOptions: optionalNullable(FiservInstallmentOptions)
}).annotate({ identifier: "FiservOptions" })

/**
 * @category models
 * @since 0.2.0
 */
export type FiservOptions = typeof FiservOptions.Type

/**
 * `ForterAntiFraudOptionsCartItemBasicItemData`, a connector's options as the
 * spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const ForterAntiFraudOptionsCartItemBasicItemData = WireStruct("ForterAntiFraudOptionsCartItemBasicItemData", {
  type: optionalNullable(Schema.Literals(["TANGIBLE", "NON_TANGIBLE"]))
})

/**
 * @category models
 * @since 0.2.0
 */
export type ForterAntiFraudOptionsCartItemBasicItemData = typeof ForterAntiFraudOptionsCartItemBasicItemData.Type

/**
 * `ForterAntiFraudOptionsCartItemDeliveryDetails`, a connector's options as the
 * spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const ForterAntiFraudOptionsCartItemDeliveryDetails = WireStruct(
  "ForterAntiFraudOptionsCartItemDeliveryDetails",
  {
    deliveryType: optionalNullable(Schema.Literals(["DIGITAL", "PHYSICAL", "HYBRID"])),
    deliveryMethod: optionalNullable(Schema.String)
  }
)

/**
 * @category models
 * @since 0.2.0
 */
export type ForterAntiFraudOptionsCartItemDeliveryDetails = typeof ForterAntiFraudOptionsCartItemDeliveryDetails.Type

/**
 * `ForterAntiFraudOptionsCartItemBeneficiaryPersonalDetails`, a connector's
 * options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const ForterAntiFraudOptionsCartItemBeneficiaryPersonalDetails = WireStruct(
  "ForterAntiFraudOptionsCartItemBeneficiaryPersonalDetails",
  {
    firstName: optionalNullable(Schema.String),
    lastName: optionalNullable(Schema.String),
    email: optionalNullable(Schema.String)
  }
)

/**
 * @category models
 * @since 0.2.0
 */
export type ForterAntiFraudOptionsCartItemBeneficiaryPersonalDetails =
  typeof ForterAntiFraudOptionsCartItemBeneficiaryPersonalDetails.Type

/**
 * `ForterAntiFraudOptionsCartItemBeneficiaryAddress`, a connector's options as
 * the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const ForterAntiFraudOptionsCartItemBeneficiaryAddress = WireStruct(
  "ForterAntiFraudOptionsCartItemBeneficiaryAddress",
  {
    country: CountryCode,
    address1: optionalNullable(Schema.String),
    address2: optionalNullable(Schema.String),
    zip: optionalNullable(Schema.String),
    region: optionalNullable(Schema.String),
    company: optionalNullable(Schema.String),
    city: optionalNullable(Schema.String)
  }
)

/**
 * @category models
 * @since 0.2.0
 */
export type ForterAntiFraudOptionsCartItemBeneficiaryAddress =
  typeof ForterAntiFraudOptionsCartItemBeneficiaryAddress.Type

/**
 * `ForterAntiFraudOptionsCartItemBeneficiaryPhone`, a connector's options as
 * the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const ForterAntiFraudOptionsCartItemBeneficiaryPhone = WireStruct(
  "ForterAntiFraudOptionsCartItemBeneficiaryPhone",
  {
    phone: Schema.String
  }
)

/**
 * @category models
 * @since 0.2.0
 */
export type ForterAntiFraudOptionsCartItemBeneficiaryPhone = typeof ForterAntiFraudOptionsCartItemBeneficiaryPhone.Type

/**
 * `ForterAntiFraudOptionsCartItemBeneficiaryComments`, a connector's options as
 * the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const ForterAntiFraudOptionsCartItemBeneficiaryComments = WireStruct(
  "ForterAntiFraudOptionsCartItemBeneficiaryComments",
  {
    userCommentsToMerchant: optionalNullable(Schema.String),
    messageToBeneficiary: optionalNullable(Schema.String),
    merchantComments: optionalNullable(Schema.String)
  }
)

/**
 * @category models
 * @since 0.2.0
 */
export type ForterAntiFraudOptionsCartItemBeneficiaryComments =
  typeof ForterAntiFraudOptionsCartItemBeneficiaryComments.Type

/**
 * `ForterAntiFraudOptionsCartItemBeneficiary`, a connector's options as the
 * spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const ForterAntiFraudOptionsCartItemBeneficiary = WireStruct("ForterAntiFraudOptionsCartItemBeneficiary", {
  personalDetails: ForterAntiFraudOptionsCartItemBeneficiaryPersonalDetails,
  address: optionalNullable(ForterAntiFraudOptionsCartItemBeneficiaryAddress),
  phone: optionalNullable(Schema.Array(ForterAntiFraudOptionsCartItemBeneficiaryPhone)).annotateKey({ default: [] }),
  comments: optionalNullable(ForterAntiFraudOptionsCartItemBeneficiaryComments)
})

/**
 * @category models
 * @since 0.2.0
 */
export type ForterAntiFraudOptionsCartItemBeneficiary = typeof ForterAntiFraudOptionsCartItemBeneficiary.Type

/**
 * `ForterAntiFraudOptionsCartItem`, a connector's options as the spec defines
 * them.
 *
 * @category models
 * @since 0.2.0
 */
export const ForterAntiFraudOptionsCartItem = WireStruct("ForterAntiFraudOptionsCartItem", {
  basicItemData: optionalNullable(ForterAntiFraudOptionsCartItemBasicItemData),
  deliveryDetails: optionalNullable(ForterAntiFraudOptionsCartItemDeliveryDetails),
  beneficiaries: optionalNullable(Schema.Array(ForterAntiFraudOptionsCartItemBeneficiary)).annotateKey({ default: [] })
})

/**
 * @category models
 * @since 0.2.0
 */
export type ForterAntiFraudOptionsCartItem = typeof ForterAntiFraudOptionsCartItem.Type

/**
 * `ForterAntiFraudOptionsDiscountCouponDiscountAmount`, a connector's options
 * as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const ForterAntiFraudOptionsDiscountCouponDiscountAmount = WireStruct(
  "ForterAntiFraudOptionsDiscountCouponDiscountAmount",
  {
    amountUsd: optionalNullable(Schema.String),
    amountLocalCurrency: optionalNullable(Schema.String),
    currency: optionalNullable(CurrencyCode)
  }
)

/**
 * @category models
 * @since 0.2.0
 */
export type ForterAntiFraudOptionsDiscountCouponDiscountAmount =
  typeof ForterAntiFraudOptionsDiscountCouponDiscountAmount.Type

/**
 * `ForterAntiFraudOptionsDiscount`, a connector's options as the spec defines
 * them.
 *
 * @category models
 * @since 0.2.0
 */
export const ForterAntiFraudOptionsDiscount = WireStruct("ForterAntiFraudOptionsDiscount", {
  couponCodeUsed: Schema.String,
  discountType: Schema.String,
  couponDiscountAmount: optionalNullable(ForterAntiFraudOptionsDiscountCouponDiscountAmount),
  couponDiscountPercent: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type ForterAntiFraudOptionsDiscount = typeof ForterAntiFraudOptionsDiscount.Type

/**
 * `ForterAntiFraudOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const ForterAntiFraudOptions = WireStruct("ForterAntiFraudOptions", {
  deliveryType: optionalNullable(Schema.Literals(["DIGITAL", "PHYSICAL", "HYBRID"])),
  deliveryMethod: optionalNullable(BoundedString(1, 50)),
  isGuestBuyer: optionalNullable(Schema.Boolean),
  cartItems: optionalNullable(Schema.Array(ForterAntiFraudOptionsCartItem)).annotateKey({ default: [] }),
  totalDiscount: optionalNullable(ForterAntiFraudOptionsDiscount)
})

/**
 * @category models
 * @since 0.2.0
 */
export type ForterAntiFraudOptions = typeof ForterAntiFraudOptions.Type

/**
 * `LatitudeOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const LatitudeOptions = WireStruct("LatitudeOptions", {
  promotionReference: optionalNullable(Schema.String.check(Schema.isMaxCodePoints(128)))
})

/**
 * @category models
 * @since 0.2.0
 */
export type LatitudeOptions = typeof LatitudeOptions.Type

/**
 * `GivingBlockOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const GivingBlockOptions = Schema.Struct({
  defaultCryptocurrency: optionalNullable(Schema.String)
}).annotate({ identifier: "GivingBlockOptions" })

/**
 * @category models
 * @since 0.2.0
 */
export type GivingBlockOptions = typeof GivingBlockOptions.Type

/**
 * `GoCardlessOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const GoCardlessOptions = WireStruct("GoCardlessOptions", {
  purposeCode: optionalNullable(Schema.Literals([
    "mortgage", "utility", "loan", "dependant_support", "gambling", "retail", "salary", "personal", "government",
    "pension", "tax", "other"
  ]))
})

/**
 * @category models
 * @since 0.2.0
 */
export type GoCardlessOptions = typeof GoCardlessOptions.Type

/**
 * `MattildaTapiOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const MattildaTapiOptions = WireStruct("MattildaTapiOptions", {
  paymentMethodExpiresAt: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type MattildaTapiOptions = typeof MattildaTapiOptions.Type

/**
 * `MonatoSpeiOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const MonatoSpeiOptions = WireStruct("MonatoSpeiOptions", {
  approvalUrl: Schema.String
})

/**
 * @category models
 * @since 0.2.0
 */
export type MonatoSpeiOptions = typeof MonatoSpeiOptions.Type

/**
 * `MockCardMerchantAdviceCodeOptions`, a connector's options as the spec
 * defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const MockCardMerchantAdviceCodeOptions = WireStruct("MockCardMerchantAdviceCodeOptions", {
  result: optionalNullable(Schema.String),
  accountNumber: Schema.NullOr(Secret(Schema.String, "account_number"))
})

/**
 * @category models
 * @since 0.2.0
 */
export type MockCardMerchantAdviceCodeOptions = typeof MockCardMerchantAdviceCodeOptions.Type

/**
 * `MockCardOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const MockCardOptions = WireStruct("MockCardOptions", {
  merchantAdviceCode: optionalNullable(MockCardMerchantAdviceCodeOptions),
  skipRetry: optionalNullable(Schema.Boolean)
})

/**
 * @category models
 * @since 0.2.0
 */
export type MockCardOptions = typeof MockCardOptions.Type

/**
 * `NuveiAirlineDataOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const NuveiAirlineDataOptions = Schema.Struct({
  seatClass: optionalNullable(Schema.String),
  isCardholderTraveling: optionalNullable(Schema.Boolean)
}).annotate({ identifier: "NuveiAirlineDataOptions" })

/**
 * @category models
 * @since 0.2.0
 */
export type NuveiAirlineDataOptions = typeof NuveiAirlineDataOptions.Type

/**
 * `NuveiOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const NuveiOptions = Schema.Struct({
  customData: optionalNullable(Schema.String.check(Schema.isMaxCodePoints(255))),
  airlineData: optionalNullable(NuveiAirlineDataOptions)
}).annotate({ identifier: "NuveiOptions" })

/**
 * @category models
 * @since 0.2.0
 */
export type NuveiOptions = typeof NuveiOptions.Type

/**
 * `NuveiIDealOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const NuveiIDealOptions = Schema.Struct({
  customData: optionalNullable(Schema.String.check(Schema.isMaxCodePoints(255)))
}).annotate({ identifier: "NuveiIDealOptions" })

/**
 * @category models
 * @since 0.2.0
 */
export type NuveiIDealOptions = typeof NuveiIDealOptions.Type

/**
 * `NuveiKlarnaOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const NuveiKlarnaOptions = Schema.Struct({
  customData: optionalNullable(Schema.String.check(Schema.isMaxCodePoints(255)))
}).annotate({ identifier: "NuveiKlarnaOptions" })

/**
 * @category models
 * @since 0.2.0
 */
export type NuveiKlarnaOptions = typeof NuveiKlarnaOptions.Type

/**
 * `NuveiPSEOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const NuveiPSEOptions = Schema.Struct({
  userType: optionalNullable(Schema.String),
  userFisNumber: optionalNullable(Schema.String),
  fiscalNumber: optionalNullable(Schema.String),
  bankCode: optionalNullable(Schema.String)
}).annotate({ identifier: "NuveiPSEOptions" })

/**
 * @category models
 * @since 0.2.0
 */
export type NuveiPSEOptions = typeof NuveiPSEOptions.Type

/**
 * `OxxoOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const OxxoOptions = WireStruct("OxxoOptions", {
  paymentMethodExpiresAt: optionalNullable(Schema.Int),
  approvalUrl: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type OxxoOptions = typeof OxxoOptions.Type

/**
 * `PaypalOrderUpdateCallbackConfig`, a connector's options as the spec defines
 * them.
 *
 * @category models
 * @since 0.2.0
 */
export const PaypalOrderUpdateCallbackConfig = WireStruct("PaypalOrderUpdateCallbackConfig", {
  callbackUrl: optionalNullable(Schema.String),
  callbackEvents: optionalNullable(Schema.Array(Schema.Literals(["SHIPPING_ADDRESS", "SHIPPING_OPTIONS"])))
})

/**
 * @category models
 * @since 0.2.0
 */
export type PaypalOrderUpdateCallbackConfig = typeof PaypalOrderUpdateCallbackConfig.Type

/**
 * `PaypalShippingOptionsItemAmount`, a connector's options as the spec defines
 * them.
 *
 * @category models
 * @since 0.2.0
 */
export const PaypalShippingOptionsItemAmount = WireStruct("PaypalShippingOptionsItemAmount", {
  currencyCode: CurrencyCode,
  value: BoundedString(1, 32)
})

/**
 * @category models
 * @since 0.2.0
 */
export type PaypalShippingOptionsItemAmount = typeof PaypalShippingOptionsItemAmount.Type

/**
 * `PaypalShippingOptionsItem`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const PaypalShippingOptionsItem = WireStruct("PaypalShippingOptionsItem", {
  id: BoundedString(1, 127),
  label: BoundedString(1, 127),
  selected: Schema.Boolean,
  type: optionalNullable(Schema.Literals(["SHIPPING", "PICKUP", "PICKUP_IN_STORE", "PICKUP_FROM_PERSON"])),
  amount: optionalNullable(PaypalShippingOptionsItemAmount)
})

/**
 * @category models
 * @since 0.2.0
 */
export type PaypalShippingOptionsItem = typeof PaypalShippingOptionsItem.Type

/**
 * `PaypalShippingOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const PaypalShippingOptions = WireStruct("PaypalShippingOptions", {
  options: optionalNullable(Schema.Array(PaypalShippingOptionsItem).check(Schema.isMaxLength(10)))
})

/**
 * @category models
 * @since 0.2.0
 */
export type PaypalShippingOptions = typeof PaypalShippingOptions.Type

/**
 * `PaypalOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const PaypalOptions = WireStruct("PaypalOptions", {
  orderUpdateCallbackConfig: optionalNullable(PaypalOrderUpdateCallbackConfig),
  additionalData: optionalNullable(Schema.Array(Schema.Record(Schema.String, Schema.String))),
  shipping: optionalNullable(PaypalShippingOptions),
  userAction: optionalNullable(Schema.String),
  shippingPreference: optionalNullable(Schema.String),
  brandName: optionalNullable(Schema.String.check(Schema.isMaxCodePoints(127))),
  landingPage: optionalNullable(Schema.String),
  locale: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type PaypalOptions = typeof PaypalOptions.Type

/**
 * `PowertranzOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const PowertranzOptions = Schema.Struct({
  skipThreeDSecure: optionalNullable(Schema.Boolean).annotateKey({ default: false })
}).annotate({ identifier: "PowertranzOptions" })

/**
 * @category models
 * @since 0.2.0
 */
export type PowertranzOptions = typeof PowertranzOptions.Type

/**
 * `RiskifiedAntiFraudOptionsLineItem`, a connector's options as the spec
 * defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const RiskifiedAntiFraudOptionsLineItem = WireStruct("RiskifiedAntiFraudOptionsLineItem", {
  deliveredTo: optionalNullable(Schema.Literals(["shipping_address", "store_pickup"]))
})

/**
 * @category models
 * @since 0.2.0
 */
export type RiskifiedAntiFraudOptionsLineItem = typeof RiskifiedAntiFraudOptionsLineItem.Type

/**
 * `RiskifiedAntiFraudOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const RiskifiedAntiFraudOptions = WireStruct("RiskifiedAntiFraudOptions", {
  lineItems: optionalNullable(Schema.Array(RiskifiedAntiFraudOptionsLineItem)).annotateKey({ default: [] })
})

/**
 * @category models
 * @since 0.2.0
 */
export type RiskifiedAntiFraudOptions = typeof RiskifiedAntiFraudOptions.Type

/**
 * `StripeConnectOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const StripeConnectOptions = WireStruct("StripeConnectOptions", {
  stripeAccount: optionalNullable(Schema.String),
  applicationFeeAmount: optionalNullable(Schema.Int),
  onBehalfOf: optionalNullable(Schema.String),
  transferDataDestination: optionalNullable(Schema.String),
  transferGroup: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type StripeConnectOptions = typeof StripeConnectOptions.Type

/**
 * `StripeOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const StripeOptions = WireStruct("StripeOptions", {
  stripeConnect: optionalNullable(StripeConnectOptions)
})

/**
 * @category models
 * @since 0.2.0
 */
export type StripeOptions = typeof StripeOptions.Type

/**
 * `StripeCardOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const StripeCardOptions = WireStruct("StripeCardOptions", {
  stripeConnect: optionalNullable(StripeConnectOptions),
  customerId: optionalNullable(Schema.String),
  errorOnRequiresAction: optionalNullable(Schema.Boolean)
})

/**
 * @category models
 * @since 0.2.0
 */
export type StripeCardOptions = typeof StripeCardOptions.Type

/**
 * `TravelHubCustomData`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const TravelHubCustomData = WireStruct("TravelHubCustomData", {
  name: Schema.String,
  value: Schema.String,
  type: optionalNullable(Schema.String)
})

/**
 * @category models
 * @since 0.2.0
 */
export type TravelHubCustomData = typeof TravelHubCustomData.Type

/**
 * `TravelhubOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const TravelhubOptions = Schema.Struct({
  customData: optionalNullable(Schema.Array(TravelHubCustomData)),
  companyName: optionalNullable(Schema.String)
}).annotate({ identifier: "TravelhubOptions" })

/**
 * @category models
 * @since 0.2.0
 */
export type TravelhubOptions = typeof TravelhubOptions.Type

/**
 * `TrustlyOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const TrustlyOptions = Schema.Struct({
  refreshSplitToken: optionalNullable(Schema.Boolean)
}).annotate({ identifier: "TrustlyOptions" })

/**
 * @category models
 * @since 0.2.0
 */
export type TrustlyOptions = typeof TrustlyOptions.Type

/**
 * `WorldpayVapOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const WorldpayVapOptions = Schema.Struct({
  reportGroup: optionalNullable(Schema.String),
  orderId: optionalNullable(Schema.String.check(Schema.isMaxCodePoints(256)))
}).annotate({ identifier: "WorldpayVapOptions" })

/**
 * @category models
 * @since 0.2.0
 */
export type WorldpayVapOptions = typeof WorldpayVapOptions.Type

/**
 * `WpayEverdaypayOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const WpayEverdaypayOptions = Schema.Struct({
  merchant_defined_data: optionalNullable(Schema.Record(Schema.String, Schema.String)),
  customerId: optionalNullable(Schema.String),
  rewardsAccessToken: optionalNullable(Schema.String),
  deviceId: optionalNullable(Schema.String),
  postPaymentRedirect: optionalNullable(Schema.Boolean)
}).annotate({ identifier: "WpayEverdaypayOptions" })

/**
 * @category models
 * @since 0.2.0
 */
export type WpayEverdaypayOptions = typeof WpayEverdaypayOptions.Type

/**
 * `WpayPaytoSimulationOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const WpayPaytoSimulationOptions = WireStruct("WpayPaytoSimulationOptions", {
  simulate: optionalNullable(Schema.String),
  delay: optionalNullable(Schema.Int)
})

/**
 * @category models
 * @since 0.2.0
 */
export type WpayPaytoSimulationOptions = typeof WpayPaytoSimulationOptions.Type

/**
 * `WpayPaytoResourceOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const WpayPaytoResourceOptions = WireStruct("WpayPaytoResourceOptions", {
  simulation: optionalNullable(WpayPaytoSimulationOptions)
})

/**
 * @category models
 * @since 0.2.0
 */
export type WpayPaytoResourceOptions = typeof WpayPaytoResourceOptions.Type

/**
 * `WpayPaytoOptions`, a connector's options as the spec defines them.
 *
 * @category models
 * @since 0.2.0
 */
export const WpayPaytoOptions = WireStruct("WpayPaytoOptions", {
  instrument: optionalNullable(WpayPaytoResourceOptions),
  payment: optionalNullable(WpayPaytoResourceOptions),
  refund: optionalNullable(WpayPaytoResourceOptions)
})

/**
 * @category models
 * @since 0.2.0
 */
export type WpayPaytoOptions = typeof WpayPaytoOptions.Type

const TransactionConnectionOptionsSchema = Schema.Struct({
  "account-updater": optionalNullable(AccountUpdaterOptions),
  "adyen-ach": optionalNullable(AdyenOptions),
  "adyen-afterpay": optionalNullable(AdyenOptions),
  "adyen-cashappafterpay": optionalNullable(AdyenOptions),
  "adyen-alipay": optionalNullable(AdyenOptions),
  "adyen-card": optionalNullable(AdyenCardOptions),
  "adyen-cashapp": optionalNullable(AdyenOptions),
  "adyen-gcash": optionalNullable(AdyenOptions),
  "adyen-giropay": optionalNullable(AdyenOptions),
  "adyen-ideal": optionalNullable(AdyenOptions),
  "adyen-konbini": optionalNullable(AdyenOptions),
  "adyen-paybybank": optionalNullable(AdyenOptions),
  "adyen-paypay": optionalNullable(AdyenOptions),
  "adyen-pix": optionalNullable(AdyenPixOptions),
  "adyen-sepa": optionalNullable(AdyenSepaOptions),
  "adyen-seveneleven": optionalNullable(AdyenOptions),
  "adyen-sofort": optionalNullable(AdyenOptions),
  "adyen-swish": optionalNullable(AdyenOptions),
  "adyen-vipps": optionalNullable(AdyenOptions),
  "affirm-affirm": optionalNullable(AffirmOptions),
  "braintree-card": optionalNullable(BraintreeOptions),
  "chaseorbital-card": optionalNullable(ChaseOptions),
  "cybersource-anti-fraud": optionalNullable(CybersourceAntiFraudOptions),
  "cybersource-card": optionalNullable(CybersourceOptions),
  "cybersource-ideal": optionalNullable(CybersourceOptions),
  "cybersource-kcp": optionalNullable(CybersourceOptions),
  "dlocal-card": optionalNullable(DlocalCardOptions),
  "dlocal-nequi": optionalNullable(DlocalOptions),
  "dlocal-upi": optionalNullable(DlocalUPIOptions),
  "dlocal-pix": optionalNullable(DlocalPIXOptions),
  "dlocal-gcash": optionalNullable(DlocalOptions),
  "ecommpay-card": optionalNullable(EcommpayOptions),
  "klarna-klarna": optionalNullable(KlarnaOptions),
  "fiserv-card": optionalNullable(FiservOptions),
  "forter-anti-fraud": optionalNullable(ForterAntiFraudOptions),
  "gem-gem": optionalNullable(LatitudeOptions),
  "gem-gemds": optionalNullable(LatitudeOptions),
  "givingblock-givingblock": optionalNullable(GivingBlockOptions),
  "gocardless-gocardless": optionalNullable(GoCardlessOptions),
  "latitude-latitude": optionalNullable(LatitudeOptions),
  "latitude-latitudeds": optionalNullable(LatitudeOptions),
  "mattilda-tapi": optionalNullable(MattildaTapiOptions),
  "mattilda-tapifintechs": optionalNullable(MattildaTapiOptions),
  "monato-spei": optionalNullable(MonatoSpeiOptions),
  "mock-card": optionalNullable(MockCardOptions),
  "mockds-card": optionalNullable(MockCardOptions),
  "nuvei-card": optionalNullable(NuveiOptions),
  "nuvei-ideal": optionalNullable(NuveiIDealOptions),
  "nuvei-klarna": optionalNullable(NuveiKlarnaOptions),
  "nuvei-pse": optionalNullable(NuveiPSEOptions),
  "oxxo-oxxo": optionalNullable(OxxoOptions),
  "paypal-paypal": optionalNullable(PaypalOptions),
  "paypal-paypalpaylater": optionalNullable(PaypalOptions),
  "powertranz-card": optionalNullable(PowertranzOptions),
  "riskified-anti-fraud": optionalNullable(RiskifiedAntiFraudOptions),
  "stripe-affirm": optionalNullable(StripeOptions),
  "stripe-card": optionalNullable(StripeCardOptions),
  "stripe-klarna": optionalNullable(StripeOptions),
  "stripe-onelink": optionalNullable(StripeOptions),
  "stripe-stripe": optionalNullable(StripeOptions),
  "travelhub-card": optionalNullable(TravelhubOptions),
  "trustly-trustly": optionalNullable(TrustlyOptions),
  "worldpayvap-card": optionalNullable(WorldpayVapOptions),
  "wpay-everydaypay": optionalNullable(WpayEverdaypayOptions),
  "wpay-payto": optionalNullable(WpayPaytoOptions)
}).annotate({ identifier: "TransactionConnectionOptions" })

/**
 * The schema of `TransactionConnectionOptions`, by name (its own type is too large to spell out
 * wherever it is used).
 *
 * @category models
 * @since 0.2.0
 */
export interface TransactionConnectionOptionsSchema extends Identity<typeof TransactionConnectionOptionsSchema> {}

/**
 * `TransactionConnectionOptions`, a connector's options as the spec defines
 * them.
 *
 * @category models
 * @since 0.2.0
 */
export const TransactionConnectionOptions: TransactionConnectionOptionsSchema = TransactionConnectionOptionsSchema

/**
 * @category models
 * @since 0.2.0
 */
export type TransactionConnectionOptions = typeof TransactionConnectionOptions.Type
