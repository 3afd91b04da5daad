/**
 * `GET /health`.
 *
 * @since 0.1.0
 */
import { Api } from "@checkout-kit/domain/api/Api"
import { Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import * as Responses from "../Responses.ts"
import { StoreHealth } from "../StoreHealth.ts"

const ok = { status: "ok" } as const

/**
 * `{"status":"ok"}` (the contract's `Health`), or 503 in the API's error shape
 * while the session store fails.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = HttpApiBuilder.group(
  Api,
  "system",
  (handlers) =>
    Effect.map(Effect.serviceOption(StoreHealth), (health) =>
      handlers.handle("health", () =>
        Effect.map(health._tag === "Some" ? health.value.checkLive : Effect.succeed(undefined), (failure) =>
          failure === undefined
            ? ok
            : Responses.error(503, "The session store is failing; see the server's error log", [], { "retry-after": "1" })
        )))
)
