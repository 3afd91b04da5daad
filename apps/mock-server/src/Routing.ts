/**
 * The server's routes: the served contract (with the `/_mock/*` controls
 * where they are on), `/openapi.json`, `/docs`, and the answers to what no
 * route takes (404, 405).
 *
 * @since 0.2.0
 */
import { Api, ApiWithoutControls } from "@checkout-kit/domain/api/Api"
import { Layer } from "effect"
import type { HttpServerRequest } from "effect/http"
import { HttpApiBuilder, HttpApiScalar } from "effect/http-api"
import * as Admin from "./Admin.ts"
import * as CheckoutSessionsHttp from "./CheckoutSessions/http.ts"
import * as Responses from "./Responses.ts"
import type { ServerOptions } from "./ServerOptions.ts"
import * as SystemHttp from "./System/http.ts"

/**
 * @category routing
 * @since 0.2.0
 */
export interface Route {
  readonly method: string
  readonly pattern: RegExp
  /** The contract's name of the endpoint (`create`, `updateFields`, …), or the page's (`openapi`, `docs`). */
  readonly operation: string
}

const toPattern = (path: string) =>
  new RegExp(`^${path.replace(/:[A-Za-z_]+/g, "[^/]+").replace(/\*$/, ".*")}/?$`)

/**
 * The contract the server serves: with the `/_mock/*` controls only where they are on.
 *
 * @category routing
 * @since 0.2.0
 */
export const servedApi = (admin: boolean) => admin ? Api : ApiWithoutControls

/**
 * Every route the server knows, to tell 405 (known path, other method) from 404.
 *
 * @category routing
 * @since 0.2.0
 */
export const routeTable = (admin: boolean): ReadonlyArray<Route> => [
  ...Object.values(servedApi(admin).groups).flatMap((group) =>
    Object.entries(group.endpoints).map(([operation, endpoint]) => ({
      method: endpoint.method,
      pattern: toPattern(endpoint.path),
      operation
    }))
  ),
  { method: "GET", pattern: toPattern("/openapi.json"), operation: "openapi" },
  { method: "GET", pattern: toPattern("/docs"), operation: "docs" }
]

/**
 * The methods the routes take on a path (none: no route has the path).
 *
 * @category routing
 * @since 0.2.0
 */
export const methodsOn = (routes: ReadonlyArray<Route>, path: string): ReadonlyArray<string> =>
  routes.filter((r) => r.pattern.test(path)).map((r) => r.method)

/**
 * The contract's name of the endpoint a method and path reach, if any.
 *
 * @category routing
 * @since 0.2.0
 */
export const operationOf = (routes: ReadonlyArray<Route>, method: string, path: string): string | undefined => {
  for (const route of routes) if (route.method === method && route.pattern.test(path)) return route.operation
  return undefined
}

/**
 * A request URL's path, without its query.
 *
 * @category routing
 * @since 0.2.0
 */
export const pathOf = (url: string) => {
  const q = url.indexOf("?")
  return q < 0 ? url : url.slice(0, q)
}

/**
 * The answer to a request no route took: 405 with `allow` on a known path,
 * else 404, in the API's error shape.
 *
 * @category routing
 * @since 0.2.0
 */
export const notFoundOrNotAllowed = (routes: ReadonlyArray<Route>) =>
(request: HttpServerRequest.HttpServerRequest) => {
  const path = pathOf(request.url)
  const allowed = methodsOn(routes, path)
  // The method is allowed on the path, yet no route took it: a path parameter the router refuses (over
  // 100 characters, a malformed %-escape). Such an id names no session.
  if (allowed.includes(request.method)) return Responses.error(404, "The checkout session could not be found")
  return allowed.length > 0
    ? Responses.error(405, `${request.method} is not allowed on ${path}`, [], { allow: allowed.join(", ") })
    : Responses.error(404, `No route for ${request.method} ${path}`)
}

/**
 * Every route of the server, with its services.
 *
 * @category layers
 * @since 0.1.0
 */
export const routes = (options: Pick<ServerOptions, "admin">) => {
  const groups = Layer.mergeAll(CheckoutSessionsHttp.layerNoDeps, SystemHttp.layer)
  // The served contract, so `/openapi.json` and `/docs` describe the controls exactly where they are served.
  return options.admin
    ? Layer.merge(
      HttpApiBuilder.layer(Api, { openapiPath: "/openapi.json" }).pipe(Layer.provide([groups, Admin.layer])),
      HttpApiScalar.layer(Api, { path: "/docs" })
    )
    : Layer.merge(
      HttpApiBuilder.layer(ApiWithoutControls, { openapiPath: "/openapi.json" }).pipe(Layer.provide(groups)),
      HttpApiScalar.layer(ApiWithoutControls, { path: "/docs" })
    )
}

