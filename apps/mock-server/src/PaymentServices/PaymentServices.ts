/**
 * A merchant account's payment services (its configured connectors), kept
 * in the document store under the merchant account (kind `payment-service`),
 * with credential verification and the session calls as the card simulator
 * answers them.
 *
 * - Creating one needs a known definition (else 400 at
 *   `/payment_service_definition_id`), fields the definition names (else 400
 *   at `/fields/{i}/key`) and every field it requires (else 400 at `/fields`).
 * - The values of the fields a definition marks secret are kept and answered
 *   masked.
 * - A delete marks the service deleted (`is_deleted`, inactive): a get of it
 *   is 404; a list shows it only with `deleted=true`.
 * - Verifying checks the fields as creating does; the simulator has no
 *   provider to check them against, so fields that pass verify (`{}`).
 * - The simulator has no session API: both session calls answer 200 with a
 *   failed session (`noSession`).
 *
 * @since 0.3.0
 */
import { type ErrorDetail, errorDetailTypes } from "@checkout-kit/domain/Errors"
import {
  type CreateSession,
  PaymentService,
  type PaymentServiceCreate,
  type PaymentServiceDefinition,
  type PaymentServiceUpdate,
  type VerifyCredentials
} from "@checkout-kit/domain/PaymentService"
import type { PaymentServiceId } from "@checkout-kit/domain/Primitives"
import { Context, DateTime, Effect, Layer } from "effect"
import { randomUUID } from "node:crypto"
import { ApiError } from "../ApiError.ts"
import { MockClock } from "../MockClock.ts"
import { DocumentStore } from "../store/DocumentStore.ts"
import { applyPatch, documentCodec, listAll, maskSecret, pageOf, toCollection } from "../store/Resources.ts"
import { definitions } from "./PaymentServiceDefinitions.ts"

const kind = "payment-service"
const codec = documentCodec(PaymentService)

type Field = { readonly key: string; readonly value: string }

const serviceNotFound = () => ApiError.notFound("The payment service could not be found")

/**
 * The 404 of a definition the mock does not offer.
 *
 * @category errors
 * @since 0.3.0
 */
export const definitionNotFound = () => ApiError.notFound("The payment service definition could not be found")

/**
 * The answer of a session call: the card simulator has no session API, so
 * the session fails (`status: "failed"`, code `unsupported_session`), and no
 * connector answered (no status code, no body).
 *
 * @category sessions
 * @since 0.3.0
 */
export const noSession: CreateSession = {
  type: "payment-service-session",
  status: "failed",
  code: "unsupported_session",
  statusCode: null,
  responseBody: null
}

const detail = (pointer: string, message: string, type: string): ErrorDetail => ({
  location: "body",
  pointer,
  message,
  type
})

/**
 * The definition a body names, else a 400 at `/payment_service_definition_id`.
 *
 * @category validation
 * @since 0.3.0
 */
export const definitionOf = (id: string) => {
  const definition = definitions.get(id)
  return definition === undefined
    ? Effect.fail(ApiError.invalid([
      detail("/payment_service_definition_id", `Unknown payment service definition: ${id}`, errorDetailTypes.value)
    ]))
    : Effect.succeed(definition)
}

// Fields the definition does not name (400 at each one's key).
const unknownFields = (definition: PaymentServiceDefinition, fields: ReadonlyArray<Field>) => {
  const known = new Set(definition.fields.map((field) => field.key))
  const unknown = fields.flatMap((field, i) =>
    known.has(field.key) ? [] : [detail(`/fields/${i}/key`, `Unknown field: ${field.key}`, errorDetailTypes.value)]
  )
  return unknown.length > 0 ? Effect.fail(ApiError.invalid(unknown)) : Effect.void
}

// The fields the definition requires and `fields` lacks (400 at `/fields`).
const missingFields = (definition: PaymentServiceDefinition, fields: ReadonlyArray<Field>) => {
  const given = new Set(fields.filter((field) => field.value !== "").map((field) => field.key))
  const missing = definition.fields.filter((field) => field.required && !given.has(field.key))
  return missing.length === 0
    ? Effect.void
    : Effect.fail(ApiError.invalid(missing.map((field) =>
      detail("/fields", `Field required: ${field.key}`, errorDetailTypes.required)
    )))
}

const checkFields = (definition: PaymentServiceDefinition, fields: ReadonlyArray<Field>) =>
  Effect.andThen(unknownFields(definition, fields), missingFields(definition, fields))

// The fields as kept: secret values masked.
const keep = (definition: PaymentServiceDefinition, fields: ReadonlyArray<Field>): Array<Field> => {
  const secret = new Set(definition.fields.filter((field) => field.secret).map((field) => field.key))
  return fields.map((field) => (secret.has(field.key) ? { key: field.key, value: maskSecret(field.value) } : field))
}

// Fields after an update: an empty value clears a field, another sets it.
const mergeFields = (current: ReadonlyArray<Field>, changes: ReadonlyArray<Field>): Array<Field> => {
  const merged = new Map(current.map((field) => [field.key, field.value]))
  for (const { key, value } of changes) {
    if (value === "") merged.delete(key)
    else merged.set(key, value)
  }
  return Array.from(merged, ([key, value]) => ({ key, value }))
}

const profileSummary = (
  profile: PaymentServiceCreate["merchantProfile"],
  at: DateTime.Utc
): PaymentService["merchantProfile"] =>
  profile === undefined || profile === null
    ? profile
    : Object.fromEntries(Object.entries(profile).map(([scheme, value]) => [
      scheme,
      value === null ? null : { ...value, createdAt: at }
    ]))

// What a page of payment services is filtered by.
interface ListFilter {
  readonly cursor?: string | undefined
  readonly limit?: number | undefined
  readonly method?: string | undefined
  readonly deleted?: "true" | "false" | undefined
}

/**
 * @category services
 * @since 0.3.0
 */
export class PaymentServices extends Context.Service<PaymentServices, {
  readonly create: (account: string, body: PaymentServiceCreate) => Effect.Effect<PaymentService, ApiError>
  readonly get: (account: string, id: string) => Effect.Effect<PaymentService, ApiError>
  readonly list: (account: string, filter: ListFilter) => Effect.Effect<
    {
      readonly items: ReadonlyArray<PaymentService>
      readonly limit: number
      readonly nextCursor: string | null
      readonly previousCursor: string | null
    },
    ApiError
  >
  /** Every active service of the account (payment options). */
  readonly active: (account: string) => Effect.Effect<ReadonlyArray<PaymentService>>
  readonly update: (account: string, id: string, body: PaymentServiceUpdate) => Effect.Effect<PaymentService, ApiError>
  readonly remove: (account: string, id: string) => Effect.Effect<void, ApiError>
  readonly verify: (account: string, body: VerifyCredentials) => Effect.Effect<void, ApiError>
  readonly session: (account: string, id: string) => Effect.Effect<CreateSession, ApiError>
}>()("@checkout-kit/mock-server/PaymentServices") {
  /**
   * Over the document store and the mock clock.
   *
   * @since 0.3.0
   */
  static readonly layer = Layer.effect(
    PaymentServices,
    Effect.gen(function*() {
      const store = yield* DocumentStore
      const clock = yield* MockClock
      const now = (account: string) => Effect.map(clock.now(account), (ms) => ({ ms, at: DateTime.makeUnsafe(ms) }))
      const all = (account: string) => Effect.map(listAll(store, account, kind), (documents) => documents)
      const get = (account: string, id: string) =>
        Effect.flatMap(store.get(account, kind, id), (document) => {
          const service = document === undefined ? undefined : codec.fromDocument(document)
          return service === undefined || service.isDeleted === true
            ? Effect.fail(serviceNotFound())
            : Effect.succeed(service)
        })
      // Replaces a live service by `f` of it.
      const change = (account: string, id: string, f: (current: PaymentService, ms: number) => Effect.Effect<PaymentService, ApiError>) =>
        Effect.flatMap(now(account), ({ ms }) =>
          store.update(account, kind, id, undefined, (current) => {
            const service = codec.fromDocument(current)
            if (service.isDeleted === true) return Effect.fail(serviceNotFound())
            return Effect.map(f(service, ms), (next) => ({ ...current, updatedAt: ms, body: codec.toBody(next) }))
          }).pipe(
            Effect.catchTag("DocumentNotFound", () => Effect.fail(serviceNotFound())),
            Effect.catchTags({ VersionConflict: Effect.die, DocumentConflict: Effect.die }),
            Effect.map(codec.fromDocument)
          ))

      return PaymentServices.of({
        create: (account, body) =>
          Effect.gen(function*() {
            const definition = yield* definitionOf(body.paymentServiceDefinitionId)
            yield* checkFields(definition, body.fields)
            const { at, ms } = yield* now(account)
            const existing = (yield* all(account)).map(codec.fromDocument).filter((s) => s.isDeleted !== true)
            const id = randomUUID()
            const service: PaymentService = {
              type: "payment-service",
              id: id as PaymentServiceId,
              merchantAccountId: account,
              paymentServiceDefinitionId: definition.id,
              active: body.active ?? true,
              method: definition.method,
              displayName: body.displayName,
              position: body.position ?? existing.filter((s) => s.method === definition.method).length + 1,
              status: "created",
              acceptedCurrencies: body.acceptedCurrencies,
              acceptedCountries: body.acceptedCountries,
              paymentMethodTokenizationEnabled: body.paymentMethodTokenizationEnabled ?? false,
              networkTokensEnabled: body.networkTokensEnabled ?? false,
              openLoop: body.openLoop ?? false,
              settlementReportingEnabled: body.settlementReportingEnabled ?? false,
              threeDSecureEnabled: body.threeDSecureEnabled ?? false,
              merchantProfile: profileSummary(body.merchantProfile, at) ?? null,
              webhookUrl: null,
              fields: keep(definition, body.fields),
              reportingFields: body.reportingFields ?? [],
              isDeleted: false,
              createdAt: at,
              updatedAt: at
            }
            yield* Effect.orDie(store.insert({ merchantAccountId: account, kind, id, createdAt: ms, body: codec.toBody(service) }))
            return service
          }),
        get,
        list: (account, { cursor, deleted, limit, method }) =>
          Effect.gen(function*() {
            const matching = (yield* all(account)).filter((document) => {
              const service = codec.fromDocument(document)
              return (deleted === "true" || service.isDeleted !== true) && (method === undefined || service.method === method)
            })
            const { limit: size, page } = yield* pageOf(matching, limit, cursor)
            return toCollection(page, size, codec.fromDocument)
          }),
        active: (account) =>
          Effect.map(all(account), (documents) =>
            documents.map(codec.fromDocument).filter((s) => s.isDeleted !== true && s.active !== false)),
        update: (account, id, body) =>
          change(account, id, (current, ms) => {
            const at = DateTime.makeUnsafe(ms)
            const definition = definitions.get(current.paymentServiceDefinitionId)!
            const fields = body.fields === undefined || body.fields === null
              ? undefined
              : mergeFields(current.fields ?? [], body.fields)
            const checked = fields === undefined
              ? Effect.void
              : Effect.andThen(unknownFields(definition, body.fields!), missingFields(definition, fields))
            return Effect.as(
              checked,
              {
                ...applyPatch(current, body, [
                  "displayName",
                  "position",
                  "acceptedCurrencies",
                  "acceptedCountries",
                  "active",
                  "paymentMethodTokenizationEnabled",
                  "networkTokensEnabled",
                  "openLoop",
                  "settlementReportingEnabled"
                ]),
                ...(fields === undefined ? {} : { fields: keep(definition, fields) }),
                ...(body.reportingFields === undefined
                  ? {}
                  : { reportingFields: mergeFields(current.reportingFields ?? [], body.reportingFields ?? []) }),
                ...(body.merchantProfile === undefined ? {} : { merchantProfile: profileSummary(body.merchantProfile, at) ?? null }),
                updatedAt: at
              }
            )
          }),
        remove: (account, id) =>
          Effect.asVoid(change(account, id, (current, ms) =>
            Effect.succeed({ ...current, isDeleted: true, active: false, updatedAt: DateTime.makeUnsafe(ms) }))),
        verify: (account, body) =>
          Effect.gen(function*() {
            const definition = yield* definitionOf(body.paymentServiceDefinitionId)
            if (body.paymentServiceId !== undefined && body.paymentServiceId !== null) {
              yield* get(account, body.paymentServiceId)
            }
            yield* checkFields(definition, body.fields)
          }),
        session: (account, id) => Effect.as(get(account, id), noSession)
      })
    })
  )
}
