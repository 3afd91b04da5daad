/**
 * Operational endpoints: the health check.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup } from "effect/http-api"
import { preferHeaders } from "./CheckoutSessions.ts"

/**
 * The body of `GET /health`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Health = Schema.Struct({ status: Schema.Literal("ok") })

/**
 * @category groups
 * @since 0.1.0
 */
export class SystemGroup extends HttpApiGroup.make("system")
  .add(HttpApiEndpoint.get("health", "/health", { headers: preferHeaders, success: Health }))
{}
