/**
 * The buyers endpoints of the contract (`BuyersGroup`), implemented with
 * `handle`: params, query and bodies decoded by the declared schemas (a
 * refusal is the API's 400 with pointers), answers the wire JSON the store
 * keeps. `GET /buyers/payment-methods` is a stored payment methods' call and
 * lives with them (PaymentMethods/PaymentMethods.ts). `GET /buyers/gift-cards`
 * answers `{ "items": [] }`: the mock has no gift card service, so no buyer
 * has stored gift cards; an unknown buyer (or no filter) gets the same empty
 * list, as `GET /buyers/payment-methods` gives an unknown buyer.
 *
 * @since 0.3.0
 */
import { Api } from "@checkout-kit/domain/api/Api"
import { ShippingDetailsCreate } from "@checkout-kit/domain/Buyer"
import { BuyerCreate, BuyerUpdate, ShippingDetailsUpdate } from "@checkout-kit/domain/BuyerResource"
import { defaultLimit } from "@checkout-kit/domain/Collection"
import { Effect, Schema } from "effect"
import { HttpServerResponse } from "effect/http"
import { HttpApiBuilder } from "effect/http-api"
import { actingAccount } from "../CheckoutSessions/http.ts"
import { PaymentMethods } from "../PaymentMethods/PaymentMethods.ts"
import * as Responses from "../Responses.ts"
import { Buyers } from "./Buyers.ts"

/**
 * A decoded body back in its wire form (snake_case JSON), for the store.
 *
 * @category requests
 * @since 0.3.0
 */
export const wireOf = <S extends Schema.Top>(schema: S) => {
  const encode = Schema.encodeSync(Schema.toCodecJson(schema) as unknown as Schema.Codec<S["Type"], unknown>)
  return (value: S["Type"]) => encode(value) as Record<string, unknown>
}

const noContent = HttpServerResponse.empty({ status: 204 })

/**
 * The handlers, without their dependencies.
 *
 * @category layers
 * @since 0.3.0
 */
export const layerNoDeps = HttpApiBuilder.group(
  Api,
  "buyers",
  Effect.fn(function*(handlers) {
    const buyers = yield* Buyers
    const methods = yield* PaymentMethods
    const buyerWire = wireOf(BuyerCreate)
    const buyerUpdateWire = wireOf(BuyerUpdate)
    const shippingWire = wireOf(ShippingDetailsCreate)
    const shippingUpdateWire = wireOf(ShippingDetailsUpdate)
    return handlers
      .handle("listBuyers", ({ query, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) =>
            buyers.list(account, {
              limit: query.limit ?? defaultLimit,
              cursor: query.cursor,
              search: query.search,
              externalIdentifier: query.external_identifier
            })
          ),
          Effect.map((body) => Responses.json(body))
        ))
      .handle("addBuyer", ({ payload, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => buyers.create(account, buyerWire(payload))),
          Effect.map((body) => Responses.json(body, 201))
        ))
      .handle("listBuyerPaymentMethods", ({ query, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) =>
            methods.listForBuyer(account, {
              buyerId: query.buyer_id,
              buyerExternalIdentifier: query.buyer_external_identifier,
              orderBy: query.order_by ?? "desc"
            })
          ),
          Effect.map((body) => Responses.json(body))
        ))
      .handle("listBuyerGiftCards", ({ request }) =>
        actingAccount(request).pipe(Effect.as(Responses.json(`{"items":[]}`))))
      .handle("getBuyer", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => buyers.get(account, params.buyer_id)),
          Effect.map((body) => Responses.json(body))
        ))
      .handle("updateBuyer", ({ params, payload, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => buyers.update(account, params.buyer_id, buyerUpdateWire(payload))),
          Effect.map((body) => Responses.json(body))
        ))
      .handle("deleteBuyer", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => buyers.remove(account, params.buyer_id)),
          Effect.as(noContent)
        ))
      .handle("listBuyerShippingDetails", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => buyers.listShippingDetails(account, params.buyer_id)),
          Effect.map((body) => Responses.json(body))
        ))
      .handle("addBuyerShippingDetails", ({ params, payload, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => buyers.addShippingDetails(account, params.buyer_id, shippingWire(payload))),
          Effect.map((body) => Responses.json(body, 201))
        ))
      .handle("getBuyerShippingDetails", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => buyers.getShippingDetails(account, params.buyer_id, params.shipping_details_id)),
          Effect.map((body) => Responses.json(body))
        ))
      .handle("updateBuyerShippingDetails", ({ params, payload, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) =>
            buyers.updateShippingDetails(account, params.buyer_id, params.shipping_details_id, shippingUpdateWire(payload))
          ),
          Effect.map((body) => Responses.json(body))
        ))
      .handle("deleteBuyerShippingDetails", ({ params, request }) =>
        actingAccount(request).pipe(
          Effect.flatMap((account) => buyers.removeShippingDetails(account, params.buyer_id, params.shipping_details_id)),
          Effect.as(noContent)
        ))
  })
)
