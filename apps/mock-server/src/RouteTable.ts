/**
 * The table of the server's routes, from the served contract: which paths
 * and methods exist (to tell 405 from 404), the contract's name of the
 * endpoint a request reaches, and the answer to what no route takes. Read by
 * the middleware around every request and by the test controls (the
 * journal's operation names); the routes themselves are built in
 * `Routing.ts`.
 *
 * @since 0.2.0
 */
import { Api, ApiWithoutControls } from "@checkout-kit/domain/api/Api"
import type { HttpServerRequest } from "effect/http"
import * as Responses from "./Responses.ts"

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
