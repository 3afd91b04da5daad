/**
 * Gr4vy's webhook signatures, checked and made. A delivery is a `POST` with a
 * JSON body and three headers: `X-Gr4vy-Webhook-Timestamp` (Unix seconds),
 * `X-Gr4vy-Webhook-Signatures` (comma-separated hex HMAC-SHA256 of
 * `"<timestamp>.<raw body>"` keyed by the secret as UTF-8, one per active
 * secret, so several while a secret is rotated) and `X-Gr4vy-Webhook-ID` (the
 * same on every retry of one event).
 *
 * `verifyWebhook` accepts only what the official SDK's `verifyWebhook`
 * (`@gr4vy/sdk`) accepts, and is stricter: the timestamp must be decimal
 * digits, the header must hold at least one signature of 64 lowercase hex
 * digits (other entries are skipped, as the SDK skips them), signatures are
 * compared in constant time, and a timestamp older than the tolerance (300 s
 * unless told; the SDK has no default) is refused.
 * A timestamp ahead of the receiver's time is accepted, as the SDK does (the
 * mock server's clocks may run ahead of real time). It throws a
 * `WebhookVerificationError` whose `reason` says why; its message never
 * repeats a secret or a signature. `verify` is the same as an Effect, its
 * time from `Clock` unless `now` is given. `signWebhook` signs a payload as
 * Gr4vy does, for a team's own tests:
 *
 * ```ts
 * const { headers } = signWebhook({ secret: "whsec-test", payload: body, timestamp: 1_765_152_000 })
 * verifyWebhook({
 *   secret: "whsec-test",
 *   payload: body,
 *   signatureHeader: headers["x-gr4vy-webhook-signatures"],
 *   timestampHeader: headers["x-gr4vy-webhook-timestamp"],
 *   now: new Date(1_765_152_000_000)
 * })
 * ```
 *
 * @since 0.2.0
 */
import { webhookHeaders } from "@checkout-kit/domain/WebhookEvent"
import { Clock, Effect, Schema } from "effect"
import { createHmac, timingSafeEqual } from "node:crypto"

/**
 * The delivery's headers, lowercase as Node presents them.
 *
 * @category constants
 * @since 0.2.0
 */
export const headerNames = webhookHeaders

/**
 * How old a delivery's timestamp may be, in seconds, unless told otherwise.
 *
 * @category constants
 * @since 0.2.0
 */
export const defaultToleranceSeconds = 300

/**
 * Why a delivery was refused.
 *
 * @category models
 * @since 0.2.0
 */
export const VerificationFailure = Schema.Literals([
  "NoSecret",
  "MissingTimestamp",
  "MissingSignature",
  "MalformedTimestamp",
  "MalformedSignature",
  "NoMatchingSignature",
  "TimestampTooOld"
])

/**
 * @category models
 * @since 0.2.0
 */
export type VerificationFailure = typeof VerificationFailure.Type

/**
 * A delivery that is not Gr4vy's (or not this secret's): `reason` says why.
 * The message names no secret and no signature.
 *
 * @category errors
 * @since 0.2.0
 */
export class WebhookVerificationError extends Schema.TaggedError<WebhookVerificationError>()(
  "WebhookVerificationError",
  { reason: VerificationFailure, message: Schema.String }
) {}

/**
 * The signing secret or secrets: one, or several while a secret is rotated
 * (a delivery verifies when a signature matches any of them).
 *
 * @category models
 * @since 0.2.0
 */
export type Secrets = { readonly secret: string; readonly secrets?: undefined } | {
  readonly secret?: undefined
  readonly secrets: ReadonlyArray<string>
}

/**
 * A delivery's raw body: the bytes as received, or their text.
 *
 * @category models
 * @since 0.2.0
 */
export type Payload = string | Uint8Array

/**
 * @category models
 * @since 0.2.0
 */
export type VerifyOptions = Secrets & {
  /** The raw body, exactly as received (not re-serialized JSON). */
  readonly payload: Payload
  /** `X-Gr4vy-Webhook-Signatures`. */
  readonly signatureHeader: string | null | undefined
  /** `X-Gr4vy-Webhook-Timestamp`. */
  readonly timestampHeader: string | null | undefined
  /** Seconds a timestamp may be old; default 300, `Infinity` to accept any age. */
  readonly toleranceSeconds?: number | undefined
  /** The receiver's time (a `Date` or epoch milliseconds); default the current time. */
  readonly now?: Date | number | undefined
}

/**
 * What a verified delivery said.
 *
 * @category models
 * @since 0.2.0
 */
export interface VerifiedWebhook {
  /** The signed timestamp, Unix seconds. */
  readonly timestamp: number
}

const fail = (reason: VerificationFailure, message: string) => new WebhookVerificationError({ reason, message })

const secretsOf = (options: Secrets): ReadonlyArray<string> =>
  options.secrets ?? (options.secret === undefined ? [] : [options.secret])

const hmac = (secret: string, timestamp: number, payload: Payload): Buffer =>
  createHmac("sha256", secret).update(`${timestamp}.`).update(payload).digest()

const toMillis = (now: Date | number) => (typeof now === "number" ? now : now.getTime())

// A refusal is returned, not thrown, so the Effect and the throwing variants share it; a programming error throws.
const check = (options: VerifyOptions, nowMillis: number): VerifiedWebhook | WebhookVerificationError => {
  const tolerance = options.toleranceSeconds ?? defaultToleranceSeconds
  if (!(tolerance >= 0)) throw new RangeError("toleranceSeconds must be a number of seconds, 0 or more")
  const secrets = secretsOf(options).filter((secret) => secret.length > 0)
  if (secrets.length === 0) return fail("NoSecret", "No webhook secret to verify with")
  const { signatureHeader, timestampHeader } = options
  if (timestampHeader == null || timestampHeader.trim() === "") {
    return fail("MissingTimestamp", `No ${headerNames.timestamp} header`)
  }
  if (signatureHeader == null || signatureHeader.trim() === "") {
    return fail("MissingSignature", `No ${headerNames.signatures} header`)
  }
  if (!/^\d{1,15}$/.test(timestampHeader.trim())) {
    return fail("MalformedTimestamp", `${headerNames.timestamp} is not Unix seconds (decimal digits)`)
  }
  const timestamp = Number(timestampHeader.trim())
  // Entries that are not a digest are skipped, as the SDK skips them (they cannot match); none at all is malformed.
  const received = signatureHeader.split(",").map((entry) => entry.trim()).filter((entry) =>
    /^[0-9a-f]{64}$/.test(entry)
  ).map((entry) => Buffer.from(entry, "hex"))
  if (received.length === 0) {
    return fail("MalformedSignature", `${headerNames.signatures} holds no HMAC-SHA256 hex digest`)
  }
  let matched = false
  for (const secret of secrets) {
    const expected = hmac(secret, timestamp, options.payload)
    for (const signature of received) {
      // Both 32 bytes (64 hex digits each): timingSafeEqual compares them in constant time.
      if (timingSafeEqual(expected, signature)) matched = true
    }
  }
  if (!matched) {
    return fail("NoMatchingSignature", "No signature matches the payload and timestamp for the given secret(s)")
  }
  const ageSeconds = nowMillis / 1000 - timestamp
  if (ageSeconds > tolerance) {
    return fail(
      "TimestampTooOld",
      `The timestamp ${timestamp} is ${Math.floor(ageSeconds)} s old, more than the tolerance of ${tolerance} s`
    )
  }
  return { timestamp }
}

/**
 * Checks a delivery's signatures and age; throws a `WebhookVerificationError`
 * when it is refused (a `RangeError` for a negative tolerance).
 *
 * @category verification
 * @since 0.2.0
 */
export const verifyWebhook = (options: VerifyOptions): VerifiedWebhook => {
  const result = check(options, options.now === undefined ? Date.now() : toMillis(options.now))
  if (result instanceof WebhookVerificationError) throw result
  return result
}

/**
 * `verifyWebhook` as an Effect: the time is `now` when given, else `Clock`'s
 * (so `TestClock` pins it).
 *
 * @category verification
 * @since 0.2.0
 */
export const verify = (options: VerifyOptions): Effect.Effect<VerifiedWebhook, WebhookVerificationError> =>
  Effect.flatMap(
    options.now === undefined ? Clock.currentTimeMillis : Effect.succeed(toMillis(options.now)),
    (nowMillis) => {
      const result = check(options, nowMillis)
      return result instanceof WebhookVerificationError ? Effect.fail(result) : Effect.succeed(result)
    }
  )

/**
 * @category models
 * @since 0.2.0
 */
export type SignOptions = Secrets & {
  readonly payload: Payload
  /** Unix seconds; default the current time. */
  readonly timestamp?: number | undefined
}

/**
 * A signed delivery's headers: `headers` is ready for `fetch`, without the
 * webhook id (the sender chooses it).
 *
 * @category models
 * @since 0.2.0
 */
export interface SignedWebhook {
  readonly timestamp: string
  readonly signatures: string
  readonly headers: {
    readonly "x-gr4vy-webhook-timestamp": string
    readonly "x-gr4vy-webhook-signatures": string
  }
}

/**
 * The signature of a payload at a timestamp (Unix seconds) under one secret:
 * lowercase hex HMAC-SHA256 of `"<timestamp>.<payload>"`.
 *
 * @category signing
 * @since 0.2.0
 */
export const signature = (secret: string, timestamp: number, payload: Payload): string =>
  hmac(secret, timestamp, payload).toString("hex")

/**
 * Signs a payload as Gr4vy does: one signature per secret, comma-separated.
 *
 * @category signing
 * @since 0.2.0
 */
export const signWebhook = (options: SignOptions): SignedWebhook => {
  const secrets = secretsOf(options)
  if (secrets.length === 0 || secrets.some((secret) => secret.length === 0)) {
    throw new RangeError("signWebhook needs at least one non-empty secret")
  }
  const time = options.timestamp ?? Math.floor(Date.now() / 1000)
  if (!Number.isSafeInteger(time) || time < 0) throw new RangeError("timestamp must be whole Unix seconds")
  const timestamp = String(time)
  const signatures = secrets.map((secret) => signature(secret, time, options.payload)).join(",")
  return {
    timestamp,
    signatures,
    headers: { [headerNames.timestamp]: timestamp, [headerNames.signatures]: signatures }
  }
}
