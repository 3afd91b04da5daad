/**
 * The contract's `paymentServices` group: the definitions the mock offers
 * and the payment services of the merchant account a call acts on (its
 * `x-gr4vy-merchant-account-id`, else its key's account, else `default`),
 * implemented with `handle` over `PaymentServices`.
 *
 * @since 0.3.0
 */
import { Api } from "@checkout-kit/domain/api/Api"
import { defaultLimit } from "@checkout-kit/domain/Collection"
import { Effect } from "effect"
import type { HttpServerRequest } from "effect/http"
import { HttpApiBuilder } from "effect/http-api"
import { accountOf } from "../Authorization.ts"
import { definitions } from "./PaymentServiceDefinitions.ts"
import { definitionNotFound, noSession, PaymentServices } from "./PaymentServices.ts"

const definitionById = (id: string) => {
  const definition = definitions.get(id)
  return definition === undefined ? Effect.fail(definitionNotFound()) : Effect.succeed(definition)
}

// What `f` does in the merchant account the request acts on.
const inAccount = <A, E>(request: HttpServerRequest.HttpServerRequest, f: (account: string) => Effect.Effect<A, E>) =>
  Effect.flatMap(accountOf(request), f)

/**
 * The group's handlers.
 *
 * @category layers
 * @since 0.3.0
 */
export const layer = HttpApiBuilder.group(Api, "paymentServices", (handlers) =>
  Effect.gen(function*() {
    const services = yield* PaymentServices
    return handlers
      // Fewer definitions than the smallest page: one page, whatever its size.
      .handle("listPaymentServiceDefinitions", ({ query }) =>
        Effect.succeed({
          items: [...definitions.values()].slice(0, query.limit ?? defaultLimit),
          limit: query.limit ?? defaultLimit,
          nextCursor: null,
          previousCursor: null
        }))
      .handle("getPaymentServiceDefinition", ({ params }) => definitionById(params.payment_service_definition_id))
      .handle("createPaymentServiceDefinitionSession", ({ params }) =>
        Effect.as(definitionById(params.payment_service_definition_id), noSession))
      .handle("listPaymentServices", ({ query, request }) => inAccount(request, (account) => services.list(account, query)))
      .handle("createPaymentService", ({ payload, request }) =>
        inAccount(request, (account) => services.create(account, payload)))
      .handle("getPaymentService", ({ params, request }) =>
        inAccount(request, (account) => services.get(account, params.payment_service_id)))
      .handle("updatePaymentService", ({ params, payload, request }) =>
        inAccount(request, (account) => services.update(account, params.payment_service_id, payload)))
      .handle("deletePaymentService", ({ params, request }) =>
        inAccount(request, (account) => services.remove(account, params.payment_service_id)))
      .handle("verifyPaymentServiceCredentials", ({ payload, request }) =>
        inAccount(request, (account) => Effect.as(services.verify(account, payload), {})))
      .handle("createPaymentServiceSession", ({ params, request }) =>
        inAccount(request, (account) => services.session(account, params.payment_service_id)))
  }))
