/**
 * The contract's `merchantAccounts` group: merchant accounts (admin-level:
 * the merchant-account header plays no part) and their 3-D Secure
 * configurations, implemented with `handle` over `MerchantAccounts`.
 *
 * @since 0.3.0
 */
import { Api } from "@checkout-kit/domain/api/Api"
import { Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { MerchantAccounts } from "./MerchantAccounts.ts"

/**
 * The group's handlers.
 *
 * @category layers
 * @since 0.3.0
 */
export const layer = HttpApiBuilder.group(Api, "merchantAccounts", (handlers) =>
  Effect.gen(function*() {
    const accounts = yield* MerchantAccounts
    return handlers
      .handle("listMerchantAccounts", ({ query }) => accounts.list(query))
      .handle("createMerchantAccount", ({ payload }) => accounts.create(payload))
      .handle("getMerchantAccount", ({ params }) => accounts.get(params.merchant_account_id))
      .handle("updateMerchantAccount", ({ params, payload }) => accounts.update(params.merchant_account_id, payload))
      .handle("listThreeDSConfigurations", ({ params, query }) =>
        Effect.map(accounts.listThreeDS(params.merchant_account_id, query.currency), (items) => ({ items })))
      .handle("createThreeDSConfiguration", ({ params, payload }) =>
        accounts.createThreeDS(params.merchant_account_id, payload))
      .handle("updateThreeDSConfiguration", ({ params, payload }) =>
        accounts.updateThreeDS(params.merchant_account_id, params.three_ds_configuration_id, payload))
      .handle("deleteThreeDSConfiguration", ({ params }) =>
        accounts.deleteThreeDS(params.merchant_account_id, params.three_ds_configuration_id))
  }))
