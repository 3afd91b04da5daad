/**
 * The contract's `merchantAccounts` group: merchant accounts (admin-level:
 * the merchant-account header plays no part) and their 3-D Secure
 * configurations, implemented with `handle` over `MerchantAccounts`. A key
 * bound to a merchant account reaches its own account only: creating or
 * listing accounts, or touching another, is 403, as any call of such a key
 * naming another account is.
 *
 * @since 0.3.0
 */
import { Api } from "@checkout-kit/domain/api/Api"
import { Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { ApiError } from "../ApiError.ts"
import { KeyAccount } from "../Authorization.ts"
import { MerchantAccounts } from "./MerchantAccounts.ts"

// `effect`, for an admin key, or a key bound to `account` (`undefined`: to none of them).
const allowed = (account: string | undefined) => <A, E>(effect: Effect.Effect<A, E>): Effect.Effect<A, E | ApiError> =>
  Effect.flatMap(KeyAccount, (bound): Effect.Effect<A, E | ApiError> =>
    bound === undefined || bound === account
      ? effect
      : Effect.fail(ApiError.of(403, `A key bound to the merchant account ${bound} may act on that account only`)))

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
      .handle("listMerchantAccounts", ({ query }) => allowed(undefined)(accounts.list(query)))
      .handle("createMerchantAccount", ({ payload }) => allowed(undefined)(accounts.create(payload)))
      .handle("getMerchantAccount", ({ params }) =>
        allowed(params.merchant_account_id)(accounts.get(params.merchant_account_id)))
      .handle("updateMerchantAccount", ({ params, payload }) =>
        allowed(params.merchant_account_id)(accounts.update(params.merchant_account_id, payload)))
      .handle("listThreeDSConfigurations", ({ params, query }) =>
        allowed(params.merchant_account_id)(
          Effect.map(accounts.listThreeDS(params.merchant_account_id, query.currency), (items) => ({ items }))
        ))
      .handle("createThreeDSConfiguration", ({ params, payload }) =>
        allowed(params.merchant_account_id)(accounts.createThreeDS(params.merchant_account_id, payload)))
      .handle("updateThreeDSConfiguration", ({ params, payload }) =>
        allowed(params.merchant_account_id)(
          accounts.updateThreeDS(params.merchant_account_id, params.three_ds_configuration_id, payload)
        ))
      .handle("deleteThreeDSConfiguration", ({ params }) =>
        allowed(params.merchant_account_id)(
          accounts.deleteThreeDS(params.merchant_account_id, params.three_ds_configuration_id)
        ))
  }))
