/**
 * Merchant accounts and their 3-D Secure configurations, kept in the
 * document store.
 *
 * Merchant accounts are an admin-level resource: they belong to no merchant
 * account, so they are kept under one fixed owner scope, `adminScope`
 * (`@admin`, which no merchant account id can be: ids are letters, digits
 * and dashes), as documents of kind `merchant-account` whose id is the
 * account's own. A created account is a merchant account like any other to
 * the calls that name one in `x-gr4vy-merchant-account-id`; those calls do
 * not require it to exist (any header value names an implicit account,
 * `default` without one).
 *
 * A 3-D Secure configuration is kept under the merchant account it
 * configures (kind `three-ds-configuration`), unique per scheme and currency.
 * The secret keys of an account (the account updater's decryption key, the
 * Loon secret key) are kept and answered masked.
 *
 * @since 0.3.0
 */
import {
  MerchantAccount,
  type MerchantAccountCreate,
  MerchantAccountThreeDSConfiguration,
  type MerchantAccountThreeDSConfigurationCreate,
  type MerchantAccountThreeDSConfigurationUpdate,
  type MerchantAccountUpdate
} from "@checkout-kit/domain/MerchantAccount"
import { DuplicateRecord, makeErrorBody } from "@checkout-kit/domain/Errors"
import { Context, DateTime, Effect, Layer, Redacted } from "effect"
import { randomUUID } from "node:crypto"
import { ApiError } from "../ApiError.ts"
import { MockClock } from "../MockClock.ts"
import { DocumentStore } from "../store/DocumentStore.ts"
import { applyPatch, documentCodec, listAll, maskSecret, pageOf, toCollection } from "../store/Resources.ts"

/**
 * The owner scope merchant accounts are kept under.
 *
 * @category constants
 * @since 0.3.0
 */
export const adminScope = "@admin"

const accountKind = "merchant-account"
const configurationKind = "three-ds-configuration"
const accountCodec = documentCodec(MerchantAccount)
const configurationCodec = documentCodec(MerchantAccountThreeDSConfiguration)

const accountNotFound = () => ApiError.notFound("The merchant account could not be found")
const configurationNotFound = () => ApiError.notFound("The 3-D Secure configuration could not be found")

const duplicate = (message: string, resourceId: string) =>
  new DuplicateRecord({ ...makeErrorBody(409, message), resource_id: resourceId })

const masked = <A extends Redacted.Redacted<string> | null | undefined>(secret: A): A =>
  (secret === null || secret === undefined
    ? secret
    : Redacted.make(maskSecret(Redacted.value(secret)), { label: secret.label })) as A

// The secrets of an account's settings, masked before they are kept.
const maskSettings = <A extends Pick<MerchantAccountUpdate, "accountUpdaterResponseDecryptionKey" | "loonSecretKey">>(
  settings: A
): A => ({
  ...settings,
  ...(settings.accountUpdaterResponseDecryptionKey === undefined
    ? {}
    : { accountUpdaterResponseDecryptionKey: masked(settings.accountUpdaterResponseDecryptionKey) }),
  ...(settings.loonSecretKey === undefined ? {} : { loonSecretKey: masked(settings.loonSecretKey) })
})

// Which scheme and currency a configuration is for: one configuration each.
const slotOf = (scheme: string, currency: string | null | undefined) => `${scheme}:${currency ?? "*"}`

/**
 * @category services
 * @since 0.3.0
 */
export class MerchantAccounts extends Context.Service<MerchantAccounts, {
  readonly create: (body: MerchantAccountCreate) => Effect.Effect<MerchantAccount, ApiError>
  readonly get: (id: string) => Effect.Effect<MerchantAccount, ApiError>
  readonly list: (query: {
    readonly cursor?: string | undefined
    readonly limit?: number | undefined
    readonly search?: string | undefined
  }) => Effect.Effect<
    {
      readonly items: ReadonlyArray<MerchantAccount>
      readonly limit: number
      readonly nextCursor: string | null
      readonly previousCursor: string | null
    },
    ApiError
  >
  readonly update: (id: string, body: MerchantAccountUpdate) => Effect.Effect<MerchantAccount, ApiError>
  readonly createThreeDS: (
    accountId: string,
    body: MerchantAccountThreeDSConfigurationCreate
  ) => Effect.Effect<MerchantAccountThreeDSConfiguration, ApiError>
  readonly listThreeDS: (
    accountId: string,
    currency: string | undefined
  ) => Effect.Effect<ReadonlyArray<MerchantAccountThreeDSConfiguration>, ApiError>
  readonly updateThreeDS: (
    accountId: string,
    id: string,
    body: MerchantAccountThreeDSConfigurationUpdate
  ) => Effect.Effect<MerchantAccountThreeDSConfiguration, ApiError>
  readonly deleteThreeDS: (accountId: string, id: string) => Effect.Effect<void, ApiError>
}>()("@checkout-kit/mock-server/MerchantAccounts") {
  /**
   * Over the document store and the mock clock.
   *
   * @since 0.3.0
   */
  static readonly layer = Layer.effect(
    MerchantAccounts,
    Effect.gen(function*() {
      const store = yield* DocumentStore
      const clock = yield* MockClock
      const now = (accountId: string) => Effect.map(clock.now(accountId), (ms) => ({ ms, at: DateTime.makeUnsafe(ms) }))
      const find = (id: string) =>
        Effect.flatMap(
          store.get(adminScope, accountKind, id),
          (document) => document === undefined ? Effect.fail(accountNotFound()) : Effect.succeed(document)
        )
      const get = (id: string) => Effect.map(find(id), accountCodec.fromDocument)

      return MerchantAccounts.of({
        create: (body) =>
          Effect.gen(function*() {
            const { at, ms } = yield* now(body.id)
            const account: MerchantAccount = {
              ...maskSettings(body),
              type: "merchant-account",
              accountUpdaterEnabled: body.accountUpdaterEnabled ?? false,
              asyncNetworkTokensEnabled: body.asyncNetworkTokensEnabled ?? false,
              createdAt: at,
              updatedAt: at
            }
            yield* store.insert({
              merchantAccountId: adminScope,
              kind: accountKind,
              id: body.id,
              createdAt: ms,
              body: accountCodec.toBody(account)
            }).pipe(Effect.mapError(() => duplicate("A merchant account with this ID already exists", body.id)))
            return account
          }),
        get,
        list: ({ cursor, limit, search }) =>
          Effect.gen(function*() {
            const term = search?.toLowerCase()
            const all = yield* listAll(store, adminScope, accountKind)
            const matching = term === undefined || term === ""
              ? all
              : all.filter((document) => {
                const account = accountCodec.fromDocument(document)
                return account.id.toLowerCase().includes(term) || account.displayName.toLowerCase().includes(term)
              })
            const { limit: size, page } = yield* pageOf(matching, limit, cursor)
            return toCollection(page, size, accountCodec.fromDocument)
          }),
        update: (id, body) =>
          Effect.gen(function*() {
            const { at, ms } = yield* now(id)
            const stored = yield* store.update(adminScope, accountKind, id, undefined, (current) =>
              Effect.succeed({
                ...current,
                updatedAt: ms,
                body: accountCodec.toBody({
                  ...applyPatch(accountCodec.fromDocument(current), maskSettings(body), ["displayName"]),
                  updatedAt: at
                })
              })).pipe(
              Effect.catchTags({
                DocumentNotFound: () => Effect.fail(accountNotFound()),
                VersionConflict: Effect.die,
                DocumentConflict: Effect.die
              })
            )
            return accountCodec.fromDocument(stored)
          }),
        createThreeDS: (accountId, body) =>
          Effect.gen(function*() {
            yield* find(accountId)
            const { at, ms } = yield* now(accountId)
            const id = randomUUID()
            const configuration: MerchantAccountThreeDSConfiguration = {
              ...body,
              type: "merchant-account.three-ds-configuration",
              id,
              merchantAccountId: accountId,
              currency: body.currency ?? null,
              createdAt: at,
              updatedAt: at
            }
            yield* store.insert({
              merchantAccountId: accountId,
              kind: configurationKind,
              id,
              parentId: accountId,
              uniqueKey: slotOf(body.scheme, body.currency),
              createdAt: ms,
              body: configurationCodec.toBody(configuration)
            }).pipe(Effect.mapError(() => duplicate("A 3-D Secure configuration for this scheme and currency exists", id)))
            return configuration
          }),
        listThreeDS: (accountId, currency) =>
          Effect.gen(function*() {
            yield* find(accountId)
            const all = (yield* listAll(store, accountId, configurationKind, accountId)).map(configurationCodec.fromDocument)
            return currency === undefined ? all : all.filter((configuration) => configuration.currency === currency)
          }),
        updateThreeDS: (accountId, id, body) =>
          Effect.gen(function*() {
            yield* find(accountId)
            const { at, ms } = yield* now(accountId)
            const stored = yield* store.update(accountId, configurationKind, id, undefined, (current) => {
              const next = {
                ...applyPatch(configurationCodec.fromDocument(current), body, [
                  "merchantAcquirerBin",
                  "merchantAcquirerId",
                  "merchantName",
                  "merchantCountryCode",
                  "merchantCategoryCode",
                  "merchantUrl",
                  "scheme",
                  "metadata"
                ]),
                updatedAt: at
              }
              return Effect.succeed({
                ...current,
                updatedAt: ms,
                uniqueKey: slotOf(next.scheme, next.currency),
                body: configurationCodec.toBody(next)
              })
            }).pipe(
              Effect.catchTags({
                DocumentNotFound: () => Effect.fail(configurationNotFound()),
                DocumentConflict: () =>
                  Effect.fail(duplicate("A 3-D Secure configuration for this scheme and currency exists", id)),
                VersionConflict: Effect.die
              })
            )
            return configurationCodec.fromDocument(stored)
          }),
        deleteThreeDS: (accountId, id) =>
          Effect.gen(function*() {
            yield* find(accountId)
            const removed = yield* store.remove(accountId, configurationKind, id)
            if (!removed) return yield* Effect.fail(configurationNotFound())
          })
      })
    })
  )
}
