/**
 * The mock server's test controls (`/_mock/*`) the client uses, in one
 * place. They are not in the `HttpApi` contract yet, so they are sent as
 * plain requests on the client's `HttpClient`; when the contract has a group
 * for them, these become its typed calls.
 *
 * @since 0.2.0
 */
import { Effect } from "effect"
import { type HttpClient, HttpClientRequest } from "effect/http"

/**
 * @category models
 * @since 0.2.0
 */
export interface MockControls {
  /**
   * Moves the server's clock forward; `false` when the server offers no
   * clock (it is not the mock, or its test controls are off).
   */
  readonly advanceClock: (seconds: number) => Effect.Effect<boolean>
}

/**
 * The controls, on an `HttpClient` that sends to the server's base URL (as
 * `CheckoutKitClient.httpClient` does).
 *
 * @category constructors
 * @since 0.2.0
 */
export const make = (client: HttpClient.HttpClient): MockControls => ({
  advanceClock: (seconds) =>
    client.execute(HttpClientRequest.bodyJsonUnsafe(HttpClientRequest.post("/_mock/clock"), { advance_seconds: seconds }))
      .pipe(
        Effect.map((response) => response.status === 200),
        Effect.orElseSucceed(() => false)
      )
})
