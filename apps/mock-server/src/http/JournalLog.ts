/**
 * The record of every answered request: its journal entry (not for the
 * `/_mock/` controls) and, with `--log-requests`, one log line.
 *
 * @since 0.3.0
 */
import type { HttpServerRequest, HttpServerResponse } from "effect/http"
import { bodyText, type Journal } from "../Journal.ts"
import * as Redact from "../Redact.ts"
import { logLine, type ServerOptions } from "../ServerOptions.ts"
import type { Preference } from "./Prefer.ts"
import type { Captured } from "./RequestCapture.ts"

// The body of a secure-fields call, as the journal may keep it: card number reduced, security code removed.
const fieldsPath = /\/fields\/?$/
const redactFieldsBody = (text: string | undefined) => {
  if (text === undefined) return undefined
  try {
    return JSON.stringify(Redact.redactJson(JSON.parse(text)))
  } catch {
    return "[withheld]"
  }
}

/**
 * One request as it is recorded.
 *
 * @category models
 * @since 0.3.0
 */
export interface Recorded {
  readonly request: HttpServerRequest.HttpServerRequest
  readonly path: string
  /** A call to the `/_mock/` controls: logged, not journalled. */
  readonly control: boolean
  /** The merchant account the request names (its header, else `default`). */
  readonly namedAccountId: string
  readonly preference: Preference
  readonly captured: Captured
  /** When the request arrived (`performance.now()`). */
  readonly start: number
}

/**
 * The recorder of a server: records a request with the status it was
 * answered (499: the client left) and the response, if one was made.
 *
 * @category middleware
 * @since 0.3.0
 */
export const make = (options: ServerOptions, journal: Journal["Service"]) =>
(
  { captured, control, namedAccountId, path, preference, request, start }: Recorded,
  status: number,
  response?: HttpServerResponse.HttpServerResponse
): void => {
  // The account the call acted on, where the header did not name it (a bound key, a browser-facing call).
  const merchantAccountId = captured.account ?? namedAccountId
  const time = new Date().toISOString()
  const durationMs = Math.round((performance.now() - start) * 100) / 100
  if (!control) {
    const cardData = request.method === "PUT" && fieldsPath.test(path)
    const body = captured.body
    journal.record({
      method: request.method,
      path,
      status,
      merchantAccountId,
      time,
      durationMs,
      forcedStatus: preference.code,
      delayMs: preference.delay,
      requestHeaders: request.headers,
      requestBody: cardData ? redactFieldsBody(bodyText(body)) : body,
      cardData,
      response
    })
  }
  if (options.logRequests) {
    logLine(options, "info", "request", {
      method: request.method,
      path,
      status,
      merchant_account_id: merchantAccountId,
      time,
      duration_ms: durationMs
    })
  }
}
