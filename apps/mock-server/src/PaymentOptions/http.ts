/**
 * The contract's `paymentOptions` group: `POST /payment-options` (the ways
 * to pay a cart in the merchant account the call acts on) and
 * `GET /card-scheme-definitions`.
 *
 * @since 0.3.0
 */
import { Api } from "@checkout-kit/domain/api/Api"
import { Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { accountOf } from "../Authorization.ts"
import { PaymentServices } from "../PaymentServices/PaymentServices.ts"
import { cardSchemeDefinitions, optionsFor } from "./PaymentOptions.ts"

/**
 * The group's handlers.
 *
 * @category layers
 * @since 0.3.0
 */
export const layer = HttpApiBuilder.group(Api, "paymentOptions", (handlers) =>
  Effect.gen(function*() {
    const services = yield* PaymentServices
    return handlers
      .handle("listPaymentOptions", ({ payload, request }) =>
        Effect.map(
          Effect.flatMap(accountOf(request), services.active),
          (active) => ({ items: optionsFor(active, payload) })
        ))
      .handle("listCardSchemeDefinitions", () => Effect.succeed({ items: cardSchemeDefinitions }))
  }))
