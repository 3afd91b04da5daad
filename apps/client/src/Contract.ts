/**
 * The contract runner: drives any server (the mock, or the real sandbox) with
 * fixtures and checks that it honours the contract on the wire.
 *
 * - valid bodies are accepted (201) and read back equal to what was sent,
 *   after the spec's defaults;
 * - invalid bodies (one constraint broken) are rejected with 400 and a
 *   `details[]` entry whose pointer is the broken field;
 * - unknown session ids answer 404;
 * - expired sessions answer 404, when the server offers `/_mock/clock`;
 * - the payments resources, where the server serves them (`GET /buyers` is
 *   not a 404): valid buyer and stored-card bodies are created (201), read,
 *   updated and deleted with the declared statuses, every answer holds to its
 *   declared schema (`Buyer`, `PaymentMethod`) and to the reference model
 *   (`@checkout-kit/fixtures/Model`), another merchant account reads a 404,
 *   no answer shows a card number; invalid bodies get 400 with the broken
 *   field's pointer; unknown ids answer 404; a list walked page by page with
 *   `limit` neither repeats nor skips a buyer.
 * - payment services and merchant accounts, where the server serves the
 *   payments resources: a `mock-card` service is created (201), read, renamed,
 *   listed, deleted (then 404), another merchant account reads a 404; a
 *   merchant account (admin level, a fresh id) is created, read, renamed,
 *   found once in a walk of the global list, and its id taken again is a 409
 *   (the API has no delete: a run leaves at most five accounts behind); every
 *   answer holds to its declared schema (`PaymentService`, `MerchantAccount`);
 *   invalid bodies get 400 with the pointer; unknown ids answer 404.
 * - transactions, where the server serves the payments resources: one is
 *   created from each form of payment method (a card, a checkout session's
 *   card, a stored payment method), read back equal, found by a list and not
 *   by another merchant account; another is captured in two parts, refunded in
 *   part then in full (`refunds/all`), its captures, refunds and events
 *   listed, and a third voided, the amounts (`authorized_amount`,
 *   `captured_amount`, `refunded_amount`) and statuses in step at every
 *   answer, what can no longer happen (a refund of a refunded transaction, a
 *   capture of a voided one) a 400; every answer holds to its declared schema
 *   (`Transaction`, `Refund`, `Refunds`, `CaptureCollection`,
 *   `TransactionEvents`, `TransactionSummaries`) and shows no card number;
 *   invalid transaction, capture and refund bodies get 400 with the pointer;
 *   unknown transaction and refund ids answer 404. A run creates at most
 *   twenty transactions of each check (real money moves on no test card).
 *
 * A run leaves the server as it was: against the mock (a server that offers
 * `/_mock/clock`) it runs in a merchant account of its own unless one is
 * named, deletes what it creates, and sets its account's clock back to where
 * it found it at the end, even when interrupted. The mock keeps one clock per
 * merchant account, so other accounts' sessions never see its moves.
 *
 * Every mismatch is reported with the seed and the body, so it can be
 * replayed.
 *
 * The calls go through the typed client (`CheckoutKitClient`, with its
 * signing, merchant account, timeouts and retries); invalid bodies, which the
 * typed client refuses to send, go as they are on its `HttpClient` to the
 * contract's `create` path; the clock moves through `MockControls`.
 *
 * @since 0.1.0
 */
import { Api } from "@checkout-kit/domain/api/Api"
import { Buyer, BuyerCreate, BuyerUpdate } from "@checkout-kit/domain/BuyerResource"
import { CheckoutSession, CheckoutSessionUpdate, sessionFields } from "@checkout-kit/domain/CheckoutSession"
import * as Defaults from "@checkout-kit/domain/Defaults"
import { MerchantAccount, MerchantAccountCreate } from "@checkout-kit/domain/MerchantAccount"
import { CardPaymentMethodCreate, PaymentMethod } from "@checkout-kit/domain/PaymentMethodResource"
import { PaymentService, PaymentServiceCreate } from "@checkout-kit/domain/PaymentService"
import { Refund, Refunds, TransactionRefundCreate } from "@checkout-kit/domain/Refund"
import { Transaction, TransactionSummaries } from "@checkout-kit/domain/Transaction"
import { CaptureCollection, TransactionCaptureCreate } from "@checkout-kit/domain/TransactionCapture"
import { TransactionEvents } from "@checkout-kit/domain/TransactionEvent"
import { Effect, Exit, Schema } from "effect"
import { FetchHttpClient, type HttpClient, HttpClientRequest } from "effect/http"
import * as fc from "fast-check"
import * as Commands from "@checkout-kit/fixtures/Commands"
import { wire as wireOf } from "@checkout-kit/fixtures/Derive"
import { invalid as invalidBodies } from "@checkout-kit/fixtures/Invalid"
import * as Model from "@checkout-kit/fixtures/Model"
import { randomUUID } from "node:crypto"
import * as CheckoutKitClient from "./CheckoutKitClient.ts"
import type { CheckoutKitError } from "./Errors.ts"
import * as MockControls from "./MockControls.ts"
import * as Stateful from "./Stateful.ts"

/**
 * A valid body and a broken one, as the fixtures package generates them.
 *
 * @category models
 * @since 0.1.0
 */
export interface Generators {
  readonly valid: fc.Arbitrary<unknown>
  readonly invalid: fc.Arbitrary<{ readonly value: unknown; readonly pointer: string; readonly constraint: string }>
}

/**
 * @category models
 * @since 0.1.0
 */
export interface ContractOptions {
  readonly server: string
  readonly runs: number
  readonly seed: number
  readonly privateKey?: string | undefined
  readonly merchantAccountId?: string | undefined
  readonly generators: Generators
  /** Called after each check with how many of `total` are done. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined
  /** Parallel requests; default 8. */
  readonly concurrency?: number | undefined
  /**
   * Bodies per check of the payments resources (valid and invalid buyers and stored cards); default `runs`, at
   * most 50. @since 0.3.0
   */
  readonly paymentRuns?: number | undefined
}

/**
 * One way the server broke the contract.
 *
 * @category models
 * @since 0.1.0
 */
export interface Mismatch {
  readonly check: string
  readonly seed: number
  /** The run within the check: with the seed, replays the body. */
  readonly index: number
  readonly message: string
  readonly body?: unknown
  readonly expected?: unknown
  readonly actual?: unknown
}

/**
 * @category models
 * @since 0.1.0
 */
export interface ContractReport {
  readonly server: string
  /** The merchant account the run acted on, when it named or chose one. @since 0.2.0 */
  readonly merchantAccountId?: string | undefined
  readonly seed: number
  readonly runs: number
  readonly checks: ReadonlyArray<{ readonly name: string; readonly passed: number; readonly failed: number; readonly skipped?: string }>
  readonly mismatches: ReadonlyArray<Mismatch>
}

const withDefaults = Defaults.make(CheckoutSession)

/**
 * What a session created from `body` reads back as, for the fields the body
 * sets: the body's session fields (nulls dropped), with the spec's defaults.
 *
 * @category checks
 * @since 0.1.0
 */
export const expectedFields = (body: Record<string, unknown>): Record<string, unknown> => {
  const session: Record<string, unknown> = {}
  for (const key of sessionFields) if (body[key] !== undefined && body[key] !== null) session[key] = body[key]
  const filled = withDefaults(session as never) as Record<string, unknown>
  return Object.fromEntries(sessionFields.filter((key) => filled[key] !== undefined).map((key) => [key, filled[key]]))
}

// What the checks report of a failed call: its status (every answer in the API's error shape has one) and body.
const failure = (call: string, error: CheckoutKitError): Pick<Mismatch, "message" | "actual"> => {
  if (!("status" in error) || error.status === undefined) return { message: `${call} failed: ${error._tag}: ${error.message}` }
  const { code, details } = error as { code?: string; details?: unknown }
  return { message: `${call} answered ${error.status}`, actual: { code, status: error.status, message: error.message, details } }
}

const encodeSession = Schema.encodeSync(CheckoutSession)
const createPath = Api.groups.checkoutSessions.endpoints.create.path

// A check's tally, from the mismatch (or none) of each of its runs.
const tally = (name: string, outcomes: ReadonlyArray<Mismatch | undefined>, skipped?: string) => {
  const mismatches = outcomes.filter((outcome) => outcome !== undefined)
  return {
    check: {
      name,
      passed: outcomes.length - mismatches.length,
      failed: mismatches.length,
      ...(skipped === undefined ? {} : { skipped })
    },
    mismatches
  }
}

/**
 * Runs every check against `options.server`, on the typed client
 * (`CheckoutKitClient`, with its timeouts and retries) and the `HttpClient`
 * in context.
 *
 * @category runner
 * @since 0.2.0
 */
export const runEffect = (options: ContractOptions) =>
  Effect.gen(function*() {
    const base = options.server.replace(/\/+$/, "")
    // Against the mock, an account of the run's own unless one is named: nobody else's sessions are touched.
    const probe = yield* MockControls.make(
      yield* CheckoutKitClient.httpClient({ baseUrl: base, merchantAccountId: options.merchantAccountId })
    )
    const isMock = (yield* probe.clock) !== undefined
    const merchantAccountId = options.merchantAccountId ??
      (isMock ? `checkout-kit-contract-${randomUUID().slice(0, 8)}` : undefined)
    const clientOptions = { baseUrl: base, privateKey: options.privateKey, merchantAccountId }
    const sessions = yield* CheckoutKitClient.make(clientOptions)
    const http = yield* CheckoutKitClient.httpClient(clientOptions)
    const controls = yield* MockControls.make(http)
    const system = Stateful.httpSystem(clientOptions)
    // The account's clock as the run found it: set back at the end, however the run ends.
    const clockBefore = isMock ? yield* controls.clock : undefined
    return yield* Effect.ensuring(
      checks({ options, base, merchantAccountId, sessions, http, controls, system }),
      clockBefore === undefined ? Effect.void : Effect.ignore(controls.setClockOffset(clockBefore.offset_seconds))
    )
  })

const checks = (
  { base, controls, http, merchantAccountId, options, sessions, system }: {
    readonly options: ContractOptions
    readonly base: string
    readonly merchantAccountId: string | undefined
    readonly sessions: CheckoutKitClient.CheckoutKitClient["Service"]
    readonly http: HttpClient.HttpClient
    readonly controls: MockControls.MockControls
    readonly system: Commands.System
  }
) =>
  Effect.gen(function*() {
    const seed = options.seed
    const valid = fc.sample(options.generators.valid, { numRuns: options.runs, seed })
    const invalid = fc.sample(options.generators.invalid, { numRuns: options.runs, seed })
    const payments = yield* Effect.promise(() => Stateful.servesPayments(system))
    const paymentRuns = payments ? options.paymentRuns ?? Math.min(options.runs, 50) : 0
    // One step per check of the report: each body, each unknown-id call, the expiry, the payments' checks.
    const total = valid.length + invalid.length + 3 + 1 +
      (payments ? 4 * paymentRuns + 6 + 1 + 2 * paymentRuns + accountRunsOf(paymentRuns) + 5 : 0) +
      (payments ? 2 * transactionRunsOf(paymentRuns) + paymentRuns + unknownTransactionCalls.length : 0)
    let done = 0
    const progress = Effect.sync(() => options.onProgress?.(++done, total))
    const concurrency = options.concurrency ?? 8

    // Valid bodies: accepted, and read back equal to what was sent (after defaults).
    const validName = "valid bodies are accepted and read back"
    const validOutcomes = yield* Effect.forEach(valid, (body, index) => {
      const mismatch = (extra: Pick<Mismatch, "message"> & Partial<Mismatch>): Mismatch => ({
        check: validName,
        seed,
        index,
        body,
        ...extra
      })
      return Effect.gen(function*() {
        const update = yield* Schema.decodeUnknownEffect(CheckoutSessionUpdate)(body)
        const created = yield* Effect.mapError(sessions.create(update), (error) => failure("POST", error))
        const read = yield* Effect.mapError(sessions.get(created.id), (error) => failure("GET", error))
        const wire = encodeSession(read) as Record<string, unknown>
        const expected = expectedFields(body as Record<string, unknown>)
        const actual = Object.fromEntries(sessionFields.filter((k) => wire[k] !== undefined).map((k) => [k, wire[k]]))
        yield* Effect.ignore(sessions.delete(created.id))
        const difference = Model.firstDifference(expected, actual)
        return difference === undefined ? undefined : mismatch({ message: `read back differs at ${difference}`, expected, actual })
      }).pipe(
        Effect.catch((error) =>
          Effect.succeed(mismatch(Schema.isSchemaError(error) ? { message: `not a valid body: ${error.message}` } : error))
        ),
        Effect.ensuring(progress)
      )
    }, { concurrency })

    // Invalid bodies: 400, with the broken field's pointer in details[]. Sent as they are, on the HttpClient: the
    // typed client would refuse them before sending.
    const invalidName = "invalid bodies are rejected with the pointer"
    const invalidOutcomes = yield* Effect.forEach(invalid, (mutation, index) => {
      const mismatch = (message: string, actual?: unknown): Mismatch => ({
        check: invalidName,
        seed,
        index,
        message: `${message} (broken: ${mutation.pointer || "(body)"}, ${mutation.constraint})`,
        body: mutation.value,
        expected: { status: 400, pointer: mutation.pointer },
        actual
      })
      const request = HttpClientRequest.post(createPath)
      return http.execute(mutation.value === undefined ? request : HttpClientRequest.bodyJsonUnsafe(request, mutation.value)).pipe(
        // A transient answer still there after the retries is an answer all the same.
        Effect.catchIf(
          (error) => error.response !== undefined,
          (error) => Effect.succeed(error.response!)
        ),
        Effect.flatMap((response) =>
          Effect.map(Effect.orElseSucceed(response.json, () => undefined), (json) => ({ status: response.status, json }))
        ),
        Effect.flatMap(({ json, status }): Effect.Effect<Mismatch | undefined> => {
          const answer = json as { id?: string; details?: ReadonlyArray<{ pointer: string }> } | undefined
          if (status !== 400) {
            const cleanUp = status === 201 && answer?.id !== undefined ? Effect.ignore(sessions.delete(answer.id)) : Effect.void
            return Effect.as(cleanUp, mismatch(`accepted with ${status}`, json))
          }
          const pointers = (answer?.details ?? []).map((detail) => detail.pointer)
          return Effect.succeed(
            pointers.includes(mutation.pointer) ? undefined : mismatch("400 without the broken field's pointer", pointers)
          )
        }),
        Effect.catch((error) => Effect.succeed(mismatch(`request failed: ${error.message}`))),
        Effect.ensuring(progress)
      )
    }, { concurrency })

    // Unknown ids.
    const unknownName = "unknown session ids answer 404"
    const unknownCalls = [
      ["GET", (id: string) => sessions.get(id)],
      ["PUT", (id: string) => sessions.update(id, {})],
      ["DELETE", (id: string) => sessions.delete(id)]
    ] as const
    const unknownOutcomes = yield* Effect.forEach(unknownCalls, ([method, call]) =>
      call(randomUUID()).pipe(
        Effect.match({
          onSuccess: () => ({ message: `${method} of an unknown id succeeded` }),
          onFailure: (error) => error._tag === "NotFound" ? undefined : failure(`${method} of an unknown id`, error)
        }),
        Effect.map((found) => found === undefined ? undefined : { check: unknownName, seed, index: 0, ...found }),
        Effect.ensuring(progress)
      ))

    const paymentResults = payments
      ? [
        ...yield* paymentChecks({ system, seed, runs: paymentRuns, concurrency, progress }),
        ...yield* transactionChecks({ system, seed, runs: paymentRuns, concurrency, progress })
      ]
      : [...paymentCheckNames, ...transactionCheckNames].map((name) =>
        tally(name, [], "the server does not serve /buyers")
      )

    // Expiry, where the server lets the runner move its clock.
    const expiryName = "expired sessions answer 404"
    const offersClock = yield* controls.advanceClock(0)
    const expiryOutcomes = offersClock
      ? [
        yield* Effect.gen(function*() {
          const created = yield* Effect.mapError(sessions.create({ expiresIn: 3600 }), (error) => failure("POST", error))
          yield* controls.advanceClock(3601)
          return yield* sessions.get(created.id).pipe(
            Effect.match({
              onSuccess: () => ({ message: "after expiry GET succeeded" }),
              onFailure: (error) => error._tag === "NotFound" ? undefined : failure("after expiry GET", error)
            })
          )
        }).pipe(
          Effect.catch((found) => Effect.succeed(found)),
          Effect.map((found) => found === undefined ? undefined : { check: expiryName, seed, index: 0, ...found })
        )
      ]
      : []
    yield* progress

    const results = [
      tally(validName, validOutcomes),
      tally(invalidName, invalidOutcomes),
      tally(unknownName, unknownOutcomes),
      ...paymentResults,
      tally(expiryName, expiryOutcomes, offersClock ? undefined : "the server offers no /_mock/clock")
    ]
    const report: ContractReport = {
      server: base,
      ...(merchantAccountId === undefined ? {} : { merchantAccountId }),
      seed,
      runs: options.runs,
      checks: results.map((result) => result.check),
      mismatches: results.flatMap((result) => result.mismatches)
    }
    return report
  })

const paymentCheckNames = [
  "valid buyers are created, read, updated and deleted",
  "valid cards are stored, read, updated and deleted",
  "invalid buyer bodies are rejected with the pointer",
  "invalid card bodies are rejected with the pointer",
  "unknown buyer and payment method ids answer 404",
  "lists walked page by page neither repeat nor skip",
  "valid payment services are created, read, renamed, listed and deleted",
  "valid merchant accounts are created, read, renamed and listed; a taken id is a 409",
  "invalid payment-service and merchant-account bodies are rejected with the pointer",
  "unknown payment service and merchant account ids answer 404"
] as const

// Merchant accounts cannot be deleted: a run creates at most five.
const accountRunsOf = (runs: number) => Math.min(runs, 5)

type InvalidTarget = Extract<Model.Operation, { _tag: "InvalidResource" }>["target"]

// A body of a check (a card, a pair of bodies, a mutation) as a report may show it: no card number.
const redactAll = (body: unknown): unknown =>
  Array.isArray(body)
    ? body.map(redactAll)
    : typeof body === "object" && body !== null && "value" in body && "pointer" in body
    ? { ...body, value: Commands.redact(body.value) }
    : Commands.redact(body)

const buyerAnswer = Schema.decodeUnknownExit(Buyer)
const methodAnswer = Schema.decodeUnknownExit(PaymentMethod)
const serviceAnswer = Schema.decodeUnknownExit(PaymentService)
const accountAnswer = Schema.decodeUnknownExit(MerchantAccount)
const answers: Record<Model.ResourceKind, (body: unknown) => Exit.Exit<unknown, unknown>> = {
  "buyer": buyerAnswer,
  "payment-method": methodAnswer,
  "payment-service": serviceAnswer,
  "merchant-account": accountAnswer,
  "transaction": Schema.decodeUnknownExit(Transaction),
  "refund": Schema.decodeUnknownExit(Refund)
}

// Whether an answer holds to the resource's declared schema.
const holds = (kind: Model.ResourceKind, body: unknown) => Exit.isSuccess(answers[kind](body))

/**
 * Runs operations of the reference model one request at a time (a list: one
 * walk), each answer checked against the model and, for a resource, against
 * its declared schema; and no answer may show a card number the run sent.
 * Answers the first mismatch, or `undefined`.
 *
 * @category checks
 * @since 0.3.0
 */
export const runOperations = async (
  system: Commands.System,
  tag: string,
  operations: ReadonlyArray<(state: Model.State) => Model.Operation>
): Promise<Pick<Mismatch, "message" | "expected" | "actual"> | undefined> => {
  let state: Model.State = { ...Model.initial, tag }
  const secrets: Array<string> = []
  for (const make of operations) {
    const operation = make(state)
    const expected = Model.expect(state, operation)
    const request = Commands.requestOf(state, operation)!
    const number = (request.body as { number?: unknown } | undefined)?.number
    if (typeof number === "string") secrets.push(number)
    const actual = expected.listing === undefined
      ? await system.send(request)
      : await Commands.walk(system, request, expected.listing)
    const said = `${Commands.describe(operation)}: ${request.method} ${request.path}`
    const shown = secrets.find((n) => JSON.stringify(actual.body ?? null).includes(n))
    if (shown !== undefined) return { message: `${said}: the answer shows the card number ending ${shown.slice(-4)}` }
    const mismatch = Model.compare(expected, actual)
    if (mismatch !== undefined) return { message: `${said}: ${mismatch}`, expected: Model.describe(expected), actual }
    const kind = expected.resource?.kind
    if (kind !== undefined && !holds(kind, actual.body)) {
      return { message: `${said}: the answer does not hold to the ${kind} schema`, actual }
    }
    state = Model.next(state, operation, actual)
  }
  return undefined
}

interface CheckRun {
  readonly seed: number
  readonly concurrency: number
  readonly progress: Effect.Effect<void>
}

// Runs a check's bodies (or calls), `concurrency` at a time: each its mismatch or none, its body redacted.
const eachOf = ({ concurrency, progress, seed }: CheckRun) =>
<A>(
  name: string,
  bodies: ReadonlyArray<A>,
  run: (body: A, index: number) => ReturnType<typeof runOperations>
) =>
  Effect.forEach(bodies, (body, index) =>
    Effect.tryPromise(() => run(body, index)).pipe(
      Effect.catch((error) => Effect.succeed({ message: `the run failed: ${String(error.cause)}` })),
      Effect.map((found): Mismatch | undefined =>
        found === undefined ? undefined : { check: name, seed, index, body: redactAll(body), ...found }
      ),
      Effect.ensuring(progress)
    ), { concurrency })

// The checks of the payments resources, each an outcome per body (or per call), in `paymentCheckNames`' order.
const paymentChecks = (
  { concurrency, progress, runs, seed, system }: {
    readonly system: Commands.System
    readonly seed: number
    readonly runs: number
    readonly concurrency: number
    readonly progress: Effect.Effect<void>
  }
) => {
  const sample = <A>(arbitrary: fc.Arbitrary<A>) => fc.sample(arbitrary, { numRuns: runs, seed })
  // Every run's external identifiers are its own: a buyer's must be unique in the account.
  const tagOf = (index: number) => `c${seed}-${index}-${randomUUID().slice(0, 8)}`
  const each = eachOf({ seed, concurrency, progress })
  return Effect.gen(function*() {
    const [buyersName, cardsName, invalidBuyersName, invalidCardsName, unknownName, listsName, ...serviceNames] =
      paymentCheckNames
    const updates = Commands.partialOf(wireOf(BuyerUpdate) as fc.Arbitrary<Record<string, unknown>>, Model.buyerFields)
    const buyerBodies = sample(fc.tuple(wireOf(BuyerCreate), updates))
    const buyers = yield* each(buyersName, buyerBodies, ([create, update], index) =>
      runOperations(system, tagOf(index), [
        () => ({ _tag: "CreateBuyer", body: create as Record<string, unknown> }),
        () => ({ _tag: "GetBuyer", buyer: 0 }),
        () => ({ _tag: "ResourceElsewhere", kind: "buyer", index: 0, method: "GET" }),
        () => ({ _tag: "UpdateBuyer", buyer: 0, body: update }),
        () => ({ _tag: "DeleteBuyer", buyer: 0 }),
        () => ({ _tag: "GetBuyer", buyer: 0 })
      ]))
    const cardBodies = sample(fc.tuple(Commands.storeCardBody(), Commands.methodUpdateBody()))
    const cards = yield* each(cardsName, cardBodies, ([card, update], index) =>
      runOperations(system, tagOf(index), [
        // The buyer's answer tells the server's time: whether the card has expired.
        () => ({ _tag: "CreateBuyer", body: {} }),
        () => ({ _tag: "StoreCard", body: card, owner: { buyer: 0, by: "id" } }),
        () => ({ _tag: "GetMethod", method: 0 }),
        () => ({ _tag: "ResourceElsewhere", kind: "payment-method", index: 0, method: "GET" }),
        () => ({ _tag: "UpdateMethod", method: 0, body: update }),
        () => ({ _tag: "DeleteMethod", method: 0 }),
        () => ({ _tag: "GetMethod", method: 0 }),
        () => ({ _tag: "DeleteBuyer", buyer: 0 })
      ]))
    const invalidOf = (
      target: "buyer-create" | "method-create",
      schema: typeof BuyerCreate | typeof CardPaymentMethodCreate
    ) =>
      sample(invalidBodies(schema).filter((m) => m.value !== undefined)).map((m) => ({ ...m, target }))
    const rejected = (
      name: string,
      mutations: ReadonlyArray<{ readonly value: unknown; readonly pointer: string; readonly target: InvalidTarget }>
    ) =>
      each(name, mutations, (m) =>
        runOperations(system, "", [
          () => ({ _tag: "InvalidResource", target: m.target, index: 0, body: m.value, pointer: m.pointer })
        ]))
    const invalidBuyers = yield* rejected(invalidBuyersName, invalidOf("buyer-create", BuyerCreate))
    const invalidCards = yield* rejected(invalidCardsName, invalidOf("method-create", CardPaymentMethodCreate))
    const calls = (["buyer", "payment-method"] as const).flatMap((kind) =>
      (["GET", "PUT", "DELETE"] as const).map((method) => ({ kind, method }))
    )
    const unknown = yield* each(unknownName, calls, ({ kind, method }) =>
      runOperations(system, "", [() => ({ _tag: "UnknownResource", kind, id: randomUUID(), method })]))
    // Five buyers, walked two by two, then under another account; then deleted.
    const five = Array.from({ length: 5 }, () => () => ({ _tag: "CreateBuyer", body: {} }) as const)
    const remove = Array.from({ length: 5 }, (_, buyer) => () => ({ _tag: "DeleteBuyer", buyer }) as const)
    const lists = yield* each(listsName, [undefined], (_, index) =>
      runOperations(system, tagOf(index), [
        ...five,
        () => ({ _tag: "List", kind: "buyer", limit: 2 }),
        () => ({ _tag: "List", kind: "buyer", limit: 2, otherAccount: true }),
        ...remove,
        () => ({ _tag: "List", kind: "buyer", limit: 2 })
      ]))
    const [servicesName, accountsName, invalidServicesName, unknownServicesName] = serviceNames
    const serviceBodies = sample(fc.tuple(Commands.serviceCreateBody, Commands.renameBody))
    const services = yield* each(servicesName, serviceBodies, ([create, rename], index) =>
      runOperations(system, tagOf(index), [
        () => ({ _tag: "CreateService", body: create }),
        () => ({ _tag: "GetService", service: 0 }),
        () => ({ _tag: "ResourceElsewhere", kind: "payment-service", index: 0, method: "GET" }),
        () => ({ _tag: "UpdateService", service: 0, body: rename }),
        () => ({ _tag: "List", kind: "payment-service", limit: 2 }),
        () => ({ _tag: "DeleteService", service: 0 }),
        () => ({ _tag: "GetService", service: 0 }),
        () => ({ _tag: "List", kind: "payment-service", limit: 2 })
      ]))
    const accountBodies = sample(fc.tuple(Commands.renameBody, Commands.renameBody)).slice(0, accountRunsOf(runs))
    const accounts = yield* each(accountsName, accountBodies, ([create, rename], index) =>
      runOperations(system, tagOf(index), [
        () => ({ _tag: "CreateAccount", body: create }),
        () => ({ _tag: "GetAccount", account: 0 }),
        () => ({ _tag: "UpdateAccount", account: 0, body: rename }),
        () => ({ _tag: "List", kind: "merchant-account", limit: 2 }),
        () => ({ _tag: "CreateAccount", body: create, duplicate: 0 })
      ]))
    const invalidServices = yield* rejected(
      invalidServicesName,
      sample(
        fc.oneof(
          invalidBodies(PaymentServiceCreate).map((m) => ({ ...m, target: "service-create" as const })),
          invalidBodies(MerchantAccountCreate).map((m) => ({ ...m, target: "account-create" as const }))
        ).filter((m) => m.value !== undefined)
      )
    )
    const serviceCalls = [
      ...(["GET", "PUT", "DELETE"] as const).map((method) => ({ kind: "payment-service" as const, method })),
      ...(["GET", "PUT"] as const).map((method) => ({ kind: "merchant-account" as const, method }))
    ]
    const unknownServices = yield* each(unknownServicesName, serviceCalls, ({ kind, method }) =>
      runOperations(system, "", [() => ({ _tag: "UnknownResource", kind, id: randomUUID(), method })]))
    return [
      tally(buyersName, buyers),
      tally(cardsName, cards),
      tally(invalidBuyersName, invalidBuyers),
      tally(invalidCardsName, invalidCards),
      tally(unknownName, unknown),
      tally(listsName, lists),
      tally(servicesName, services),
      tally(accountsName, accounts),
      tally(invalidServicesName, invalidServices),
      tally(unknownServicesName, unknownServices)
    ]
  })
}

const transactionCheckNames = [
  "transactions are created from each payment-method form, read, listed and kept from other accounts",
  "transactions are captured, refunded and voided, their amounts in step",
  "invalid transaction, capture and refund bodies are rejected with the pointer",
  "unknown transaction and refund ids answer 404"
] as const

// Transactions move money on a real server's test connector: a run creates at most twenty of each kind.
const transactionRunsOf = (runs: number) => Math.min(runs, 20)

// The calls of an id no transaction (or refund) has: each must answer 404.
const unknownTransactionCalls = [
  ["GET", (id: string) => `/transactions/${id}`, undefined],
  ["PUT", (id: string) => `/transactions/${id}`, { metadata: { k: "v" } }],
  ["POST", (id: string) => `/transactions/${id}/capture`, {}],
  ["POST", (id: string) => `/transactions/${id}/void`, undefined],
  ["POST", (id: string) => `/transactions/${id}/refunds`, {}],
  ["GET", (id: string) => `/transactions/${id}/refunds`, undefined],
  ["GET", (id: string) => `/transactions/${id}/events`, undefined],
  ["GET", (id: string) => `/refunds/${id}`, undefined]
] as const

// Transaction bodies each broken at one field (the pointer), the rest valid.
const invalidTransactionBodies = (() => {
  const card = { method: "card", number: "4111111111111111", expiration_date: "12/99" }
  const valid = { amount: 1299, currency: "USD", payment_method: card }
  return [
    { pointer: "/amount", value: { ...valid, amount: -1 } },
    { pointer: "/amount", value: { ...valid, amount: 12.5 } },
    { pointer: "/amount", value: { currency: "USD", payment_method: card } },
    { pointer: "/currency", value: { ...valid, currency: "dollars" } },
    { pointer: "/intent", value: { ...valid, intent: "sell" } },
    { pointer: "/payment_method/expiration_date", value: { ...valid, payment_method: { ...card, expiration_date: "1299" } } },
    { pointer: "/external_identifier", value: { ...valid, external_identifier: "" } },
    { pointer: "/unknown_field", value: { ...valid, unknown_field: true } }
  ].map((m) => ({ ...m, constraint: "hand-written" }))
})()

// The test cards a transaction pays with (expiring long after any run), and the three forms of payment method.
const testCards = ["4111111111111111", "5555555555554444", "378282246310005"] as const
const paymentForms = ["card", "checkout-session", "id"] as const
type PaymentForm = (typeof paymentForms)[number]

// A mismatch found in a conversation: it ends the run.
class Broken {
  readonly found: Pick<Mismatch, "message" | "expected" | "actual">
  constructor(found: Pick<Mismatch, "message" | "expected" | "actual">) {
    this.found = found
  }
}

type Wire = Record<string, any>

type AnswerSchema =
  | "Transaction"
  | "TransactionSummaries"
  | "Refund"
  | "Refunds"
  | "CaptureCollection"
  | "TransactionEvents"

const schemaNamed: Record<AnswerSchema, (body: unknown) => Exit.Exit<unknown, unknown>> = {
  Transaction: Schema.decodeUnknownExit(Transaction),
  TransactionSummaries: Schema.decodeUnknownExit(TransactionSummaries),
  Refund: Schema.decodeUnknownExit(Refund),
  Refunds: Schema.decodeUnknownExit(Refunds),
  CaptureCollection: Schema.decodeUnknownExit(CaptureCollection),
  TransactionEvents: Schema.decodeUnknownExit(TransactionEvents)
}

/**
 * Talks to a server about transactions, one request at a time: every answer
 * must have the status expected, hold to its declared schema and show no
 * card number the run sent; the first that does not ends the conversation.
 *
 * @category checks
 * @since 0.4.0
 */
export const transactionConversation = (system: Commands.System) => {
  const secrets: Array<string> = []
  const send = async (
    said: string,
    request: Pick<Commands.Request, "method" | "path" | "body"> & { readonly account?: Commands.Request["account"] },
    status: number,
    schema?: AnswerSchema
  ): Promise<Wire> => {
    const body = request.body as Wire | undefined
    for (const number of [body?.number, body?.payment_method?.number]) {
      if (typeof number === "string") secrets.push(number)
    }
    const token: Commands.Token = request.account === "none" ? { _tag: "None" } : { _tag: "Default" }
    const answer = await system.send({ account: "own", token, ...request })
    const where = `${said}: ${request.method} ${request.path}`
    const shown = secrets.find((n) => JSON.stringify(answer.body ?? null).includes(n))
    if (shown !== undefined) throw new Broken({ message: `${where}: the answer shows the card number ending ${shown.slice(-4)}` })
    if (answer.status !== status) {
      throw new Broken({ message: `${where}: expected status ${status}, got ${answer.status}`, actual: answer.body })
    }
    if (schema !== undefined && Exit.isFailure(schemaNamed[schema](answer.body))) {
      throw new Broken({ message: `${where}: the answer does not hold to the ${schema} schema`, actual: answer.body })
    }
    return answer.body as Wire
  }
  return { send }
}

// `actual` with only the keys `expected` names, at every depth of its objects: what a check of some fields compares.
const only = (expected: unknown, actual: unknown): unknown =>
  typeof expected === "object" && expected !== null && !Array.isArray(expected) &&
    typeof actual === "object" && actual !== null && !Array.isArray(actual)
    ? Object.fromEntries(
      Object.entries(expected).map(([key, value]) => [key, only(value, (actual as Record<string, unknown>)[key])])
    )
    : actual

// The fields `expected` names as it has them, or the mismatch that ends the conversation.
const same = (said: string, expected: unknown, actual: unknown) => {
  const difference = Model.firstDifference(expected, only(expected, actual))
  if (difference !== undefined) {
    throw new Broken({ message: `${said}: differs at ${difference || "/"}`, expected, actual })
  }
}

// A conversation's first mismatch, or `undefined`.
const converse = async (conversation: () => Promise<void>) => {
  try {
    await conversation()
    return undefined
  } catch (error) {
    if (error instanceof Broken) return error.found
    throw error
  }
}

const byAmount = (a: number, b: number) => a - b

// The payment method of a transaction in `form`: a card, a checkout session's card (put there by secure fields),
// or the card stored first.
const paymentMethodOf = async (
  talk: ReturnType<typeof transactionConversation>,
  form: PaymentForm,
  number: string
): Promise<{ readonly method: Wire; readonly expected: Wire }> => {
  const card = { number, expiration_date: "12/99", security_code: number.startsWith("3") ? "1234" : "123" }
  const shown = { label: number.slice(-4), expiration_date: "12/99" }
  if (form === "card") return { method: { method: "card", ...card }, expected: { payment_method: shown } }
  if (form === "id") {
    const stored = await talk.send("store the card", { method: "POST", path: "/payment-methods", body: { method: "card", ...card } }, 201)
    return {
      method: { method: "id", id: stored.id },
      expected: { payment_method: { ...shown, id: stored.id }, instrument_type: "card_token" }
    }
  }
  const session = await talk.send("create a checkout session", { method: "POST", path: "/checkout/sessions", body: {} }, 201)
  await talk.send("put the card in the session", {
    method: "PUT",
    path: `/checkout/sessions/${session.id}/fields`,
    body: { payment_method: { method: "card", ...card } },
    account: "none"
  }, 204)
  // (A session's card shows no expiry: the transaction's need not either.)
  return {
    method: { method: "checkout-session", id: session.id },
    expected: { payment_method: { label: shown.label }, checkout_session_id: session.id }
  }
}

// What a transaction's amounts and status read, as a wire fragment.
const amounts = (status: string, authorized: number, captured: number, refunded: number) => ({
  status,
  authorized_amount: authorized,
  captured_amount: captured,
  refunded_amount: refunded
})

// The checks of transactions, each an outcome per run (or per call), in `transactionCheckNames`' order.
const transactionChecks = (
  { concurrency, progress, runs, seed, system }: CheckRun & { readonly system: Commands.System; readonly runs: number }
) => {
  const each = eachOf({ seed, concurrency, progress })
  const [createdName, lifecycleName, invalidName, unknownName] = transactionCheckNames
  // Amounts the card simulator authorizes (its declines start at 200001), from 2: a capture and a refund in parts.
  const amountsOf = fc.sample(fc.integer({ min: 2, max: 199_999 }), { numRuns: transactionRunsOf(runs), seed })
  return Effect.gen(function*() {
    const created = yield* each(createdName, amountsOf, (amount, index) => {
      const talk = transactionConversation(system)
      const form = paymentForms[index % paymentForms.length]!
      return converse(async () => {
        const { expected, method } = await paymentMethodOf(talk, form, testCards[index % testCards.length]!)
        const body = { amount, currency: "USD", intent: "authorize", payment_method: method, external_identifier: `t${index}` }
        const transaction = await talk.send(`create a transaction from a ${form}`, { method: "POST", path: "/transactions", body }, 201, "Transaction")
        same(`create a transaction from a ${form}`, {
          amount,
          currency: "USD",
          intent: "authorize",
          external_identifier: `t${index}`,
          ...amounts("authorization_succeeded", amount, 0, 0),
          ...expected
        }, transaction)
        const path = `/transactions/${transaction.id}`
        same("read it back", transaction, await talk.send("read it back", { method: "GET", path, body: undefined }, 200, "Transaction"))
        await talk.send("read it under another merchant account", { method: "GET", path, body: undefined, account: "other" }, 404)
        const listed = await talk.send(
          "find it by its id in the list",
          { method: "GET", path: `/transactions?id=${transaction.id}`, body: undefined },
          200,
          "TransactionSummaries"
        )
        same("find it by its id in the list", [transaction.id], listed.items.map((t: Wire) => t.id))
      })
    })

    const lifecycle = yield* each(lifecycleName, amountsOf, (amount, index) => {
      const talk = transactionConversation(system)
      const card = { method: "card", number: testCards[index % testCards.length], expiration_date: "12/99" }
      const create = (intent: string) =>
        talk.send(`create a transaction (${intent})`, {
          method: "POST",
          path: "/transactions",
          body: { amount, currency: "USD", intent, payment_method: card }
        }, 201, "Transaction")
      const get = (said: string, path: string, schema: AnswerSchema) =>
        talk.send(said, { method: "GET", path, body: undefined }, 200, schema)
      const post = (said: string, path: string, body: unknown, status: number, schema?: AnswerSchema) =>
        talk.send(said, { method: "POST", path, body }, status, schema)
      return converse(async () => {
        const transaction = await create("authorize")
        const path = `/transactions/${transaction.id}`
        const part = Math.floor(amount / 2)
        const first = await post(`capture ${part}`, `${path}/capture`, { amount: part, final: false }, 200, "Transaction")
        same(`capture ${part}`, amounts("capture_succeeded", amount, part, 0), first)
        const rest = await post("capture the rest", `${path}/capture`, {}, 200, "Transaction")
        same("capture the rest", amounts("capture_succeeded", amount, amount, 0), rest)
        const captures = await get("list its captures", `${path}/captures`, "CaptureCollection")
        same(
          "list its captures",
          [part, amount - part].toSorted(byAmount),
          captures.items.map((c: Wire) => c.amount).toSorted(byAmount)
        )

        const refundPart = Math.ceil(amount / 3)
        const refund = await post(`refund ${refundPart}`, `${path}/refunds`, { amount: refundPart, reason: "contract" }, 201, "Refund")
        same(`refund ${refundPart}`, {
          transaction_id: transaction.id,
          amount: refundPart,
          currency: "USD",
          status: "succeeded",
          reason: "contract"
        }, refund)
        same("read the refund", refund, await get("read the refund", `/refunds/${refund.id}`, "Refund"))
        same(
          "read the transaction's refund",
          refund,
          await get("read the transaction's refund", `${path}/refunds/${refund.id}`, "Refund")
        )
        const all = await post("refund the rest (refunds/all)", `${path}/refunds/all`, {}, 201, "Refunds")
        same("refund the rest (refunds/all)", [amount - refundPart], all.items.map((r: Wire) => r.amount))
        const refunds = await get("list its refunds", `${path}/refunds`, "Refunds")
        same(
          "list its refunds",
          [refund.id, all.items[0]?.id].toSorted(),
          refunds.items.map((r: Wire) => r.id).toSorted()
        )
        same("read it refunded", amounts("capture_succeeded", amount, amount, amount), await get("read it refunded", path, "Transaction"))
        await post("refund it again", `${path}/refunds`, {}, 400)
        const events = await get("list its events", `${path}/events`, "TransactionEvents")
        if (events.items.length === 0) throw new Broken({ message: `list its events: GET ${path}/events: no event` })

        const authorized = await create("authorize")
        const voided = await post("void it", `/transactions/${authorized.id}/void`, undefined, 200, "Transaction")
        same("void it", amounts("authorization_voided", amount, 0, 0), voided)
        await post("capture it after its void", `/transactions/${authorized.id}/capture`, {}, 400)
        const captured = await create("capture")
        same("create a transaction (capture)", amounts("capture_succeeded", amount, amount, 0), captured)
        await post("void it after its capture", `/transactions/${captured.id}/void`, undefined, 400)
      })
    })

    // Invalid bodies: a transaction to create, a capture and a refund of one authorized transaction.
    // (The fixtures cannot derive broken bodies of the whole TransactionCreate, a union of thirteen payment methods:
    // a transaction's broken bodies are these.)
    const invalidBodiesOf = fc.oneof(
      fc.constantFrom(...invalidTransactionBodies).map((m) => ({ ...m, target: "create" as const })),
      invalidBodies(TransactionCaptureCreate).map((m) => ({ ...m, target: "capture" as const })),
      invalidBodies(TransactionRefundCreate).map((m) => ({ ...m, target: "refunds" as const }))
    ).filter((m) => m.value !== undefined)
    const mutations = fc.sample(invalidBodiesOf, { numRuns: runs, seed })
    const target = yield* Effect.promise(() =>
      transactionConversation(system).send("create the transaction the invalid bodies name", {
        method: "POST",
        path: "/transactions",
        body: { amount: 1000, currency: "USD", payment_method: { method: "card", number: testCards[0], expiration_date: "12/99" } }
      }, 201).catch(() => undefined)
    )
    const invalid = yield* each(invalidName, mutations, (mutation) => {
      const talk = transactionConversation(system)
      const path = mutation.target === "create" ? "/transactions" : `/transactions/${target?.id ?? randomUUID()}/${mutation.target}`
      return converse(async () => {
        const answer = await talk.send(`invalid ${mutation.target} broken at ${mutation.pointer || "(body)"}`, {
          method: "POST",
          path,
          body: mutation.value
        }, 400)
        const pointers = ((answer?.details ?? []) as ReadonlyArray<Wire>).map((detail) => detail.pointer)
        if (!pointers.includes(mutation.pointer)) {
          throw new Broken({
            message: `invalid ${mutation.target} broken at ${mutation.pointer}: 400 without the broken field's pointer`,
            expected: { status: 400, pointer: mutation.pointer },
            actual: pointers
          })
        }
      })
    })

    const unknown = yield* each(unknownName, unknownTransactionCalls, ([method, path, body]) => {
      const talk = transactionConversation(system)
      return converse(async () => {
        await talk.send("an unknown id", { method, path: path(randomUUID()), body }, 404)
      })
    })
    return [
      tally(createdName, created),
      tally(lifecycleName, lifecycle),
      tally(invalidName, invalid),
      tally(unknownName, unknown)
    ]
  })
}

/**
 * Runs every check against `options.server`, on `fetch`.
 *
 * @category runner
 * @since 0.1.0
 */
export const run = (options: ContractOptions): Promise<ContractReport> =>
  Effect.runPromise(runEffect(options).pipe(Effect.provide(FetchHttpClient.layer)))

/**
 * The summary table of a report.
 *
 * @category output
 * @since 0.1.0
 */
export const summary = (report: ContractReport): string => {
  const width = Math.max(...report.checks.map((c) => c.name.length))
  const account = report.merchantAccountId === undefined ? "" : `, merchant account ${report.merchantAccountId}`
  const lines = [`contract of ${report.server} (seed ${report.seed}, ${report.runs} runs${account})`, ""]
  lines.push(`${"check".padEnd(width)}  passed  failed`)
  for (const check of report.checks) {
    lines.push(`${check.name.padEnd(width)}  ${String(check.passed).padStart(6)}  ${String(check.failed).padStart(6)}${check.skipped ? `  (skipped: ${check.skipped})` : ""}`)
  }
  lines.push("")
  if (report.mismatches.length === 0) lines.push("no mismatch: the server honours the contract")
  else {
    lines.push(`${report.mismatches.length} mismatch${report.mismatches.length === 1 ? "" : "es"}:`)
    for (const m of report.mismatches.slice(0, 20)) lines.push(`  [${m.check}] run ${m.index}: ${m.message}`)
    if (report.mismatches.length > 20) lines.push(`  … and ${report.mismatches.length - 20} more (see the report file)`)
  }
  return lines.join("\n")
}
