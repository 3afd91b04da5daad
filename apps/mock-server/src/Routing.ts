/**
 * The server's routes: the served contract (with the `/_mock/*` controls
 * where they are on), `/openapi.json`, `/docs`, and the answers to what no
 * route takes (404, 405).
 *
 * @since 0.2.0
 */
import { Api, ApiWithoutControls } from "@checkout-kit/domain/api/Api"
import { Layer } from "effect"
import { HttpApiBuilder, HttpApiScalar } from "effect/http-api"
import * as BuyersHttp from "./Buyers/http.ts"
import * as MockControlsHttp from "./MockControls/http.ts"
import * as CheckoutSessionsHttp from "./CheckoutSessions/http.ts"
import * as MerchantAccountsHttp from "./MerchantAccounts/http.ts"
import { MerchantAccounts } from "./MerchantAccounts/MerchantAccounts.ts"
import * as PaymentOptionsHttp from "./PaymentOptions/http.ts"
import * as PaymentServicesHttp from "./PaymentServices/http.ts"
import { PaymentServices } from "./PaymentServices/PaymentServices.ts"
import * as PaymentMethodsHttp from "./PaymentMethods/http.ts"
import type { ServerOptions } from "./ServerOptions.ts"
import * as SystemHttp from "./System/http.ts"

// The table of routes lives in RouteTable.ts (the test controls read it, and they are routed here).
export {
  methodsOn,
  notFoundOrNotAllowed,
  operationOf,
  pathOf,
  type Route,
  routeTable,
  servedApi
} from "./RouteTable.ts"

/**
 * Every route of the server, with its services.
 *
 * @category layers
 * @since 0.1.0
 */
export const routes = (options: Pick<ServerOptions, "admin">) => {
  // The payment resources' groups, with their services over the document store.
  const payments = Layer.mergeAll(
    MerchantAccountsHttp.layer,
    PaymentServicesHttp.layer,
    PaymentOptionsHttp.layer,
    BuyersHttp.layerNoDeps,
    PaymentMethodsHttp.layerNoDeps
  ).pipe(Layer.provide(Layer.mergeAll(MerchantAccounts.layer, PaymentServices.layer)))
  const groups = Layer.mergeAll(CheckoutSessionsHttp.layerNoDeps, SystemHttp.layer, payments)
  // The served contract, so `/openapi.json` and `/docs` describe the controls exactly where they are served.
  return options.admin
    ? Layer.merge(
      HttpApiBuilder.layer(Api, { openapiPath: "/openapi.json" }).pipe(Layer.provide([groups, MockControlsHttp.layer])),
      HttpApiScalar.layer(Api, { path: "/docs" })
    )
    : Layer.merge(
      HttpApiBuilder.layer(ApiWithoutControls, { openapiPath: "/openapi.json" }).pipe(Layer.provide(groups)),
      HttpApiScalar.layer(ApiWithoutControls, { path: "/docs" })
    )
}

