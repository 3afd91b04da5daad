/**
 * `GET /health`.
 *
 * @since 0.1.0
 */
import { Api } from "@checkout-kit/domain/api/Api"
import { Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"

/**
 * @category layers
 * @since 0.1.0
 */
export const layer = HttpApiBuilder.group(
  Api,
  "system",
  (handlers) => Effect.succeed(handlers.handle("health", () => Effect.succeed({ status: "ok" as const })))
)
