/**
 * Merchant accounts and their 3-D Secure configurations: the resources, the
 * bodies that create and update them, and their lists.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { Collection, ItemList } from "./Collection.ts"
import { Metadata } from "./CheckoutSession.ts"
import { CardScheme } from "./PaymentMethod.ts"
import {
  Amount,
  BoundedString,
  CurrencyCode,
  DateTimeUtc,
  optionalNullable,
  Secret,
  Uuid,
  WireStruct
} from "./Primitives.ts"

/**
 * A merchant account's id: 1 to 50 letters, digits and dashes (`default`).
 *
 * @category schemas
 * @since 0.2.0
 */
export const MerchantAccountId = BoundedString(1, 50).check(Schema.isPattern(/^[a-zA-Z0-9-]+$/u))

const NetworkTokenId = optionalNullable(BoundedString(0, 300))
const OptionalString = optionalNullable(Schema.String)
const DecryptionKey = optionalNullable(Secret(Schema.String, "account_updater_response_decryption_key"))
const LoonSecretKey = optionalNullable(Secret(Schema.String, "loon_secret_key"))

// What create and update share: the account updater's keys, over-capture limits, network-token ids.
const settingsFields = {
  accountUpdaterEnabled: Schema.optionalKey(Schema.Boolean).annotateKey({ default: false }),
  accountUpdaterRequestEncryptionKey: OptionalString,
  accountUpdaterRequestEncryptionKeyId: OptionalString,
  accountUpdaterResponseDecryptionKey: DecryptionKey,
  accountUpdaterResponseDecryptionKeyId: OptionalString,
  overCaptureAmount: optionalNullable(Amount),
  overCapturePercentage: optionalNullable(Amount),
  loonClientKey: OptionalString,
  loonSecretKey: LoonSecretKey,
  loonAcceptedSchemes: optionalNullable(Schema.Array(CardScheme).check(Schema.isUnique())),
  loonMerchantAccountId: OptionalString,
  visaNetworkTokensRequestorId: NetworkTokenId,
  visaNetworkTokensAppId: NetworkTokenId,
  amexNetworkTokensRequestorId: NetworkTokenId,
  amexNetworkTokensAppId: NetworkTokenId,
  mastercardNetworkTokensRequestorId: NetworkTokenId,
  mastercardNetworkTokensAppId: NetworkTokenId,
  discoverNetworkTokensRequestorId: NetworkTokenId,
  discoverNetworkTokensAppId: NetworkTokenId,
  asyncNetworkTokensEnabled: Schema.optionalKey(Schema.Boolean).annotateKey({ default: false })
}

/**
 * The body of `POST /merchant-accounts`. The secret keys are `Redacted` on
 * the Type side.
 *
 * @category models
 * @since 0.2.0
 */
export const MerchantAccountCreate = WireStruct("MerchantAccountCreate", {
  ...settingsFields,
  id: MerchantAccountId,
  displayName: BoundedString(1, 255)
})

/**
 * @category models
 * @since 0.2.0
 */
export type MerchantAccountCreate = typeof MerchantAccountCreate.Type

/**
 * The body of `PUT /merchant-accounts/{merchant_account_id}`: only the
 * fields it names change.
 *
 * @category models
 * @since 0.2.0
 */
export const MerchantAccountUpdate = WireStruct("MerchantAccountUpdate", {
  ...settingsFields,
  displayName: optionalNullable(BoundedString(1, 255))
})

/**
 * @category models
 * @since 0.2.0
 */
export type MerchantAccountUpdate = typeof MerchantAccountUpdate.Type

/**
 * A merchant account as the API returns it. The response is looser than the
 * bodies: its over-capture limits and network-token ids carry no bounds.
 *
 * @category models
 * @since 0.2.0
 */
export const MerchantAccount = WireStruct("MerchantAccount", {
  type: Schema.optionalKey(Schema.Literal("merchant-account")).annotateKey({ default: "merchant-account" }),
  id: BoundedString(1, 50),
  displayName: BoundedString(1, 255),
  loonClientKey: OptionalString,
  loonSecretKey: LoonSecretKey,
  loonAcceptedSchemes: optionalNullable(Schema.Array(CardScheme)),
  loonMerchantAccountId: OptionalString,
  accountUpdaterRequestEncryptionKey: OptionalString,
  accountUpdaterRequestEncryptionKeyId: OptionalString,
  accountUpdaterResponseDecryptionKey: DecryptionKey,
  accountUpdaterResponseDecryptionKeyId: OptionalString,
  accountUpdaterEnabled: Schema.Boolean,
  overCaptureAmount: optionalNullable(Schema.Int),
  overCapturePercentage: optionalNullable(Schema.Int),
  visaNetworkTokensRequestorId: OptionalString,
  visaNetworkTokensAppId: OptionalString,
  amexNetworkTokensRequestorId: OptionalString,
  amexNetworkTokensAppId: OptionalString,
  mastercardNetworkTokensRequestorId: OptionalString,
  mastercardNetworkTokensAppId: OptionalString,
  discoverNetworkTokensRequestorId: OptionalString,
  discoverNetworkTokensAppId: OptionalString,
  asyncNetworkTokensEnabled: Schema.optionalKey(Schema.Boolean).annotateKey({ default: false }),
  createdAt: DateTimeUtc,
  updatedAt: DateTimeUtc
})

/**
 * @category models
 * @since 0.2.0
 */
export type MerchantAccount = typeof MerchantAccount.Type

/**
 * A page of merchant accounts (`GET /merchant-accounts`).
 *
 * @category models
 * @since 0.2.0
 */
export const MerchantAccounts = Collection("MerchantAccounts", MerchantAccount)

// The merchant's identity towards a card scheme's directory server; payment services' merchant profiles share it.
const atMost = (max: number) => Schema.String.check(Schema.isMaxCodePoints(max))
const merchantProfileFields = {
  merchantAcquirerBin: atMost(11),
  merchantAcquirerId: atMost(35),
  merchantName: atMost(40),
  merchantCountryCode: Schema.String,
  merchantCategoryCode: BoundedString(4, 4),
  merchantUrl: Schema.String
}

/**
 * The fields of a merchant's profile towards a card scheme (acquirer BIN and
 * id, name, country, category code, URL), as struct fields.
 *
 * @category models
 * @since 0.2.0
 */
export const MerchantProfileFields = merchantProfileFields

/**
 * The body of `POST /merchant-accounts/{id}/three-ds-configurations`: the
 * merchant's profile for one scheme, optionally for one currency.
 *
 * @category models
 * @since 0.2.0
 */
export const MerchantAccountThreeDSConfigurationCreate = WireStruct("MerchantAccountThreeDSConfigurationCreate", {
  ...merchantProfileFields,
  scheme: CardScheme,
  currency: optionalNullable(CurrencyCode),
  metadata: Metadata
})

/**
 * @category models
 * @since 0.2.0
 */
export type MerchantAccountThreeDSConfigurationCreate = typeof MerchantAccountThreeDSConfigurationCreate.Type

/**
 * The body of `PUT /merchant-accounts/{id}/three-ds-configurations/{three_ds_configuration_id}`.
 *
 * @category models
 * @since 0.2.0
 */
export const MerchantAccountThreeDSConfigurationUpdate = WireStruct("MerchantAccountThreeDSConfigurationUpdate", {
  merchantAcquirerBin: optionalNullable(merchantProfileFields.merchantAcquirerBin),
  merchantAcquirerId: optionalNullable(merchantProfileFields.merchantAcquirerId),
  merchantName: optionalNullable(merchantProfileFields.merchantName),
  merchantCountryCode: optionalNullable(merchantProfileFields.merchantCountryCode),
  merchantCategoryCode: optionalNullable(merchantProfileFields.merchantCategoryCode),
  merchantUrl: optionalNullable(merchantProfileFields.merchantUrl),
  scheme: optionalNullable(CardScheme),
  currency: optionalNullable(CurrencyCode),
  metadata: optionalNullable(Metadata)
})

/**
 * @category models
 * @since 0.2.0
 */
export type MerchantAccountThreeDSConfigurationUpdate = typeof MerchantAccountThreeDSConfigurationUpdate.Type

/**
 * A 3-D Secure configuration as the API returns it. `currency` is always
 * present (`null`: every currency).
 *
 * @category models
 * @since 0.2.0
 */
export const MerchantAccountThreeDSConfiguration = WireStruct("MerchantAccountThreeDSConfiguration", {
  ...merchantProfileFields,
  type: Schema.optionalKey(Schema.Literal("merchant-account.three-ds-configuration")).annotateKey({
    default: "merchant-account.three-ds-configuration"
  }),
  id: Uuid,
  merchantAccountId: Schema.String,
  createdAt: DateTimeUtc,
  updatedAt: DateTimeUtc,
  scheme: CardScheme,
  currency: Schema.NullOr(CurrencyCode),
  metadata: Metadata
})

/**
 * @category models
 * @since 0.2.0
 */
export type MerchantAccountThreeDSConfiguration = typeof MerchantAccountThreeDSConfiguration.Type

/**
 * A merchant account's 3-D Secure configurations, whole.
 *
 * @category models
 * @since 0.2.0
 */
export const MerchantAccountThreeDSConfigurations = ItemList(
  "MerchantAccountThreeDSConfigurations",
  MerchantAccountThreeDSConfiguration
)
