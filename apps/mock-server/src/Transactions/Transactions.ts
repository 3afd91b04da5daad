/**
 * Transactions (`/transactions`) on the card simulator: kept in the document
 * store as `transaction` documents, their captures (`transaction-capture`)
 * and refunds (`refund`) as documents whose parent is the transaction.
 *
 * - A transaction pays with a card: a checkout session's (secure fields), one
 *   posted in the body (Luhn and expiry checked as the vault checks them;
 *   `store: true` vaults it on success), or a stored method of the account.
 *   Of a card only scheme, BIN, last four, type, expiry and fingerprint are
 *   kept; the number and security code never are.
 * - The outcome is the card simulator's (`@checkout-kit/domain/CardSimulator`):
 *   the amount chooses a decline or failure, the buyer's billing postal code
 *   the address check, the security code (read at request time) the security
 *   code check.
 * - Capture (full, partial, `final`), void (before any capture) and refunds
 *   (partial, whole) keep `authorized_amount ≥ captured_amount ≥
 *   refunded_amount`; what cannot happen is a 400 naming the field or the
 *   transaction's status. A refund and its transaction change together.
 * - Another merchant account's transaction does not exist (404).
 *
 * @since 0.4.0
 */
import { BillingDetails } from "@checkout-kit/domain/Buyer"
import * as Cards from "@checkout-kit/domain/Cards"
import { CartItem } from "@checkout-kit/domain/Cart"
import { avsFor, cvvFor, operationErrors, outcomeForAmount, type SimulatedError } from "@checkout-kit/domain/CardSimulator"
import { DuplicateRecord, type ErrorDetail, errorDetailTypes, makeErrorBody } from "@checkout-kit/domain/Errors"
import type { PaymentMethodCreate } from "@checkout-kit/domain/PaymentMethodResource"
import type { TransactionCreate } from "@checkout-kit/domain/TransactionCreate"
import { Context, Effect, Layer, Redacted } from "effect"
import { createHash, randomUUID } from "node:crypto"
import { ApiError } from "../ApiError.ts"
import { Buyers, kinds as buyerKinds, reconciliationId } from "../Buyers/Buyers.ts"
import { wireOf } from "../Buyers/http.ts"
import { cardProblems } from "../CardChecks.ts"
import { fingerprint } from "../CardFingerprint.ts"
import { CheckoutSessions, FingerprintSecret } from "../CheckoutSessions.ts"
import { MockClock } from "../MockClock.ts"
import { PaymentMethods } from "../PaymentMethods/PaymentMethods.ts"
import { PaymentServices } from "../PaymentServices/PaymentServices.ts"
import { DocumentStore, type StoredDocument } from "../store/DocumentStore.ts"
import * as Pages from "../store/Pages.ts"

type Wire = Record<string, unknown>

/**
 * The document kinds of transactions and what hangs off them.
 *
 * @category constants
 * @since 0.4.0
 */
export const kinds = {
  transaction: "transaction",
  capture: "transaction-capture",
  refund: "refund",
  idempotencyKey: "idempotency-key"
} as const

/**
 * How long a first answer is kept for its `Idempotency-Key`: 24 hours of the
 * merchant account's clock.
 *
 * @category constants
 * @since 0.4.0
 */
export const idempotencyWindowMs = 24 * 60 * 60 * 1000

const concurrentRequest = () =>
  new DuplicateRecord({
    ...makeErrorBody(409, "A request with this idempotency key is still being processed"),
    code: "concurrent_request",
    resource_id: null
  }) as ApiError

const iso = (millis: number) => new Date(millis).toISOString()

const notFound = () => ApiError.notFound("The transaction could not be found")

const invalid = (pointer: string, message: string, type: string = errorDetailTypes.value): ApiError =>
  ApiError.invalid([{ location: "body", pointer, message, type } as ErrorDetail])

// A change the transaction's state does not allow: a 400 naming the transaction's status.
const notAllowed = (message: string): ApiError => invalid("/status", message, errorDetailTypes.value)

// The fields of a transaction its summary (a page of `GET /transactions`) shows.
const summaryKeys = [
  "type", "id", "reconciliation_id", "merchant_account_id", "currency", "amount", "status", "authorized_amount",
  "captured_amount", "refunded_amount", "settled_currency", "settled_amount", "settled", "country",
  "external_identifier", "intent", "payment_method", "method", "instrument_type", "error_code", "payment_service",
  "pending_review", "buyer", "raw_response_code", "raw_response_description", "shipping_details",
  "checkout_session_id", "gift_card_redemptions", "gift_card_service", "created_at", "updated_at", "disputed",
  "reauthorized_from_transaction_id"
]

const summaryOf = (body: string) => {
  const transaction = JSON.parse(body) as Wire
  return JSON.stringify(Object.fromEntries(summaryKeys.filter((key) => key in transaction).map((key) => [key, transaction[key]])))
}

// A transaction's document with its next wire JSON.
const save = (current: StoredDocument, transaction: Wire, now: number) => ({
  ...current,
  body: JSON.stringify({ ...transaction, updated_at: iso(now) }),
  updatedAt: now,
  externalIdentifier: (transaction.external_identifier as string | null) ?? undefined
})

// The simulator's row for an operation's amount, if it has one.
const simulated = (table: ReadonlyArray<SimulatedError>, amount: number) => table.find((row) => row.amount === amount)

/**
 * The filters of `GET /transactions` the mock applies.
 *
 * @category models
 * @since 0.4.0
 */
export interface TransactionQuery {
  readonly limit: number
  readonly cursor?: string | undefined
  readonly externalIdentifier?: string | undefined
  readonly status?: ReadonlyArray<string> | undefined
  readonly buyerId?: string | undefined
  readonly buyerExternalIdentifier?: string | undefined
  readonly amountEq?: number | undefined
  readonly amountLte?: number | undefined
  readonly amountGte?: number | undefined
  readonly currency?: ReadonlyArray<string> | undefined
  readonly createdAtGte?: number | undefined
  readonly createdAtLte?: number | undefined
  readonly id?: string | undefined
  readonly paymentMethodId?: string | undefined
  readonly paymentMethodScheme?: ReadonlyArray<string> | undefined
  readonly paymentMethodBin?: string | undefined
  readonly paymentMethodFingerprint?: string | undefined
  readonly errorCode?: ReadonlyArray<string> | undefined
  readonly checkoutSessionId?: string | undefined
  readonly hasRefunds?: boolean | undefined
  readonly search?: string | undefined
}

/**
 * What an operation on a transaction (capture, void) answers: its status and
 * codes, the transaction as it now stands, and the capture's id.
 *
 * @category models
 * @since 0.4.0
 */
export interface Operation {
  readonly status: "succeeded" | "declined" | "failed"
  readonly code: string | null
  readonly rawResponseCode: string | null
  readonly rawResponseDescription: string | null
  readonly transaction: string
  readonly captureId?: string | undefined
  readonly externalIdentifier?: string | null | undefined
}

/**
 * @category services
 * @since 0.4.0
 */
export class Transactions extends Context.Service<Transactions, {
  /** Authorizes (or captures) a decoded `TransactionCreate`; answers the transaction's wire JSON. */
  readonly create: (merchantAccountId: string, body: TransactionCreate) => Effect.Effect<string, ApiError>
  /**
   * `create` under an `Idempotency-Key` (none: `create` itself): the first answer (a transaction, declined or
   * not) is kept for `idempotencyWindowMs` and answered again, whatever the body; a refusal is not kept; while the
   * first request runs another with its key is a 409 `concurrent_request`.
   */
  readonly createIdempotent: (
    merchantAccountId: string,
    key: string | undefined,
    body: TransactionCreate
  ) => Effect.Effect<{ readonly status: number; readonly body: string }, ApiError>
  readonly get: (merchantAccountId: string, id: string) => Effect.Effect<string, ApiError>
  readonly list: (merchantAccountId: string, query: TransactionQuery) => Effect.Effect<string, ApiError>
  /** Changes `metadata`, `external_identifier` and `payment_service_transaction_id` of a wire `TransactionUpdate`. */
  readonly update: (merchantAccountId: string, id: string, body: Wire) => Effect.Effect<string, ApiError>
  readonly capture: (
    merchantAccountId: string,
    id: string,
    body: { readonly amount?: number | null; readonly final?: boolean; readonly externalIdentifier?: string | null }
  ) => Effect.Effect<Operation, ApiError>
  readonly void: (merchantAccountId: string, id: string) => Effect.Effect<Operation, ApiError>
  readonly refund: (
    merchantAccountId: string,
    id: string,
    body: { readonly amount?: number | null; readonly reason?: string | null; readonly externalIdentifier?: string | null }
  ) => Effect.Effect<string, ApiError>
  readonly listRefunds: (merchantAccountId: string, id: string) => Effect.Effect<string, ApiError>
  /** A refund by its id; with `transactionId`, only one of that transaction. */
  readonly getRefund: (merchantAccountId: string, refundId: string, transactionId?: string) => Effect.Effect<string, ApiError>
  readonly listCaptures: (merchantAccountId: string, id: string) => Effect.Effect<string, ApiError>
  /** The connector's answers the transaction went through, derived from it and its captures, newest first. */
  readonly listEvents: (merchantAccountId: string, id: string, limit: number) => Effect.Effect<string, ApiError>
  readonly getCapture: (merchantAccountId: string, id: string, captureId: string) => Effect.Effect<string, ApiError>
  /** The transaction's document (a 404 when the account has none of that id). */
  readonly existing: (merchantAccountId: string, id: string) => Effect.Effect<StoredDocument, ApiError>
  /** A transaction's document by its id alone, of any merchant account. */
  readonly findById: (id: string) => Effect.Effect<StoredDocument | undefined>
}>()("@checkout-kit/mock-server/Transactions") {
  static readonly layerNoDeps = Layer.effect(
    Transactions,
    Effect.gen(function*() {
      const store = yield* DocumentStore
      const clock = yield* MockClock
      const buyers = yield* Buyers
      const sessions = yield* CheckoutSessions
      const methods = yield* PaymentMethods
      const services = yield* PaymentServices
      const secret = yield* FingerprintSecret
      const withStore = Effect.provideService(DocumentStore, store)
      const billingWire = wireOf(BillingDetails)
      const cartWire = wireOf(CartItem)

      const existing = (merchantAccountId: string, id: string) =>
        Effect.flatMap(store.get(merchantAccountId, kinds.transaction, id.toLowerCase()), (document) =>
          document === undefined ? Effect.fail(notFound()) : Effect.succeed(document))

      // The buyer of a create body: a guest (`buyer`), or a stored one by id or external identifier.
      const buyerOf = Effect.fnUntraced(function*(merchantAccountId: string, body: TransactionCreate) {
        const by = body.buyerId != null
          ? { by: { id: body.buyerId as string }, pointer: "/buyer_id" }
          : body.buyerExternalIdentifier != null
          ? { by: { externalIdentifier: body.buyerExternalIdentifier }, pointer: "/buyer_external_identifier" }
          : undefined
        if (by !== undefined) {
          const document = yield* buyers.find(merchantAccountId, by.by)
          if (document === undefined) {
            return yield* Effect.fail(invalid(by.pointer, "No buyer with this identifier exists"))
          }
          const stored = JSON.parse(document.body) as Wire
          return {
            type: "buyer",
            id: stored.id,
            display_name: stored.display_name ?? null,
            external_identifier: stored.external_identifier ?? null,
            billing_details: stored.billing_details ?? null
          } as Wire
        }
        if (body.buyer == null) return undefined
        return {
          type: "buyer",
          id: null,
          display_name: body.buyer.displayName ?? null,
          external_identifier: body.buyer.externalIdentifier ?? null,
          billing_details: body.buyer.billingDetails == null ? null : billingWire(body.buyer.billingDetails)
        } as Wire
      })

      // The card of a create body, as a transaction shows it, with its security code (for the check only).
      const cardOf = Effect.fnUntraced(function*(merchantAccountId: string, body: TransactionCreate) {
        const method = body.paymentMethod
        if (method == null) {
          return yield* Effect.fail(invalid("/payment_method", "A payment method is required", errorDetailTypes.required))
        }
        const now = yield* clock.now(merchantAccountId)
        if (method.method === "checkout-session") {
          const session = yield* sessions.get(merchantAccountId, method.id).pipe(
            Effect.mapError(() =>
              invalid("/payment_method/id", "No live checkout session with this id exists for the merchant account")
            )
          )
          const held = (JSON.parse(session) as Wire).payment_method as Wire | undefined
          if (held === undefined || typeof held.label !== "string") {
            return yield* Effect.fail(invalid("/payment_method/id", "The checkout session holds no card data"))
          }
          const details = (held.details ?? {}) as Wire
          return {
            view: {
              scheme: held.scheme ?? null,
              label: held.label,
              bin: (details.bin as string | undefined) ?? null,
              cardType: (details.card_type as string | undefined) ?? null,
              fingerprint: (held.fingerprint as string | undefined) ?? null,
              expirationDate: (held.expiration_date as string | undefined) ?? null,
              id: (held.id as string | undefined) ?? null
            },
            securityCode: undefined as string | undefined,
            storable: { method: "checkout-session", id: method.id } as unknown as PaymentMethodCreate
          }
        }
        if (method.method === "id") {
          const document = yield* store.get(merchantAccountId, buyerKinds.paymentMethod, method.id.toLowerCase())
          if (document === undefined) {
            return yield* Effect.fail(invalid("/payment_method/id", "No stored payment method with this id exists"))
          }
          const stored = JSON.parse(document.body) as Wire
          const details = (stored.details ?? {}) as Wire
          return {
            view: {
              scheme: stored.scheme ?? null,
              label: stored.label as string,
              bin: (details.bin as string | undefined) ?? null,
              cardType: (details.card_type as string | undefined) ?? null,
              fingerprint: (stored.fingerprint as string | undefined) ?? null,
              expirationDate: (stored.expiration_date as string | undefined) ?? null,
              id: stored.id as string
            },
            securityCode: method.securityCode == null ? undefined : Redacted.value(method.securityCode),
            storable: undefined
          }
        }
        if (method.method === "card" && "number" in method) {
          const number = Redacted.value(method.number)
          const problems = cardProblems(number, method.expirationDate, now, "/payment_method")
          if (problems.length > 0) return yield* Effect.fail(ApiError.invalid(problems))
          return {
            view: {
              scheme: Cards.schemeOf(number),
              label: number.slice(-4),
              bin: Cards.binOf(number),
              cardType: method.cardType ?? Cards.cardTypeOf(number) ?? null,
              fingerprint: fingerprint(secret, number),
              expirationDate: method.expirationDate as string,
              id: null
            },
            securityCode: method.securityCode == null ? undefined : Redacted.value(method.securityCode),
            storable: {
              method: "card",
              number: method.number,
              expirationDate: method.expirationDate,
              securityCode: method.securityCode,
              buyerId: body.buyerId ?? undefined,
              buyerExternalIdentifier: body.buyerId == null ? body.buyerExternalIdentifier ?? undefined : undefined,
              externalIdentifier: method.externalIdentifier ?? undefined
            } as unknown as PaymentMethodCreate
          }
        }
        return yield* Effect.fail(
          invalid("/payment_method/method", "The mock's card simulator processes cards only", errorDetailTypes.enum)
        )
      })

      // Replaces a transaction by `f` of its wire JSON (a failure of `f` changes nothing).
      const change = <E>(merchantAccountId: string, id: string, now: number, f: (transaction: Wire) => Effect.Effect<Wire, E>) =>
        store.update(merchantAccountId, kinds.transaction, id, undefined, (current) =>
          Effect.map(f(JSON.parse(current.body) as Wire), (transaction) => save(current, transaction, now))).pipe(
            Effect.catchTag("DocumentNotFound", () => Effect.fail(notFound())),
            Effect.catchTag("VersionConflict", Effect.die),
            Effect.catchTag("DocumentConflict", Effect.die)
          )

      const children = (merchantAccountId: string, kind: string, id: string) =>
        Effect.flatMap(existing(merchantAccountId, id), (transaction) =>
          Effect.map(
            withStore(Pages.all({ merchantAccountId, kind, parentId: transaction.id })),
            (documents) => `{"items":[${documents.map((d) => d.body).join(",")}],"limit":100,"next_cursor":null,"previous_cursor":null}`
          ))

      const refundOne = Effect.fnUntraced(function*(
        merchantAccountId: string,
        id: string,
        body: { readonly amount?: number | null; readonly reason?: string | null; readonly externalIdentifier?: string | null }
      ) {
        const now = yield* clock.now(merchantAccountId)
        const refundId = randomUUID()
        let refund: Wire = {}
        yield* store.transact(Effect.gen(function*() {
          const current = yield* existing(merchantAccountId, id)
          yield* change(merchantAccountId, current.id, now, (transaction) => {
            const captured = transaction.captured_amount as number
            const refunded = transaction.refunded_amount as number
            const remaining = captured - refunded
            if (captured === 0) return Effect.fail(notAllowed("Only a captured transaction can be refunded"))
            if (remaining === 0) return Effect.fail(notAllowed("The transaction is refunded in full already"))
            const amount = body.amount ?? remaining
            if (amount > remaining) {
              return Effect.fail(invalid("/amount", `The amount exceeds what is left to refund (${remaining})`))
            }
            const error = simulated(operationErrors.refund, amount)
            refund = {
              type: "refund",
              id: refundId,
              transaction_id: transaction.id,
              payment_service_refund_id: null,
              status: error === undefined ? "succeeded" : error.kind,
              currency: transaction.currency,
              amount,
              reason: body.reason ?? null,
              target_type: "payment-method",
              target_id: ((transaction.payment_method as Wire | null)?.id as string | undefined) ?? null,
              reconciliation_id: reconciliationId(),
              external_identifier: body.externalIdentifier ?? null,
              transaction_reconciliation_id: transaction.reconciliation_id,
              transaction_external_identifier: transaction.external_identifier ?? null,
              created_at: iso(now),
              updated_at: iso(now),
              creator: null,
              error_code: error?.errorCode ?? null,
              raw_response_code: error === undefined ? null : String(error.amount),
              raw_response_description: error?.description ?? null,
              settled_currency: null,
              settled_amount: 0,
              settled: false
            }
            return Effect.succeed(error === undefined ? { ...transaction, refunded_amount: refunded + amount } : transaction)
          })
          yield* Effect.orDie(store.insert({
            merchantAccountId,
            kind: kinds.refund,
            id: refundId,
            parentId: current.id,
            createdAt: now,
            externalIdentifier: body.externalIdentifier ?? undefined,
            body: JSON.stringify(refund)
          }))
        }))
        return JSON.stringify(refund)
      })

      const create = Effect.fnUntraced(function*(merchantAccountId: string, body: TransactionCreate) {
        const card = yield* cardOf(merchantAccountId, body)
        const buyer = yield* buyerOf(merchantAccountId, body)
        // The service named, else the account's first active card service (none: the account has not set one up).
        const active = yield* services.active(merchantAccountId)
        const service = body.paymentServiceId != null
          ? active.find((s) => s.id === body.paymentServiceId)
          : active.find((s) => s.method === "card")
        if (body.paymentServiceId != null && service === undefined) {
          return yield* Effect.fail(invalid("/payment_service_id", "No active payment service with this id exists"))
        }
        const now = yield* clock.now(merchantAccountId)
        const intent = body.intent ?? "authorize"
        const outcome = outcomeForAmount(body.amount, intent)
        const succeeded = outcome.intentOutcome === "succeeded"
        let methodId = card.view.id
        if (succeeded && body.store === true && card.storable !== undefined && methodId === null) {
          methodId = (JSON.parse(yield* methods.create(merchantAccountId, card.storable)) as Wire).id as string
        }
        const billing = (buyer?.billing_details ?? null) as Wire | null
        const postalCode = ((billing?.address ?? null) as Wire | null)?.postal_code as string | null | undefined
        const id = randomUUID()
        const captured = succeeded && intent === "capture"
        const transaction: Wire = {
          type: "transaction",
          id,
          reconciliation_id: reconciliationId(),
          merchant_account_id: merchantAccountId,
          currency: body.currency,
          amount: body.amount,
          status: outcome.status,
          authorized_amount: succeeded ? body.amount : 0,
          captured_amount: captured ? body.amount : 0,
          refunded_amount: 0,
          settled_currency: null,
          settled_amount: 0,
          settled: false,
          country: body.country ?? null,
          external_identifier: body.externalIdentifier ?? null,
          intent,
          payment_method: {
            type: "payment-method",
            method: "card",
            mode: "card",
            scheme: card.view.scheme,
            label: card.view.label,
            details: { bin: card.view.bin, card_type: card.view.cardType, card_issuer_name: null },
            expiration_date: card.view.expirationDate,
            fingerprint: card.view.fingerprint,
            id: methodId,
            approval_url: null,
            country: null,
            currency: null
          },
          method: "card",
          instrument_type: methodId === null ? "pan" : "card_token",
          error_code: outcome.errorCode,
          payment_service: service === undefined ? null : {
            type: "payment-service",
            id: service.id,
            payment_service_definition_id: service.paymentServiceDefinitionId,
            method: service.method,
            display_name: service.displayName
          },
          pending_review: false,
          buyer: buyer ?? null,
          raw_response_code: outcome.rawResponseCode,
          raw_response_description: outcome.rawResponseDescription,
          shipping_details: null,
          checkout_session_id: body.paymentMethod?.method === "checkout-session" ? body.paymentMethod.id : null,
          gift_card_redemptions: [],
          gift_card_service: null,
          created_at: iso(now),
          updated_at: iso(now),
          disputed: false,
          reauthorized_from_transaction_id: null,
          airline: null,
          auth_response_code: succeeded ? "00" : null,
          avs_response_code: avsFor(postalCode),
          cvv_response_code: cvvFor(card.securityCode),
          anti_fraud_decision: null,
          payment_source: body.paymentSource ?? "ecommerce",
          merchant_initiated: body.merchantInitiated ?? false,
          is_subsequent_payment: body.isSubsequentPayment ?? false,
          cart_items: body.cartItems == null ? null : body.cartItems.map(cartWire),
          statement_descriptor: null,
          scheme_transaction_id: null,
          transaction_link_id: null,
          three_d_secure: null,
          payment_service_transaction_id: succeeded ? randomUUID() : null,
          additional_identifiers: {},
          metadata: body.metadata ?? null,
          authorized_at: succeeded ? iso(now) : null,
          captured_at: captured ? iso(now) : null,
          voided_at: null,
          canceled_at: null,
          approval_expires_at: null,
          buyer_approval_timedout_at: null,
          intent_outcome: outcome.intentOutcome,
          multi_tender: false,
          account_funding_transaction: body.accountFundingTransaction ?? false,
          recipient: null,
          merchant_advice_code: null,
          installment_count: body.installmentCount ?? null,
          session_token: null,
          iso_response_code: null
        }
        const wire = JSON.stringify(transaction)
        yield* Effect.orDie(store.insert({
          merchantAccountId,
          kind: kinds.transaction,
          id,
          createdAt: now,
          externalIdentifier: body.externalIdentifier ?? undefined,
          body: wire
        }))
        if (captured) {
          const captureId = randomUUID()
          yield* Effect.orDie(store.insert({
            merchantAccountId,
            kind: kinds.capture,
            id: captureId,
            parentId: id,
            createdAt: now,
            body: JSON.stringify(captureOf(captureId, transaction, body.amount, true, now, "succeeded", undefined, null))
          }))
        }
        return wire
      })

      // Claims a key: `undefined` when this request is the first (or the key's answer has expired), else its answer.
      const claim = Effect.fnUntraced(function*(merchantAccountId: string, key: string, now: number) {
        while (true) {
          const inserted = yield* store.insert({
            merchantAccountId,
            kind: kinds.idempotencyKey,
            id: randomUUID(),
            createdAt: now,
            uniqueKey: key,
            body: `{"state":"pending"}`
          }).pipe(Effect.map((document) => document.id), Effect.catchTag("DocumentConflict", () => Effect.succeed(undefined)))
          if (inserted !== undefined) return { claimed: inserted }
          const held = yield* store.getByUniqueKey(merchantAccountId, kinds.idempotencyKey, key)
          if (held === undefined) continue
          if (now - held.createdAt >= idempotencyWindowMs) {
            yield* store.remove(merchantAccountId, kinds.idempotencyKey, held.id)
            continue
          }
          const kept = JSON.parse(held.body) as { state: string; status?: number; body?: string }
          if (kept.state === "pending") return yield* Effect.fail(concurrentRequest())
          return { answer: { status: kept.status!, body: kept.body! } }
        }
      })

      return Transactions.of({
        existing,
        findById: (id) => store.getById(kinds.transaction, id.toLowerCase()),
        create,
        createIdempotent: Effect.fnUntraced(function*(merchantAccountId, key, body) {
          if (key === undefined) return { status: 201, body: yield* create(merchantAccountId, body) }
          const now = yield* clock.now(merchantAccountId)
          const claimed = yield* claim(merchantAccountId, key, now)
          if ("answer" in claimed) return claimed.answer
          const id = claimed.claimed
          const wire = yield* create(merchantAccountId, body).pipe(
            // A refusal is not kept: the key is free again.
            Effect.onError(() => store.remove(merchantAccountId, kinds.idempotencyKey, id))
          )
          yield* store.update(merchantAccountId, kinds.idempotencyKey, id, undefined, (current) =>
            Effect.succeed({ ...current, body: JSON.stringify({ state: "done", status: 201, body: wire }), updatedAt: now })).pipe(
              Effect.orDie
            )
          return { status: 201, body: wire }
        }),
        get: (merchantAccountId, id) => Effect.map(existing(merchantAccountId, id), (document) => document.body),
        list: Effect.fnUntraced(function*(merchantAccountId, query) {
          const keep = (document: StoredDocument) => {
            const t = JSON.parse(document.body) as Wire
            const method = (t.payment_method ?? {}) as Wire
            const buyer = (t.buyer ?? {}) as Wire
            const amount = t.amount as number
            const search = query.search?.toLowerCase()
            return (query.status === undefined || query.status.includes(t.status as string)) &&
              (query.buyerId === undefined || buyer.id === query.buyerId.toLowerCase()) &&
              (query.buyerExternalIdentifier === undefined || buyer.external_identifier === query.buyerExternalIdentifier) &&
              (query.amountEq === undefined || amount === query.amountEq) &&
              (query.amountLte === undefined || amount <= query.amountLte) &&
              (query.amountGte === undefined || amount >= query.amountGte) &&
              (query.currency === undefined || query.currency.includes(t.currency as string)) &&
              (query.createdAtGte === undefined || document.createdAt >= query.createdAtGte) &&
              (query.createdAtLte === undefined || document.createdAt <= query.createdAtLte) &&
              (query.id === undefined || t.id === query.id.toLowerCase()) &&
              (query.paymentMethodId === undefined || method.id === query.paymentMethodId.toLowerCase()) &&
              (query.paymentMethodScheme === undefined || query.paymentMethodScheme.includes(method.scheme as string)) &&
              (query.paymentMethodBin === undefined || (method.details as Wire | undefined)?.bin === query.paymentMethodBin) &&
              (query.paymentMethodFingerprint === undefined || method.fingerprint === query.paymentMethodFingerprint) &&
              (query.errorCode === undefined || query.errorCode.includes(t.error_code as string)) &&
              (query.checkoutSessionId === undefined || t.checkout_session_id === query.checkoutSessionId.toLowerCase()) &&
              (query.hasRefunds === undefined || ((t.refunded_amount as number) > 0) === query.hasRefunds) &&
              (search === undefined || [t.id, t.external_identifier, buyer.display_name, buyer.external_identifier]
                .some((value) => typeof value === "string" && value.toLowerCase().includes(search)))
          }
          const page = yield* withStore(Pages.page({
            merchantAccountId,
            kind: kinds.transaction,
            externalIdentifier: query.externalIdentifier,
            limit: query.limit,
            cursor: query.cursor
          }, keep))
          return Pages.collectionJson(page, query.limit, page.items.map((document) => summaryOf(document.body)))
        }),
        update: Effect.fnUntraced(function*(merchantAccountId, id, body) {
          for (const key of ["status", "amount", "authorized_amount", "captured_amount"]) {
            if (body[key] != null) {
              return yield* Effect.fail(invalid(`/${key}`, "The mock changes a transaction's status and amounts only by its operations"))
            }
          }
          const now = yield* clock.now(merchantAccountId)
          const updated = yield* change(merchantAccountId, id.toLowerCase(), now, (transaction) => {
            for (const key of ["metadata", "external_identifier", "payment_service_transaction_id"]) {
              if (Object.hasOwn(body, key)) transaction[key] = body[key] ?? null
            }
            return Effect.succeed(transaction)
          })
          return updated.body
        }),
        capture: Effect.fnUntraced(function*(merchantAccountId, id, body) {
          const now = yield* clock.now(merchantAccountId)
          const captureId = randomUUID()
          let operation: Omit<Operation, "transaction"> = { status: "succeeded", code: null, rawResponseCode: null, rawResponseDescription: null }
          let capture: Wire = {}
          const updated = yield* store.transact(Effect.gen(function*() {
            const current = yield* existing(merchantAccountId, id)
            // A final capture ends capturing: what it left uncaptured is released.
            const closed = (yield* withStore(Pages.all({ merchantAccountId, kind: kinds.capture, parentId: current.id })))
              .some((document) => {
                const previous = JSON.parse(document.body) as Wire
                return previous.final === true && previous.status === "succeeded"
              })
            const done = yield* change(merchantAccountId, current.id, now, (transaction) => {
              const authorized = transaction.authorized_amount as number
              const captured = transaction.captured_amount as number
              const capturable = transaction.status === "authorization_succeeded" ||
                (transaction.status === "capture_succeeded" && !closed && captured < authorized)
              if (!capturable) {
                return Effect.fail(notAllowed(`A transaction that is ${transaction.status} cannot be captured`))
              }
              const remaining = authorized - captured
              const amount = body.amount ?? remaining
              if (amount > remaining) {
                return Effect.fail(invalid("/amount", `The amount exceeds what is left to capture (${remaining})`))
              }
              const error = simulated(operationErrors.capture, amount)
              operation = {
                status: error === undefined ? "succeeded" : error.kind,
                code: error?.errorCode ?? null,
                rawResponseCode: error === undefined ? null : String(error.amount),
                rawResponseDescription: error?.description ?? null,
                captureId,
                externalIdentifier: body.externalIdentifier ?? null
              }
              const final = body.final ?? true
              const next = error === undefined
                ? { ...transaction, captured_amount: captured + amount, status: "capture_succeeded", captured_at: iso(now) }
                : transaction
              capture = captureOf(captureId, next, amount, final, now, operation.status, error, body.externalIdentifier)
              return Effect.succeed(next)
            })
            yield* Effect.orDie(store.insert({
              merchantAccountId,
              kind: kinds.capture,
              id: captureId,
              parentId: current.id,
              createdAt: now,
              body: JSON.stringify(capture)
            }))
            return done
          }))
          return { ...operation, transaction: updated.body }
        }),
        void: Effect.fnUntraced(function*(merchantAccountId, id) {
          const now = yield* clock.now(merchantAccountId)
          let operation: Omit<Operation, "transaction"> = { status: "succeeded", code: null, rawResponseCode: null, rawResponseDescription: null }
          const current = yield* existing(merchantAccountId, id)
          const updated = yield* change(merchantAccountId, current.id, now, (transaction) => {
            if (transaction.status !== "authorization_succeeded" || (transaction.captured_amount as number) > 0) {
              return Effect.fail(notAllowed(`A transaction that is ${transaction.status} cannot be voided`))
            }
            const error = simulated(operationErrors.void, transaction.amount as number)
            operation = {
              status: error === undefined ? "succeeded" : error.kind,
              code: error?.errorCode ?? null,
              rawResponseCode: error === undefined ? null : String(error.amount),
              rawResponseDescription: error?.description ?? null
            }
            return Effect.succeed(
              error === undefined ? { ...transaction, status: "authorization_voided", voided_at: iso(now) } : transaction
            )
          })
          return { ...operation, transaction: updated.body }
        }),
        refund: refundOne,
        listRefunds: (merchantAccountId, id) => children(merchantAccountId, kinds.refund, id),
        getRefund: (merchantAccountId, refundId, transactionId) =>
          Effect.flatMap(store.get(merchantAccountId, kinds.refund, refundId.toLowerCase()), (document) =>
            document === undefined || (transactionId !== undefined && document.parentId !== transactionId.toLowerCase())
              ? Effect.fail(ApiError.notFound("The refund could not be found"))
              : Effect.succeed(document.body)),
        listCaptures: (merchantAccountId, id) => children(merchantAccountId, kinds.capture, id),
        listEvents: Effect.fnUntraced(function*(merchantAccountId, id, limit) {
          const document = yield* existing(merchantAccountId, id)
          const transaction = JSON.parse(document.body) as Wire
          const captures = (yield* withStore(Pages.all({ merchantAccountId, kind: kinds.capture, parentId: document.id })))
            .map((capture) => JSON.parse(capture.body) as Wire)
            .toReversed()
          const events = eventsOf(transaction, captures).toReversed().slice(0, limit)
          return `{"items":${JSON.stringify(events)},"limit":${limit},"next_cursor":null,"previous_cursor":null}`
        }),
        getCapture: (merchantAccountId, id, captureId) =>
          Effect.flatMap(store.get(merchantAccountId, kinds.capture, captureId.toLowerCase()), (document) =>
            document === undefined || document.parentId !== id.toLowerCase()
              ? Effect.fail(ApiError.notFound("The capture could not be found"))
              : Effect.succeed(document.body))
      })
    })
  )
}

const connector = "payment-connector-response-transaction-"

// A derived event's id: the same every time it is derived (a UUID of the transaction's id, the event and its place).
const eventId = (transactionId: string, n: number) => {
  const hex = createHash("sha256").update(`${transactionId}:${n}`).digest("hex")
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

// The connector's answers a transaction went through, oldest first: its authorization (and capture, for
// `intent: capture`), each later capture and its void.
const eventsOf = (transaction: Wire, captures: ReadonlyArray<Wire>) => {
  const events: Array<{ name: string; at: unknown; context: Wire }> = []
  const status = transaction.status as string
  const authorized = transaction.intent_outcome === "succeeded"
  const context = { amount: transaction.amount, currency: transaction.currency, error_code: transaction.error_code ?? null }
  events.push({
    name: `${connector}${authorized ? "authorization-succeeded" : status === "authorization_declined" ? "declined" : "authorization-failed"}`,
    at: transaction.created_at,
    context
  })
  for (const capture of captures) {
    events.push({
      name: `${connector}capture-${capture.status === "succeeded" ? "succeeded" : capture.status === "declined" ? "declined" : "failed"}`,
      at: capture.created_at,
      context: { amount: capture.amount, currency: capture.currency, error_code: capture.error_code ?? null }
    })
  }
  if (transaction.voided_at != null) events.push({ name: `${connector}void-succeeded`, at: transaction.voided_at, context })
  return events.map((event, n) => ({
    type: "transaction-event",
    id: eventId(transaction.id as string, n),
    name: event.name,
    created_at: event.at,
    context: event.context
  }))
}

// A capture as `GET /transactions/{id}/captures` shows it.
const captureOf = (
  id: string,
  transaction: Wire,
  amount: number,
  final: boolean,
  now: number,
  status: string,
  error: SimulatedError | undefined,
  externalIdentifier: string | null | undefined
): Wire => ({
  type: "capture",
  id,
  merchant_account_id: transaction.merchant_account_id,
  transaction_id: transaction.id,
  xid: null,
  currency: transaction.currency,
  amount,
  status,
  final,
  created_at: iso(now),
  updated_at: iso(now),
  captured_at: status === "succeeded" ? iso(now) : null,
  external_identifier: externalIdentifier ?? null,
  error_code: error?.errorCode ?? null,
  iso_response_code: null,
  raw_response_code: error === undefined ? null : String(error.amount),
  raw_response_description: error?.description ?? null,
  transaction_external_identifier: transaction.external_identifier ?? null,
  cart_items: null
})
