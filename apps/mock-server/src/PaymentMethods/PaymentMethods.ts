/**
 * The payment-method vault (`/payment-methods`): stored cards, kept in the
 * document store as `payment-method` documents (parent: their buyer, if any).
 *
 * - A card is stored from its number (`method: card`) or from a checkout
 *   session that holds one (`method: checkout-session`). Of a number only its
 *   scheme, BIN, last four (the label), card type and fingerprint are kept,
 *   with the expiry; the number and the security code are never stored,
 *   logged or answered.
 * - A number failing Luhn, or a card expired by the mock's clock, is a 400
 *   naming the field; a buyer the body names that the merchant account does
 *   not have is a 400 naming `buyer_id` / `buyer_external_identifier`; a
 *   session that is unknown, expired, another account's or without card data
 *   is a 400 naming `id`. Only cards are stored: another method is a 400
 *   naming `method`.
 * - The answer shows the method's buyer (`buyer`) as it is now.
 * - Network tokens and payment-service tokens: the mock merchant is not
 *   onboarded with the card schemes and its services do not tokenize, so a
 *   stored card has none (the lists are empty) and provisioning one is a 400,
 *   as Gr4vy answers such a merchant; a token id names nothing (404).
 * - Another merchant account's method does not exist (404).
 *
 * @since 0.3.0
 */
import * as Cards from "@checkout-kit/domain/Cards"
import { type ErrorDetail, errorDetailTypes } from "@checkout-kit/domain/Errors"
import type { PaymentMethodCreate, PaymentMethodStatus } from "@checkout-kit/domain/PaymentMethodResource"
import { Context, Effect, Layer, Redacted } from "effect"
import { randomUUID } from "node:crypto"
import { ApiError } from "../ApiError.ts"
import { Buyers, kinds, unknownBuyer } from "../Buyers/Buyers.ts"
import { cardProblems } from "../CardChecks.ts"
import { fingerprint } from "../CardFingerprint.ts"
import { CheckoutSessions, FingerprintSecret } from "../CheckoutSessions.ts"
import { MockClock } from "../MockClock.ts"
import { DocumentStore, type StoredDocument } from "../store/DocumentStore.ts"
import * as Pages from "../store/Pages.ts"

type Wire = Record<string, unknown>

const notFound = () => ApiError.notFound("The payment method could not be found")

const iso = (millis: number) => new Date(millis).toISOString()

const invalid = (pointer: string, message: string, type: string = errorDetailTypes.value): ApiError =>
  ApiError.invalid([{ location: "body", pointer, message, type } as ErrorDetail])

// The fields a buyer's list (`PaymentMethodSummary`) does not show.
const notInSummary = new Set(["buyer", "external_identifier", "status", "created_at", "updated_at"])

const updatable = ["expiration_date", "scheme_transaction_id", "scheme_transaction_id_scheme", "transaction_link_id"]

// A method as a buyer's list shows it.
const summaryOf = (document: StoredDocument) => {
  const method = JSON.parse(document.body) as Wire
  return JSON.stringify(Object.fromEntries(Object.entries(method).filter(([key]) => !notInSummary.has(key))))
}

const tokenNotFound = (kind: "network" | "service") =>
  ApiError.notFound(
    kind === "network" ? "The network token could not be found" : "The payment service token could not be found"
  )

/**
 * The query of `GET /payment-methods`.
 *
 * @category models
 * @since 0.3.0
 */
export interface PaymentMethodQuery {
  readonly limit: number
  readonly cursor?: string | undefined
  readonly buyerId?: string | undefined
  readonly buyerExternalIdentifier?: string | undefined
  readonly status?: ReadonlyArray<PaymentMethodStatus> | undefined
  readonly externalIdentifier?: string | undefined
}

/**
 * @category services
 * @since 0.3.0
 */
export class PaymentMethods extends Context.Service<PaymentMethods, {
  /** Stores a card from a decoded `PaymentMethodCreate`; answers the method's wire JSON. */
  readonly create: (merchantAccountId: string, body: PaymentMethodCreate) => Effect.Effect<string, ApiError>
  readonly get: (merchantAccountId: string, id: string) => Effect.Effect<string, ApiError>
  readonly list: (merchantAccountId: string, query: PaymentMethodQuery) => Effect.Effect<string, ApiError>
  /** Changes the fields a `PaymentMethodUpdate` wire body names. */
  readonly update: (merchantAccountId: string, id: string, body: Wire) => Effect.Effect<string, ApiError>
  readonly remove: (merchantAccountId: string, id: string) => Effect.Effect<void, ApiError>
  /** A buyer's methods as summaries (`GET /buyers/payment-methods`). */
  readonly listForBuyer: (merchantAccountId: string, query: {
    readonly buyerId?: string | undefined
    readonly buyerExternalIdentifier?: string | undefined
    readonly orderBy: "asc" | "desc"
  }) => Effect.Effect<string, ApiError>
  /** The network tokens or payment-service tokens of a method: none (`{ "items": [] }`). */
  readonly listTokens: (merchantAccountId: string, id: string) => Effect.Effect<string, ApiError>
  /** Provisioning a network token (or its cryptogram): refused, the merchant is not onboarded. */
  readonly provisionNetworkToken: (merchantAccountId: string, id: string) => Effect.Effect<never, ApiError>
  /** Creating a payment-service token: refused, no service of the mock tokenizes. */
  readonly createServiceToken: (merchantAccountId: string, id: string) => Effect.Effect<never, ApiError>
  /** A call on one token of a method (suspend, resume, delete, cryptogram): the token does not exist. */
  readonly onToken: (merchantAccountId: string, id: string, kind: "network" | "service") => Effect.Effect<never, ApiError>
}>()("@checkout-kit/mock-server/PaymentMethods") {
  static readonly layerNoDeps = Layer.effect(
    PaymentMethods,
    Effect.gen(function*() {
      const store = yield* DocumentStore
      const clock = yield* MockClock
      const buyers = yield* Buyers
      const sessions = yield* CheckoutSessions
      const secret = yield* FingerprintSecret
      const withStore = Effect.provideService(DocumentStore, store)

      const existing = (merchantAccountId: string, id: string) =>
        Effect.flatMap(store.get(merchantAccountId, kinds.paymentMethod, id.toLowerCase()), (document) =>
          document === undefined ? Effect.fail(notFound()) : Effect.succeed(document))

      // A method's answer: its document with its buyer as the buyer is now.
      const render = (document: StoredDocument) =>
        document.parentId === undefined
          ? Effect.succeed(document.body)
          : Effect.map(
            store.get(document.merchantAccountId, kinds.buyer, document.parentId),
            (buyer) => `${document.body.slice(0, -1)},"buyer":${buyer?.body ?? "null"}}`
          )

      // The buyer a create body names, by id or by external identifier (a 400 naming it when there is none).
      const ownerOf = (merchantAccountId: string, body: PaymentMethodCreate) => {
        if (body.buyerId != null) {
          return Effect.flatMap(buyers.find(merchantAccountId, { id: body.buyerId }), (buyer) =>
            buyer === undefined ? Effect.fail(unknownBuyer("/buyer_id")) : Effect.succeed(buyer.id))
        }
        if (body.buyerExternalIdentifier != null) {
          return Effect.flatMap(
            buyers.find(merchantAccountId, { externalIdentifier: body.buyerExternalIdentifier }),
            (buyer) => buyer === undefined ? Effect.fail(unknownBuyer("/buyer_external_identifier")) : Effect.succeed(buyer.id)
          )
        }
        return Effect.succeed(undefined)
      }

      // What is kept of a card: from its number (never the number itself), or from a checkout session's card.
      const cardOf = Effect.fnUntraced(function*(merchantAccountId: string, body: PaymentMethodCreate) {
        if ("number" in body) {
          const number = Redacted.value(body.number)
          const details = cardProblems(number, body.expirationDate, yield* clock.now(merchantAccountId))
          if (details.length > 0) return yield* Effect.fail(ApiError.invalid(details))
          return {
            scheme: Cards.schemeOf(number),
            label: number.slice(-4),
            bin: Cards.binOf(number),
            cardType: body.cardType ?? Cards.cardTypeOf(number) ?? null,
            fingerprint: fingerprint(secret, number),
            expirationDate: body.expirationDate as string | null
          }
        }
        if ("id" in body && !("token" in body)) {
          const session = yield* sessions.get(merchantAccountId, body.id).pipe(
            Effect.mapError(() => invalid("/id", "No live checkout session with this id exists for the merchant account"))
          )
          const method = (JSON.parse(session) as Wire).payment_method as Wire | undefined
          if (method === undefined || typeof method.fingerprint !== "string" || typeof method.label !== "string") {
            return yield* Effect.fail(invalid("/id", "The checkout session holds no card data"))
          }
          const details = (method.details ?? {}) as Wire
          return {
            scheme: method.scheme as string,
            label: method.label,
            bin: (details.bin as string | undefined) ?? null,
            cardType: (details.card_type as string | undefined) ?? null,
            fingerprint: method.fingerprint,
            expirationDate: null
          }
        }
        return yield* Effect.fail(invalid("/method", "Only cards can be stored in the mock's vault", errorDetailTypes.enum))
      })

      return PaymentMethods.of({
        create: Effect.fnUntraced(function*(merchantAccountId, body) {
          const card = yield* cardOf(merchantAccountId, body)
          const buyerId = yield* ownerOf(merchantAccountId, body)
          const now = yield* clock.now(merchantAccountId)
          const id = randomUUID()
          const method: Wire = {
            type: "payment-method",
            id,
            merchant_account_id: merchantAccountId,
            method: "card",
            mode: "card",
            scheme: card.scheme,
            additional_schemes: [],
            label: card.label,
            details: { bin: card.bin, card_type: card.cardType, card_issuer_name: null },
            expiration_date: card.expirationDate,
            fingerprint: card.fingerprint,
            external_identifier: body.externalIdentifier ?? null,
            status: "succeeded",
            approval_url: null,
            country: null,
            currency: null,
            last_replaced_at: null,
            has_replacement: false,
            usage_count: 0,
            last_used_at: null,
            cit_usage_count: 0,
            cit_last_used_at: null,
            scheme_transaction_id: null,
            scheme_transaction_id_scheme: null,
            transaction_link_id: null,
            created_at: iso(now),
            updated_at: iso(now)
          }
          const document = yield* Effect.orDie(store.insert({
            merchantAccountId,
            kind: kinds.paymentMethod,
            id,
            createdAt: now,
            parentId: buyerId,
            externalIdentifier: body.externalIdentifier ?? undefined,
            body: JSON.stringify(method)
          }))
          return yield* render(document)
        }),
        get: (merchantAccountId, id) => Effect.flatMap(existing(merchantAccountId, id), render),
        list: Effect.fnUntraced(function*(merchantAccountId, query) {
          const empty = Pages.collectionJson({ items: [], nextCursor: undefined, previousCursor: undefined }, query.limit, [])
          // Every stored card is `succeeded`.
          if (query.status !== undefined && !query.status.includes("succeeded")) return empty
          let parentId = query.buyerId?.toLowerCase()
          if (parentId === undefined && query.buyerExternalIdentifier !== undefined) {
            const buyer = yield* buyers.find(merchantAccountId, { externalIdentifier: query.buyerExternalIdentifier })
            if (buyer === undefined) return empty
            parentId = buyer.id
          }
          const page = yield* withStore(Pages.page({
            merchantAccountId,
            kind: kinds.paymentMethod,
            parentId,
            externalIdentifier: query.externalIdentifier,
            limit: query.limit,
            cursor: query.cursor
          }))
          return Pages.collectionJson(page, query.limit, yield* Effect.forEach(page.items, render))
        }),
        update: Effect.fnUntraced(function*(merchantAccountId, id, body) {
          const now = yield* clock.now(merchantAccountId)
          const updated = yield* store.update(merchantAccountId, kinds.paymentMethod, id.toLowerCase(), undefined, (current) =>
            Effect.sync(() => {
              const method = JSON.parse(current.body) as Wire
              for (const key of updatable) if (Object.hasOwn(body, key)) method[key] = body[key]
              method.updated_at = iso(now)
              return { ...current, body: JSON.stringify(method), updatedAt: now }
            })).pipe(
              Effect.catchTag("DocumentNotFound", () => Effect.fail(notFound())),
              Effect.catchTag("VersionConflict", Effect.die),
              Effect.catchTag("DocumentConflict", Effect.die)
            )
          return yield* render(updated)
        }),
        remove: (merchantAccountId, id) =>
          Effect.flatMap(
            store.remove(merchantAccountId, kinds.paymentMethod, id.toLowerCase()),
            (removed) => removed ? Effect.void : Effect.fail(notFound())
          ),
        listForBuyer: Effect.fnUntraced(function*(merchantAccountId, query) {
          if (query.buyerId === undefined && query.buyerExternalIdentifier === undefined) {
            return yield* Effect.fail(ApiError.invalid([{
              location: "query",
              pointer: "/buyer_id",
              message: "Either buyer_id or buyer_external_identifier is required",
              type: errorDetailTypes.required
            }]))
          }
          const buyer = yield* buyers.find(
            merchantAccountId,
            query.buyerId !== undefined ? { id: query.buyerId } : { externalIdentifier: query.buyerExternalIdentifier! }
          )
          const documents = buyer === undefined
            ? []
            : yield* withStore(Pages.all({ merchantAccountId, kind: kinds.paymentMethod, parentId: buyer.id }))
          if (query.orderBy === "asc") documents.reverse()
          return `{"items":[${documents.map(summaryOf).join(",")}]}`
        }),
        listTokens: (merchantAccountId, id) => Effect.as(existing(merchantAccountId, id), `{"items":[]}`),
        provisionNetworkToken: (merchantAccountId, id) =>
          Effect.flatMap(existing(merchantAccountId, id), () =>
            Effect.fail(ApiError.of(
              400,
              "Network tokens are not available: the merchant account is not onboarded with the card schemes"
            ))),
        createServiceToken: (merchantAccountId, id) =>
          Effect.flatMap(existing(merchantAccountId, id), () =>
            Effect.fail(invalid(
              "/payment_service_id",
              "The payment service does not exist or cannot create payment service tokens"
            ))),
        onToken: (merchantAccountId, id, kind) =>
          Effect.flatMap(existing(merchantAccountId, id), () => Effect.fail(tokenNotFound(kind)))
      })
    })
  )
}
