/**
 * Stored buyers and their shipping details (`/buyers`), kept in the document
 * store as their wire JSON: a buyer is a `buyer` document (its
 * `external_identifier` its unique key, so a second buyer of the same
 * merchant account with the same one is a 409 `duplicate_record`), each of
 * its shipping details a `shipping-details` document whose parent is the
 * buyer.
 *
 * - An update changes only the fields it names; `null` clears one.
 * - Deleting a buyer deletes its shipping details and its stored payment
 *   methods with it, in one transaction: a payment method is stored for its
 *   buyer, and none is left pointing at a buyer that is gone.
 * - Another merchant account's buyer does not exist (404).
 *
 * @since 0.3.0
 */
import { type ErrorDetail, DuplicateRecord, errorDetailTypes, makeErrorBody } from "@checkout-kit/domain/Errors"
import { Context, Effect, Layer } from "effect"
import { randomUUID } from "node:crypto"
import { ApiError } from "../ApiError.ts"
import { MockClock } from "../MockClock.ts"
import { DocumentConflict, DocumentStore, type StoredDocument } from "../store/DocumentStore.ts"
import * as Pages from "../store/Pages.ts"

/**
 * The document kinds of this module, and of the stored payment methods that hang off a buyer.
 *
 * @category constants
 * @since 0.3.0
 */
export const kinds = { buyer: "buyer", shippingDetails: "shipping-details", paymentMethod: "payment-method" } as const

type Wire = Record<string, unknown>

const buyerFields = ["display_name", "external_identifier", "billing_details", "account_number"] as const
const shippingFields = ["first_name", "last_name", "email_address", "phone_number", "address"] as const

const notFound = () => ApiError.notFound("The buyer could not be found")
const shippingNotFound = () => ApiError.notFound("The shipping details could not be found")

const iso = (millis: number) => new Date(millis).toISOString()

// The fields of `fields` a body names, onto `target`: `null` clears one.
const assign = (target: Wire, body: Wire, fields: ReadonlyArray<string>) => {
  for (const key of fields) {
    if (!Object.hasOwn(body, key)) continue
    if (body[key] === null) delete target[key]
    else target[key] = body[key]
  }
  return target
}

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

/**
 * A short reference for reconciliation: 22 base62 characters of a fresh UUID's bytes.
 *
 * @category ids
 * @since 0.4.0
 */
export const reconciliationId = (): string => {
  // The UUID's 128 bits as four 32-bit limbs, divided by 62 without BigInt (a few µs of a transaction's create):
  // base62 digits of the whole number, most significant first.
  const hex = randomUUID().replaceAll("-", "")
  // 32-bit limbs, most significant first.
  const limbs = [0, 8, 16, 24].map((i) => Number.parseInt(hex.slice(i, i + 8), 16))
  let text = ""
  while (limbs.some((limb) => limb !== 0)) {
    let remainder = 0
    for (let i = 0; i < limbs.length; i++) {
      const value = remainder * 2 ** 32 + limbs[i]
      limbs[i] = Math.floor(value / 62)
      remainder = value % 62
    }
    text = alphabet[remainder] + text
  }
  return text.padStart(22, "0")
}

const duplicate = (externalIdentifier: string, id: string | undefined) =>
  new DuplicateRecord({
    ...makeErrorBody(409, `A buyer with the external identifier ${JSON.stringify(externalIdentifier)} already exists`),
    resource_id: id ?? null
  }) as ApiError

/**
 * The query of `GET /buyers`.
 *
 * @category models
 * @since 0.3.0
 */
export interface BuyerQuery {
  readonly limit: number
  readonly cursor?: string | undefined
  readonly search?: string | undefined
  readonly externalIdentifier?: string | undefined
}

/**
 * @category services
 * @since 0.3.0
 */
export class Buyers extends Context.Service<Buyers, {
  /** Stores a buyer from a `BuyerCreate` wire body; answers its wire JSON. */
  readonly create: (merchantAccountId: string, body: Wire) => Effect.Effect<string, ApiError>
  readonly get: (merchantAccountId: string, id: string) => Effect.Effect<string, ApiError>
  readonly list: (merchantAccountId: string, query: BuyerQuery) => Effect.Effect<string, ApiError>
  readonly update: (merchantAccountId: string, id: string, body: Wire) => Effect.Effect<string, ApiError>
  readonly remove: (merchantAccountId: string, id: string) => Effect.Effect<void, ApiError>
  /** A buyer's document by its id or by its external identifier, if it exists in that merchant account. */
  readonly find: (
    merchantAccountId: string,
    by: { readonly id: string } | { readonly externalIdentifier: string }
  ) => Effect.Effect<StoredDocument | undefined>
  readonly addShippingDetails: (merchantAccountId: string, buyerId: string, body: Wire) => Effect.Effect<string, ApiError>
  readonly listShippingDetails: (merchantAccountId: string, buyerId: string) => Effect.Effect<string, ApiError>
  readonly getShippingDetails: (merchantAccountId: string, buyerId: string, id: string) => Effect.Effect<string, ApiError>
  readonly updateShippingDetails: (
    merchantAccountId: string,
    buyerId: string,
    id: string,
    body: Wire
  ) => Effect.Effect<string, ApiError>
  readonly removeShippingDetails: (merchantAccountId: string, buyerId: string, id: string) => Effect.Effect<void, ApiError>
}>()("@checkout-kit/mock-server/Buyers") {
  static readonly layerNoDeps = Layer.effect(
    Buyers,
    Effect.gen(function*() {
      const store = yield* DocumentStore
      const clock = yield* MockClock
      const withStore = Effect.provideService(DocumentStore, store)

      const find = (merchantAccountId: string, by: { readonly id: string } | { readonly externalIdentifier: string }) =>
        "id" in by
          ? store.get(merchantAccountId, kinds.buyer, by.id.toLowerCase())
          : store.getByUniqueKey(merchantAccountId, kinds.buyer, by.externalIdentifier)

      const existing = (merchantAccountId: string, id: string) =>
        Effect.flatMap(find(merchantAccountId, { id }), (document) =>
          document === undefined ? Effect.fail(notFound()) : Effect.succeed(document))

      // A write refused on the external identifier: 409 naming the buyer that holds it.
      const onConflict = (merchantAccountId: string, externalIdentifier: unknown) =>
      <A, E>(effect: Effect.Effect<A, E>): Effect.Effect<A, Exclude<E, DocumentConflict> | ApiError> =>
        Effect.catchIf(
          effect,
          (e) => e instanceof DocumentConflict,
          () =>
            Effect.flatMap(
              find(merchantAccountId, { externalIdentifier: String(externalIdentifier) }),
              (holder) => Effect.fail(duplicate(String(externalIdentifier), holder?.id))
            )
        ) as Effect.Effect<A, Exclude<E, DocumentConflict> | ApiError>

      const shippingOf = (merchantAccountId: string, buyerId: string, id: string) =>
        Effect.flatMap(existing(merchantAccountId, buyerId), (buyer) =>
          Effect.flatMap(store.get(merchantAccountId, kinds.shippingDetails, id.toLowerCase()), (document) =>
            document === undefined || document.parentId !== buyer.id
              ? Effect.fail(shippingNotFound())
              : Effect.succeed(document)))

      return Buyers.of({
        find,
        create: Effect.fnUntraced(function*(merchantAccountId, body) {
          const now = yield* clock.now(merchantAccountId)
          const id = randomUUID()
          const buyer = assign({
            type: "buyer",
            id,
            reconciliation_id: reconciliationId(),
            merchant_account_id: merchantAccountId
          }, body, buyerFields)
          buyer.created_at = iso(now)
          buyer.updated_at = iso(now)
          const externalIdentifier = buyer.external_identifier as string | undefined
          const wire = JSON.stringify(buyer)
          yield* store.insert({
            merchantAccountId,
            kind: kinds.buyer,
            id,
            createdAt: now,
            body: wire,
            externalIdentifier,
            uniqueKey: externalIdentifier
          }).pipe(onConflict(merchantAccountId, externalIdentifier))
          return wire
        }),
        get: (merchantAccountId, id) => Effect.map(existing(merchantAccountId, id), (document) => document.body),
        list: Effect.fnUntraced(function*(merchantAccountId, query) {
          const search = query.search?.toLowerCase()
          const matches = search === undefined
            ? undefined
            : (document: StoredDocument) => {
              const buyer = JSON.parse(document.body) as Wire
              return [buyer.id, buyer.display_name, buyer.external_identifier].some((value) =>
                typeof value === "string" && value.toLowerCase().includes(search)
              )
            }
          const page = yield* withStore(Pages.page({
            merchantAccountId,
            kind: kinds.buyer,
            externalIdentifier: query.externalIdentifier,
            limit: query.limit,
            cursor: query.cursor
          }, matches))
          return Pages.collectionJson(page, query.limit, page.items.map((document) => document.body))
        }),
        update: Effect.fnUntraced(function*(merchantAccountId, id, body) {
          const now = yield* clock.now(merchantAccountId)
          const updated = yield* store.update(merchantAccountId, kinds.buyer, id.toLowerCase(), undefined, (current) =>
            Effect.sync(() => {
              const buyer = assign(JSON.parse(current.body) as Wire, body, buyerFields)
              buyer.updated_at = iso(now)
              const externalIdentifier = buyer.external_identifier as string | undefined
              return { ...current, body: JSON.stringify(buyer), updatedAt: now, externalIdentifier, uniqueKey: externalIdentifier }
            })).pipe(
              Effect.catchTag("DocumentNotFound", () => Effect.fail(notFound())),
              Effect.catchTag("VersionConflict", Effect.die),
              onConflict(merchantAccountId, body.external_identifier)
            )
          return updated.body
        }),
        remove: (merchantAccountId, id) =>
          store.transact(Effect.gen(function*() {
            const buyer = yield* existing(merchantAccountId, id)
            for (const kind of [kinds.shippingDetails, kinds.paymentMethod]) {
              for (const child of yield* withStore(Pages.all({ merchantAccountId, kind, parentId: buyer.id }))) {
                yield* store.remove(merchantAccountId, kind, child.id)
              }
            }
            yield* store.remove(merchantAccountId, kinds.buyer, buyer.id)
          })),
        addShippingDetails: Effect.fnUntraced(function*(merchantAccountId, buyerId, body) {
          const buyer = yield* existing(merchantAccountId, buyerId)
          const now = yield* clock.now(merchantAccountId)
          const id = randomUUID()
          const wire = JSON.stringify(assign({ type: "shipping-details", id, buyer_id: buyer.id }, body, shippingFields))
          yield* Effect.orDie(
            store.insert({ merchantAccountId, kind: kinds.shippingDetails, id, parentId: buyer.id, createdAt: now, body: wire })
          )
          return wire
        }),
        listShippingDetails: (merchantAccountId, buyerId) =>
          Effect.flatMap(existing(merchantAccountId, buyerId), (buyer) =>
            Effect.map(
              withStore(Pages.all({ merchantAccountId, kind: kinds.shippingDetails, parentId: buyer.id })),
              (documents) => `{"items":[${documents.map((document) => document.body).join(",")}]}`
            )),
        getShippingDetails: (merchantAccountId, buyerId, id) =>
          Effect.map(shippingOf(merchantAccountId, buyerId, id), (document) => document.body),
        updateShippingDetails: Effect.fnUntraced(function*(merchantAccountId, buyerId, id, body) {
          const current = yield* shippingOf(merchantAccountId, buyerId, id)
          const now = yield* clock.now(merchantAccountId)
          const updated = yield* store.update(merchantAccountId, kinds.shippingDetails, current.id, undefined, (document) =>
            Effect.sync(() => ({
              ...document,
              body: JSON.stringify(assign(JSON.parse(document.body) as Wire, body, shippingFields)),
              updatedAt: now
            }))).pipe(
              Effect.catchTag("DocumentNotFound", () => Effect.fail(shippingNotFound())),
              Effect.catchTag("VersionConflict", Effect.die),
              Effect.catchTag("DocumentConflict", Effect.die)
            )
          return updated.body
        }),
        removeShippingDetails: (merchantAccountId, buyerId, id) =>
          Effect.flatMap(shippingOf(merchantAccountId, buyerId, id), (document) =>
            Effect.asVoid(store.remove(merchantAccountId, kinds.shippingDetails, document.id)))
      })
    })
  )
}

/**
 * The 400 for a buyer a body names (`pointer`) that the merchant account does not have.
 *
 * @category errors
 * @since 0.3.0
 */
export const unknownBuyer = (pointer: string): ApiError =>
  ApiError.invalid([{
    location: "body",
    pointer,
    message: "No buyer with this identifier exists",
    type: errorDetailTypes.value
  } satisfies ErrorDetail])
