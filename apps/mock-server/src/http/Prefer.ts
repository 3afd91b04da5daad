/**
 * Forced errors and latency, as Prism users know them: `Prefer: code=NNN`
 * answers that error status in the API's error shape without running the
 * call; `Prefer: delay=MS` answers after MS milliseconds. The contract
 * declares the header on every API endpoint (`preferHeaders` of the domain);
 * the `/_mock/` controls do not take it.
 *
 * @since 0.3.0
 */
import { Duration, Effect } from "effect"
import type { HttpServerResponse } from "effect/http"
import * as Responses from "../Responses.ts"

/**
 * The longest `Prefer: delay=` honoured, in milliseconds.
 *
 * @category constants
 * @since 0.1.0
 */
export const maxDelayMs = 30_000

/**
 * What a `Prefer` header asks for.
 *
 * @category models
 * @since 0.3.0
 */
export interface Preference {
  readonly code?: number
  readonly delay?: number
}

/**
 * The `Prefer` header's `code=` and `delay=` (RFC 7240 preferences, as Prism
 * reads them).
 *
 * @category requests
 * @since 0.1.0
 */
export const parsePrefer = (header: string | undefined): Preference => {
  const out: { code?: number; delay?: number } = {}
  if (header === undefined) return out
  for (const part of header.split(/[,;]/)) {
    const [name, value] = part.split("=").map((s) => s.trim().replace(/^"|"$/g, ""))
    const n = Number(value)
    if (name === "code" && Number.isInteger(n)) out.code = n
    if (name === "delay" && Number.isFinite(n) && n >= 0) out.delay = Math.min(n, maxDelayMs)
  }
  return out
}

/**
 * The answer `Prefer: code=` forces: that error in the API's shape (with
 * `retry-after` for 429 and 503), or 400 for a status that is not an error.
 *
 * @category middleware
 * @since 0.3.0
 */
export const forcedAnswer = (code: number): HttpServerResponse.HttpServerResponse =>
  code >= 400 && code <= 599
    ? Responses.error(
      code,
      `Forced by Prefer: code=${code}`,
      [],
      code === 429 || code === 503 ? { "retry-after": "1" } : undefined
    )
    : Responses.error(400, `Prefer: code=${code} is not an error status`)

/**
 * The answer, after the latency `Prefer: delay=` asks for.
 *
 * @category middleware
 * @since 0.3.0
 */
export const delayed = <A, E, R>(preference: Preference, answer: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  preference.delay !== undefined && preference.delay > 0
    ? Effect.andThen(Effect.sleep(Duration.millis(preference.delay)), answer)
    : answer
