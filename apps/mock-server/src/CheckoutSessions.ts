/**
 * The checkout-sessions behaviour: create, read, update and delete sessions
 * of a merchant account, on wire JSON (the bodies are validated with the
 * domain's strict decoder; the store keeps and serves wire JSON).
 *
 * Update semantics (domain API-SEMANTICS.md § Update): each top-level field the body names is
 * replaced, a field sent as `null` is cleared (absent from then on), a field
 * not named keeps its value; `expires_in` moves `expires_at` to now +
 * expires_in. `id` and `payment_method` never change through an update.
 *
 * @since 0.1.0
 */
import * as Cards from "@checkout-kit/domain/Cards"
import { CheckoutSession, CheckoutSessionUpdate, sessionFields } from "@checkout-kit/domain/CheckoutSession"
import * as Defaults from "@checkout-kit/domain/Defaults"
import { errorDetailTypes } from "@checkout-kit/domain/Errors"
import * as StrictDecoder from "@checkout-kit/domain/StrictDecoder"
import { CheckoutSessionCardDetailsRequest, CheckoutSessionSecureFields } from "@checkout-kit/domain/PaymentMethod"
import { Context, Effect, Layer, Redacted, SchemaAST } from "effect"
import { randomUUID } from "node:crypto"
import { ApiError } from "./ApiError.ts"
import { cardProblems } from "./CardChecks.ts"
import { fingerprint } from "./CardFingerprint.ts"
import { MockClock } from "./MockClock.ts"
import { sessionView } from "./PaymentMethods/StoredCard.ts"
import { SessionStore, type StoredSession } from "./SessionStore.ts"
import { DocumentStore } from "./store/DocumentStore.ts"

const updateWire = SchemaAST.toEncoded(CheckoutSessionUpdate.ast) as SchemaAST.Objects

// The default lifetime of a session in seconds: the spec's default of `expires_in`.
const defaultExpiresIn = updateWire.propertySignatures.find((ps) => ps.name === "expires_in")?.type.context
  ?.annotations?.["default"] as number

const expiresAt = (now: number, body: Record<string, unknown>) =>
  now + ((body.expires_in as number | undefined) ?? defaultExpiresIn) * 1000

const notFound = () => ApiError.notFound("The checkout session could not be found")

/**
 * The secret that keys card fingerprints.
 *
 * @category services
 * @since 0.1.0
 */
export class FingerprintSecret extends Context.Service<FingerprintSecret, string>()(
  "@checkout-kit/mock-server/FingerprintSecret"
) {}

/**
 * @category services
 * @since 0.1.0
 */
export class CheckoutSessions extends Context.Service<CheckoutSessions, {
  /** Creates a session from a create body (`undefined`: no body); answers its wire JSON. */
  readonly create: (merchantAccountId: string, body: unknown) => Effect.Effect<string, ApiError>
  /**
   * Stores a whole session as given (its wire JSON, validated strictly), under its id and `expires_at`: what
   * `--preload` does with a record that has an `id`. Answers its wire JSON.
   */
  readonly load: (merchantAccountId: string, session: unknown) => Effect.Effect<string, ApiError>
  readonly get: (merchantAccountId: string, id: string) => Effect.Effect<string, ApiError>
  readonly update: (merchantAccountId: string, id: string, body: unknown) => Effect.Effect<string, ApiError>
  readonly remove: (merchantAccountId: string, id: string) => Effect.Effect<void, ApiError>
  /**
   * Secure fields: attaches the payment method a `CheckoutSessionSecureFields`
   * body describes. Of a card only what API-SEMANTICS.md § Secure fields derives is kept; the
   * number and the security code are not stored. The browser-facing calls find the session by its id
   * alone: `merchantAccountId` undefined means any account (API-SEMANTICS.md § Browser-facing calls).
   * Answers the session's merchant account.
   */
  readonly updateFields: (
    merchantAccountId: string | undefined,
    id: string,
    body: unknown
  ) => Effect.Effect<string, ApiError>
  /**
   * Scheme and type of a BIN (its JSON), for a live session (`merchantAccountId` as for `updateFields`), and the
   * session's merchant account.
   */
  readonly cardDetails: (
    merchantAccountId: string | undefined,
    id: string,
    body: unknown
  ) => Effect.Effect<{ readonly json: string; readonly merchantAccountId: string }, ApiError>
}>()("@checkout-kit/mock-server/CheckoutSessions") {
  static readonly layerNoDeps = Layer.effect(
    CheckoutSessions,
    Effect.gen(function*() {
      const store = yield* SessionStore
      const clock = yield* MockClock
      const secret = yield* FingerprintSecret
      const documents = yield* DocumentStore
      const updateBody = StrictDecoder.make(CheckoutSessionUpdate)
      const sessionBody = StrictDecoder.make(CheckoutSession)
      const secureFields = StrictDecoder.make(CheckoutSessionSecureFields)
      const cardDetailsRequest = StrictDecoder.make(CheckoutSessionCardDetailsRequest)
      const withDefaults = Defaults.make(CheckoutSession)

      const validate = (body: unknown) => {
        const details = updateBody.check(body)
        return details === undefined ? Effect.void : Effect.fail(ApiError.invalid(details))
      }

      // Creation stamps, strictly increasing so `/_mock/sessions` orders sessions created in one millisecond.
      let lastStamp = 0
      const stamp = (now: number) => (lastStamp = Math.max(now, lastStamp + 1))

      const render = (session: Record<string, unknown>) => JSON.stringify(withDefaults(session as never))

      // Each merchant account's sessions expire on its own clock.
      const getOnOwnClock = store.getOnOwnClock
      const live = getOnOwnClock === undefined
        ? (merchantAccountId: string, id: string) =>
          Effect.flatMap(clock.now(merchantAccountId), (now) => store.get(merchantAccountId, id, now))
        : (merchantAccountId: string, id: string) =>
          Effect.flatMap(clock.realNow, (realNow) => getOnOwnClock(merchantAccountId, id, realNow))

      // The merchant account of a live session found by its id alone, that must be `expected` when given: found
      // whatever its expiry, then judged on its account's clock.
      const ownerOf = (expected: string | undefined, id: string) =>
        store.find(id, Number.MIN_SAFE_INTEGER).pipe(
          Effect.flatMap((session) =>
            session === undefined || (expected !== undefined && session.merchantAccountId !== expected)
              ? Effect.succeed(undefined)
              : Effect.map(clock.now(session.merchantAccountId), (now) => session.expiresAt > now ? session : undefined)
          ),
          Effect.flatMap((session) => session === undefined ? Effect.fail(notFound()) : Effect.succeed(session.merchantAccountId))
        )

      const modify = (
        merchantAccountId: string,
        id: string,
        f: (session: Record<string, unknown>, now: number) => Record<string, unknown>
      ) =>
        Effect.flatMap(clock.now(merchantAccountId), (now) =>
          store.modify(merchantAccountId, id, now, (current) =>
            Effect.sync((): StoredSession => {
              const next = f(JSON.parse(current.body), now)
              return { ...current, expiresAt: Date.parse(next.expires_at as string), body: render(next) }
            }))).pipe(
            Effect.flatMap((session) => (session === undefined ? Effect.fail(notFound()) : Effect.succeed(session)))
          )

      return CheckoutSessions.of({
        create: Effect.fnUntraced(function*(merchantAccountId, input) {
          const body = (input ?? {}) as Record<string, unknown>
          yield* validate(body)
          const now = yield* clock.now(merchantAccountId)
          const expires = expiresAt(now, body)
          const session: Record<string, unknown> = {
            type: "checkout-session",
            id: randomUUID(),
            expires_at: new Date(expires).toISOString()
          }
          for (const key of sessionFields) {
            if (body[key] !== undefined && body[key] !== null) session[key] = body[key]
          }
          const wire = render(session)
          yield* store.insert({ merchantAccountId, id: session.id as string, expiresAt: expires, body: wire, createdAt: stamp(now) })
          return wire
        }),
        load: Effect.fnUntraced(function*(merchantAccountId, input) {
          const details = sessionBody.check(input)
          if (details !== undefined) return yield* Effect.fail(ApiError.invalid(details))
          const session = input as Record<string, unknown>
          const id = (session.id as string).toLowerCase()
          const wire = render({ ...session, id })
          const now = yield* clock.now(merchantAccountId)
          yield* store.insert({ merchantAccountId, id, expiresAt: Date.parse(session.expires_at as string), body: wire, createdAt: stamp(now) })
          return wire
        }),
        get: (merchantAccountId, id) =>
          Effect.flatMap(live(merchantAccountId, id), (session) =>
            session === undefined ? Effect.fail(notFound()) : Effect.succeed(session.body)),
        update: (merchantAccountId, id, input) =>
          Effect.flatMap(validate(input), () =>
            Effect.map(
              modify(merchantAccountId, id, (session, now) => {
                const body = input as Record<string, unknown>
                const next: Record<string, unknown> = { ...session }
                for (const key of sessionFields) {
                  if (!Object.hasOwn(body, key)) continue
                  if (body[key] === null) delete next[key]
                  else next[key] = body[key]
                }
                if (body.expires_in !== undefined) next.expires_at = new Date(expiresAt(now, body)).toISOString()
                return next
              }),
              (session) => session.body
            )),
        remove: (merchantAccountId, id) =>
          Effect.flatMap(clock.now(merchantAccountId), (now) => store.remove(merchantAccountId, id, now)).pipe(
            Effect.flatMap((removed) => (removed ? Effect.void : Effect.fail(notFound())))
          ),
        updateFields: Effect.fnUntraced(function*(merchantAccountId, id, input) {
          const decoded = secureFields.decode(input)
          if (decoded._tag === "Failure") return yield* Effect.fail(ApiError.invalid(decoded.failure))
          const method = decoded.success.paymentMethod
          const number = "number" in method ? Redacted.value(method.number) : undefined
          // The session's account's clock judges the card's expiry; a 404 comes after the body's 400s.
          const found = yield* Effect.result(ownerOf(merchantAccountId, id))
          if (number !== undefined && "number" in method) {
            // API-SEMANTICS.md § Secure fields: a number failing Luhn, a card expired by the mock's clock.
            const now = yield* clock.now(found._tag === "Success" ? found.success : merchantAccountId ?? "default")
            const invalid = cardProblems(number, method.expirationDate, now, "/payment_method")
            if (invalid.length > 0) return yield* Effect.fail(ApiError.invalid(invalid))
          }
          // The body is checked before the session's absence is reported, as on every call.
          if (found._tag === "Failure") return yield* Effect.fail(found.failure)
          const owner = found.success
          let paymentMethod: Record<string, unknown>
          if (number !== undefined) {
            const cardType = Cards.cardTypeOf(number)
            paymentMethod = {
              type: "payment-method",
              method: "card",
              scheme: Cards.schemeOf(number),
              label: number.slice(-4),
              details: { bin: Cards.binOf(number), ...(cardType === undefined ? {} : { card_type: cardType }) },
              fingerprint: fingerprint(secret, number)
            }
          } else if ("id" in method) {
            // A stored card of the session's merchant account, shown as the vault keeps it (PaymentMethods/StoredCard.ts).
            const stored = yield* sessionView(owner, method.id).pipe(Effect.provideService(DocumentStore, documents))
            if (stored === undefined) {
              return yield* Effect.fail(ApiError.invalid([{
                location: "body",
                pointer: "/payment_method/id",
                message: "No stored payment method with this id exists for the merchant account",
                type: errorDetailTypes.value
              }]))
            }
            paymentMethod = stored
          } else {
            paymentMethod = { type: "payment-method", method: "card" }
          }
          yield* modify(owner, id, (session) => ({ ...session, payment_method: paymentMethod }))
          return owner
        }),
        cardDetails: Effect.fnUntraced(function*(merchantAccountId, id, input) {
          const decoded = cardDetailsRequest.decode(input)
          if (decoded._tag === "Failure") return yield* Effect.fail(ApiError.invalid(decoded.failure))
          const owner = yield* ownerOf(merchantAccountId, id)
          const bin = decoded.success.bin
          const cardType = Cards.cardTypeOf(bin)
          const json = JSON.stringify({
            bin,
            scheme: Cards.schemeOf(bin),
            ...(cardType === undefined ? {} : { card_type: cardType }),
            additional_schemes: []
          })
          return { json, merchantAccountId: owner }
        })
      })
    })
  )
}
