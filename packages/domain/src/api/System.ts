/**
 * Operational endpoints: the health check.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema } from "effect/http-api"
import { ServerError } from "../Errors.ts"
import { preferHeaders } from "./CheckoutSessions.ts"

/**
 * The body of `GET /health`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Health = Schema.Struct({ status: Schema.Literal("ok") })

/**
 * The answer of `GET /health` while the server's session store fails: 503 in
 * the API's error shape (a `ServerError` of status 503, `Retry-After: 1`).
 *
 * @category schemas
 * @since 0.2.0
 */
export const Unhealthy = ServerError.pipe(HttpApiSchema.status(503))

/**
 * @category groups
 * @since 0.1.0
 */
export class SystemGroup extends HttpApiGroup.make("system")
  .add(HttpApiEndpoint.get("health", "/health", { headers: preferHeaders, success: Health, error: Unhealthy }))
{}
