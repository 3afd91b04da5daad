/**
 * The merchant-accounts endpoints of the payments contract: the accounts and
 * their 3-D Secure configurations. Every call needs a bearer token
 * (`merchant-accounts.read` / `.write`).
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { HttpApi, HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "effect/http-api"
import { strictOptions } from "../StrictDecoder.ts"
import { PageQuery } from "../Collection.ts"
import { ApiErrors } from "../Errors.ts"
import {
  MerchantAccount,
  MerchantAccountCreate,
  MerchantAccounts,
  MerchantAccountThreeDSConfiguration,
  MerchantAccountThreeDSConfigurationCreate,
  MerchantAccountThreeDSConfigurations,
  MerchantAccountThreeDSConfigurationUpdate,
  MerchantAccountUpdate
} from "../MerchantAccount.ts"
import { CurrencyCode } from "../Primitives.ts"
import { Authorization } from "./Authorization.ts"
import { preferHeaders } from "./CheckoutSessions.ts"
import { IdParam } from "./Params.ts"

const account = { merchant_account_id: IdParam("The ID of the merchant account.") }
const configuration = {
  ...account,
  three_ds_configuration_id: IdParam("The ID of the 3-D Secure configuration.", "uuid")
}

/**
 * `listMerchantAccounts`, `createMerchantAccount`, `getMerchantAccount`,
 * `updateMerchantAccount`, `listThreeDSConfigurations`,
 * `createThreeDSConfiguration`, `updateThreeDSConfiguration` and
 * `deleteThreeDSConfiguration`.
 *
 * @category groups
 * @since 0.2.0
 */
export class MerchantAccountsGroup extends HttpApiGroup.make("merchantAccounts")
  .add(
    HttpApiEndpoint.get("listMerchantAccounts", "/merchant-accounts", {
      headers: preferHeaders,
      query: {
        ...PageQuery,
        search: Schema.optionalKey(Schema.String.annotate({ description: "The search term to filter accounts by." }))
      },
      success: MerchantAccounts,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List all merchant accounts" })),
    HttpApiEndpoint.post("createMerchantAccount", "/merchant-accounts", {
      headers: preferHeaders,
      payload: MerchantAccountCreate,
      success: MerchantAccount.pipe(HttpApiSchema.status(201)),
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Create a merchant account" })),
    HttpApiEndpoint.get("getMerchantAccount", "/merchant-accounts/:merchant_account_id", {
      headers: preferHeaders,
      params: account,
      success: MerchantAccount,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Get a merchant account" })),
    HttpApiEndpoint.put("updateMerchantAccount", "/merchant-accounts/:merchant_account_id", {
      headers: preferHeaders,
      params: account,
      payload: MerchantAccountUpdate,
      success: MerchantAccount,
      error: ApiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "Update a merchant account" })),
    HttpApiEndpoint.get(
      "listThreeDSConfigurations",
      "/merchant-accounts/:merchant_account_id/three-ds-configurations",
      {
      headers: preferHeaders,
        params: account,
        query: { currency: Schema.optionalKey(CurrencyCode) },
        success: MerchantAccountThreeDSConfigurations,
        error: ApiErrors
      }
    ).annotateMerge(OpenApi.annotations({ summary: "List 3DS configurations" })),
    HttpApiEndpoint.post(
      "createThreeDSConfiguration",
      "/merchant-accounts/:merchant_account_id/three-ds-configurations",
      {
      headers: preferHeaders,
        params: account,
        payload: MerchantAccountThreeDSConfigurationCreate,
        success: MerchantAccountThreeDSConfiguration.pipe(HttpApiSchema.status(201)),
        error: ApiErrors
      }
    ).annotateMerge(OpenApi.annotations({ summary: "Create a 3DS configuration" })),
    HttpApiEndpoint.put(
      "updateThreeDSConfiguration",
      "/merchant-accounts/:merchant_account_id/three-ds-configurations/:three_ds_configuration_id",
      {
      headers: preferHeaders,
        params: configuration,
        payload: MerchantAccountThreeDSConfigurationUpdate,
        success: MerchantAccountThreeDSConfiguration,
        error: ApiErrors
      }
    ).annotateMerge(OpenApi.annotations({ summary: "Edit a 3DS configuration" })),
    HttpApiEndpoint.delete(
      "deleteThreeDSConfiguration",
      "/merchant-accounts/:merchant_account_id/three-ds-configurations/:three_ds_configuration_id",
      { params: configuration, headers: preferHeaders, success: HttpApiSchema.NoContent, error: ApiErrors }
    ).annotateMerge(OpenApi.annotations({ summary: "Delete a 3DS configuration" }))
  )
  .middleware(Authorization)
  // Bodies are decoded strictly (StrictDecoder's `strictOptions`): unknown keys refused, every invalid field reported.
  .annotate(HttpApi.PayloadParseOptions, strictOptions)
  .annotateMerge(OpenApi.annotations({ title: "Merchant accounts" }))
{}
