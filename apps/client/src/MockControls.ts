/**
 * The mock server's test controls (`/_mock/*`), typed from the contract's
 * `mockControls` group (`HttpApiClient`). The mock keeps one clock per
 * merchant account: the calls move and read the clock of the account the
 * `HttpClient` names (`x-gr4vy-merchant-account-id`, `default` without it).
 *
 * @since 0.2.0
 */
import { Api } from "@checkout-kit/domain/api/Api"
import type { MockClockState, SessionList } from "@checkout-kit/domain/api/MockControls"
import { DateTime, Effect } from "effect"
import type { HttpClient } from "effect/http"
import { HttpApiClient } from "effect/http-api"

/**
 * The server's clock as `GET /_mock/clock` answers it.
 *
 * @category models
 * @since 0.2.0
 */
export type MockClock = typeof MockClockState.Type

/**
 * A page of the mock's stored sessions as `GET /_mock/sessions` answers it,
 * each session decoded by the contract's `CheckoutSession`.
 *
 * @category models
 * @since 0.2.0
 */
export type MockSessions = typeof SessionList.Type

/**
 * @category models
 * @since 0.2.0
 */
export interface MockControls {
  /**
   * Moves the account's clock forward; `false` when the server offers no
   * clock (it is not the mock, or its test controls are off).
   */
  readonly advanceClock: (seconds: number) => Effect.Effect<boolean>
  /**
   * Sets how far the account's clock is ahead of real time (`0`: back to
   * real time, undoing every move); `false` when the server offers no clock.
   *
   * @since 0.2.0
   */
  readonly setClockOffset: (seconds: number) => Effect.Effect<boolean>
  /**
   * Sets the account's clock to an absolute time (not before real time);
   * `false` when the server offers no clock or refuses the time.
   *
   * @since 0.2.0
   */
  readonly setClockTime: (time: Date) => Effect.Effect<boolean>
  /**
   * Reads the server's clock; `undefined` when the server offers no clock.
   *
   * @since 0.2.0
   */
  readonly clock: Effect.Effect<MockClock | undefined>
  /**
   * Lists the server's live sessions, newest first, a page at a time (pass
   * the previous page's `next_cursor` as `cursor`); `undefined` when the
   * server offers no listing.
   *
   * @since 0.2.0
   */
  readonly sessions: (options?: {
    readonly merchantAccountId?: string | undefined
    readonly limit?: number | undefined
    readonly cursor?: string | undefined
  }) => Effect.Effect<MockSessions | undefined>
}

/**
 * The controls, on an `HttpClient` that sends to the server's base URL (as
 * `CheckoutKitClient.httpClient` does).
 *
 * @category constructors
 * @since 0.2.0
 */
export const make = (client: HttpClient.HttpClient): Effect.Effect<MockControls> =>
  Effect.map(HttpApiClient.group(Api, { group: "mockControls", httpClient: client }), (controls) => ({
    advanceClock: (seconds) =>
      controls.advanceClock({ payload: { advance_seconds: seconds } }).pipe(
        Effect.as(true),
        Effect.orElseSucceed(() => false)
      ),
    setClockOffset: (seconds) =>
      controls.advanceClock({ payload: { offset_seconds: seconds } }).pipe(
        Effect.as(true),
        Effect.orElseSucceed(() => false)
      ),
    setClockTime: (time) =>
      controls.advanceClock({ payload: { time: DateTime.makeUnsafe(time) } }).pipe(
        Effect.as(true),
        Effect.orElseSucceed(() => false)
      ),
    clock: controls.clock().pipe(Effect.orElseSucceed(() => undefined)),
    sessions: (options = {}) =>
      controls.sessions({
        query: {
          ...(options.merchantAccountId === undefined ? {} : { merchant_account_id: options.merchantAccountId }),
          ...(options.limit === undefined ? {} : { limit: options.limit }),
          ...(options.cursor === undefined ? {} : { cursor: options.cursor })
        }
      }).pipe(Effect.orElseSucceed(() => undefined))
  }))
