/**
 * The payment-method endpoints of the contract (`PaymentMethodsGroup`),
 * implemented with `handle`: params, query and bodies decoded by the declared
 * schemas (a card's number and security code `Redacted` from the start),
 * answers the wire JSON the vault keeps.
 *
 * @since 0.3.0
 */
import { Api } from "@checkout-kit/domain/api/Api"
import { defaultLimit } from "@checkout-kit/domain/Collection"
import { PaymentMethodUpdate } from "@checkout-kit/domain/PaymentMethodResource"
import { Effect } from "effect"
import { HttpServerResponse } from "effect/http"
import { HttpApiBuilder } from "effect/http-api"
import { actingAccount } from "../CheckoutSessions/http.ts"
import { wireOf } from "../Buyers/http.ts"
import * as Responses from "../Responses.ts"
import { PaymentMethods } from "./PaymentMethods.ts"

const json = (status = 200) => (body: string) => Responses.json(body, status)
const noContent = () => HttpServerResponse.empty({ status: 204 })

/**
 * The handlers, without their dependencies.
 *
 * @category layers
 * @since 0.3.0
 */
export const layerNoDeps = HttpApiBuilder.group(
  Api,
  "paymentMethods",
  Effect.fn(function*(handlers) {
    const methods = yield* PaymentMethods
    const updateWire = wireOf(PaymentMethodUpdate)
    return handlers
      .handle("listPaymentMethods", ({ query, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) =>
            methods.list(account, {
              limit: query.limit ?? defaultLimit,
              cursor: query.cursor,
              buyerId: query.buyer_id,
              buyerExternalIdentifier: query.buyer_external_identifier,
              status: query.status,
              externalIdentifier: query.external_identifier
            })
          ),
          Effect.map(json())
        ))
      .handle("createPaymentMethod", ({ payload, request }) =>
        actingAccount(request).pipe(Effect.flatMap((account) => methods.create(account, payload)), Effect.map(json(201))))
      .handle("getPaymentMethod", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => methods.get(account, params.payment_method_id)),
          Effect.map(json())
        ))
      .handle("updatePaymentMethod", ({ params, payload, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => methods.update(account, params.payment_method_id, updateWire(payload))),
          Effect.map(json())
        ))
      .handle("deletePaymentMethod", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => methods.remove(account, params.payment_method_id)),
          Effect.map(noContent)
        ))
      .handle("listPaymentServiceTokens", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => methods.listTokens(account, params.payment_method_id)),
          Effect.map(json())
        ))
      .handle("createPaymentServiceToken", ({ params, request }) =>
        Effect.flatMap(actingAccount(request), (account) => methods.createServiceToken(account, params.payment_method_id)))
      .handle("deletePaymentServiceToken", ({ params, request }) =>
        Effect.flatMap(actingAccount(request), (account) => methods.onToken(account, params.payment_method_id, "service")))
      .handle("listNetworkTokens", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => methods.listTokens(account, params.payment_method_id)),
          Effect.map(json())
        ))
      .handle("createNetworkToken", ({ params, request }) =>
        Effect.flatMap(actingAccount(request), (account) => methods.provisionNetworkToken(account, params.payment_method_id)))
      .handle("createNetworkTokenCryptogram", ({ params, request }) =>
        Effect.flatMap(actingAccount(request), (account) => methods.onToken(account, params.payment_method_id, "network")))
      .handle("suspendNetworkToken", ({ params, request }) =>
        Effect.flatMap(actingAccount(request), (account) => methods.onToken(account, params.payment_method_id, "network")))
      .handle("resumeNetworkToken", ({ params, request }) =>
        Effect.flatMap(actingAccount(request), (account) => methods.onToken(account, params.payment_method_id, "network")))
      .handle("deleteNetworkToken", ({ params, request }) =>
        Effect.flatMap(actingAccount(request), (account) => methods.onToken(account, params.payment_method_id, "network")))
  })
)
