/**
 * The typed client of the Checkout Sessions API, derived from the domain's
 * `HttpApi` contract (`HttpApiClient`), as an Effect service with a Layer.
 *
 * Configured like the official SDK: a `sandbox` or `production` server with a
 * Gr4vy instance id, or any base URL (such as the mock server's); a merchant
 * account; and the merchant's private key, from which every request is signed
 * (a JWT, ES512 for Gr4vy's usual P-521 key, RS256 for an RSA key; cached until
 * shortly before it expires). The browser-facing calls (`updateFields`,
 * `cardDetails`) are sent without a token, as the contract declares. Calls time out and are
 * retried as `Resilience` describes, and fail with the tagged errors of
 * `Errors`.
 *
 * Besides the checkout sessions (the service's own methods), the payments
 * resources each have a namespace: `merchantAccounts` (with their 3-D Secure
 * configurations), `paymentServices` (with the definitions Gr4vy offers),
 * `buyers` (with their shipping details and stored payment methods),
 * `paymentMethods` and `transactions` (with their captures, voids, refunds
 * and events). Lists take camelCase filters and a page (`cursor`,
 * `limit`) and answer one page: `items` and the `nextCursor` /
 * `previousCursor` to ask for the next.
 *
 * @since 0.1.0
 */
import { Api } from "@checkout-kit/domain/api/Api"
import { Authorization } from "@checkout-kit/domain/api/Authorization"
import { merchantAccountHeader } from "@checkout-kit/domain/api/CheckoutSessions"
import { ShippingDetailsCreate } from "@checkout-kit/domain/Buyer"
import {
  type Buyer,
  BuyerCreate,
  type Buyers,
  BuyerUpdate,
  type ShippingDetails,
  type ShippingDetailsList,
  ShippingDetailsUpdate
} from "@checkout-kit/domain/BuyerResource"
import { type CheckoutSession, CheckoutSessionUpdate } from "@checkout-kit/domain/CheckoutSession"
import * as DomainErrors from "@checkout-kit/domain/Errors"
import {
  type MerchantAccount,
  MerchantAccountCreate,
  type MerchantAccounts,
  type MerchantAccountThreeDSConfiguration,
  MerchantAccountThreeDSConfigurationCreate,
  type MerchantAccountThreeDSConfigurations,
  MerchantAccountThreeDSConfigurationUpdate,
  MerchantAccountUpdate
} from "@checkout-kit/domain/MerchantAccount"
import {
  type CheckoutSessionCardDetails,
  CheckoutSessionCardDetailsRequest,
  CheckoutSessionSecureFields
} from "@checkout-kit/domain/PaymentMethod"
import {
  type PaymentMethod,
  PaymentMethodCreate,
  type PaymentMethods,
  type PaymentMethodStatus,
  type PaymentMethodSummaries,
  PaymentMethodUpdate
} from "@checkout-kit/domain/PaymentMethodResource"
import {
  type Method,
  type PaymentService,
  PaymentServiceCreate,
  type PaymentServiceDefinition,
  type PaymentServiceDefinitions,
  type PaymentServices,
  PaymentServiceUpdate
} from "@checkout-kit/domain/PaymentService"
import { snakeCase } from "@checkout-kit/domain/Primitives"
import {
  type Refund,
  type Refunds,
  TransactionRefundAllCreate,
  TransactionRefundCreate
} from "@checkout-kit/domain/Refund"
import {
  type Transaction,
  type TransactionStatus,
  type TransactionSummaries,
  TransactionUpdate
} from "@checkout-kit/domain/Transaction"
import {
  type CaptureCollection,
  type TransactionCapture,
  TransactionCaptureCreate,
  type TransactionVoid
} from "@checkout-kit/domain/TransactionCapture"
import { TransactionCreate } from "@checkout-kit/domain/TransactionCreate"
import type { TransactionEvents } from "@checkout-kit/domain/TransactionEvent"
import { issueToDetails, parsePointer, toPointer } from "@checkout-kit/domain/Validation"
import { Context, Effect, Layer, Schema } from "effect"
import { FetchHttpClient, HttpClient, HttpClientError, HttpClientRequest, type HttpClientResponse } from "effect/http"
import { HttpApiClient, HttpApiMiddleware } from "effect/http-api"
import { type ApiError, BadRequest, type CheckoutKitError, fromStatus, Timeout, TransportError } from "./Errors.ts"
import * as Resilience from "./Resilience.ts"
import * as TokenSigner from "./TokenSigner.ts"

/**
 * @category models
 * @since 0.1.0
 */
export interface ClientOptions {
  /** `sandbox` or `production` with `id` (the Gr4vy instance), or `baseUrl`. */
  readonly server?: "sandbox" | "production" | undefined
  readonly id?: string | undefined
  /** Any base URL, e.g. the mock server's `http://127.0.0.1:4010`; wins over `server`. */
  readonly baseUrl?: string | undefined
  /** Sent as `x-gr4vy-merchant-account-id`; absent means the account `default`. */
  readonly merchantAccountId?: string | undefined
  /** The merchant's private key (PEM) to sign requests with: ECDSA P-256/384/521 or RSA. */
  readonly privateKey?: string | undefined
  /** For an RSA key: `RS256` (default), `RS384` or `RS512`. */
  readonly algorithm?: string | undefined
  /** Scopes of the signed tokens; default `*.read`, `*.write`. */
  readonly scopes?: ReadonlyArray<string> | undefined
  /** A ready bearer token, instead of a private key. */
  readonly token?: string | undefined
  readonly retry?: Partial<Resilience.RetryOptions> | undefined
  /** Extra headers on every request (e.g. `prefer: code=503` against the mock server). */
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/**
 * The base URL for a configuration: `https://api.sandbox.{id}.gr4vy.app`,
 * `https://api.{id}.gr4vy.app`, or `baseUrl`.
 *
 * @category configuration
 * @since 0.1.0
 */
export const baseUrlOf = (options: ClientOptions): string => {
  if (options.baseUrl !== undefined) return options.baseUrl.replace(/\/+$/, "")
  if (options.id === undefined) throw new Error("Set baseUrl, or server and id (the Gr4vy instance id)")
  return options.server === "production" ? `https://api.${options.id}.gr4vy.app` : `https://api.sandbox.${options.id}.gr4vy.app`
}

// A body that fails the contract before it is sent: the details the server would answer, in wire names.
const contractViolation = (error: Schema.SchemaError) =>
  new BadRequest(DomainErrors.makeErrorBody(
    400,
    "The request does not satisfy the contract",
    issueToDetails(error.issue, undefined).map((detail) => ({
      ...detail,
      pointer: toPointer(parsePointer(detail.pointer).map((token) => snakeCase(token)))
    }))
  ))

// Validates a body against its schema with every error collected, before the call encodes it.
const preflight = <S extends Schema.Top & { readonly EncodingServices: never }>(schema: S, value: S["Type"]) =>
  Effect.mapError(Schema.encodeUnknownEffect(schema)(value, { errors: "all" }), contractViolation)

// The error for an answer the contract did not decode (a status it does not declare, a 429 kept for its
// Retry-After): the domain's class for the status, with the answer's body when it is the API's error shape.
const fromResponse = (response: HttpClientResponse.HttpClientResponse) => {
  const wait = Resilience.retryAfterMillis(response.headers["retry-after"])
  const retryAfterSeconds = wait === undefined ? undefined : wait / 1000
  return Effect.match(response.json, {
    onFailure: () => fromStatus(response.status, undefined, retryAfterSeconds),
    onSuccess: (body) => fromStatus(response.status, body, retryAfterSeconds)
  })
}

/**
 * The client error for whatever a contract call failed with: the domain's
 * error class for an answer in the API's error shape (whatever its status),
 * `Timeout` or `TransportError` when there was no answer.
 *
 * @category errors
 * @since 0.1.0
 */
export const toClientError = (error: unknown): Effect.Effect<CheckoutKitError> => {
  for (const ErrorClass of DomainErrors.ApiErrors as ReadonlyArray<(typeof DomainErrors.ApiErrors)[number]>) {
    if (error instanceof ErrorClass) {
      const e = error as ApiError
      // A body without `status` or `code` (the API's defaults) gets those of its class.
      if (e.status !== undefined && e.code !== undefined) return Effect.succeed(e)
      const status = ErrorClass.ast.annotations?.httpApiStatus as number
      return Effect.succeed(fromStatus(status, { message: e.message, details: e.details }))
    }
  }
  if (error instanceof HttpClientError.HttpClientError) {
    const reason = error.reason
    const response = reason._tag === "StatusCodeError" || reason._tag === "DecodeError" ? reason.response : undefined
    if (response !== undefined && response.status >= 400) return fromResponse(response)
    if (reason.cause instanceof Timeout) return Effect.succeed(reason.cause)
    if (reason.cause instanceof TransportError) return Effect.succeed(reason.cause)
    return Effect.succeed(new TransportError({ message: error.message }))
  }
  if (Schema.isSchemaError(error)) return Effect.succeed(contractViolation(error))
  const message = String((error as { message?: string } | undefined)?.message ?? error)
  return Effect.succeed(new TransportError({ message: `The answer did not match the contract: ${message}` }))
}

const call = <A>(effect: Effect.Effect<A, unknown>) =>
  Effect.catch(effect, (error) => Effect.flatMap(toClientError(error), Effect.fail))

type Call<A> = Effect.Effect<A, CheckoutKitError>

/**
 * A page of a list: `cursor` (a page's `nextCursor` or `previousCursor`) and
 * `limit` (1 to 100, the server's default 20).
 *
 * @category models
 * @since 0.2.0
 */
export interface PageOptions {
  readonly cursor?: string | undefined
  readonly limit?: number | undefined
}

/**
 * `merchantAccounts`: the accounts (`/merchant-accounts`) and their 3-D
 * Secure configurations. These calls name the account in the path; the
 * client's `merchantAccountId` is not sent with them.
 *
 * @category models
 * @since 0.2.0
 */
export interface MerchantAccountsClient {
  readonly create: (body: MerchantAccountCreate) => Call<MerchantAccount>
  readonly get: (id: string) => Call<MerchantAccount>
  readonly list: (
    options?: PageOptions & { readonly search?: string | undefined }
  ) => Call<typeof MerchantAccounts.Type>
  readonly update: (id: string, body: MerchantAccountUpdate) => Call<MerchantAccount>
  readonly threeDSConfigurations: {
    readonly list: (
      merchantAccountId: string,
      options?: { readonly currency?: string | undefined }
    ) => Call<typeof MerchantAccountThreeDSConfigurations.Type>
    readonly create: (
      merchantAccountId: string,
      body: MerchantAccountThreeDSConfigurationCreate
    ) => Call<MerchantAccountThreeDSConfiguration>
    readonly update: (
      merchantAccountId: string,
      id: string,
      body: MerchantAccountThreeDSConfigurationUpdate
    ) => Call<MerchantAccountThreeDSConfiguration>
    readonly delete: (merchantAccountId: string, id: string) => Call<void>
  }
}

/**
 * `paymentServices`: the merchant account's configured connectors, and the
 * definitions Gr4vy offers (`definitions`).
 *
 * @category models
 * @since 0.2.0
 */
export interface PaymentServicesClient {
  readonly create: (body: PaymentServiceCreate) => Call<PaymentService>
  readonly get: (id: string) => Call<PaymentService>
  readonly list: (
    options?: PageOptions & { readonly method?: Method | undefined; readonly deleted?: boolean | undefined }
  ) => Call<typeof PaymentServices.Type>
  readonly update: (id: string, body: PaymentServiceUpdate) => Call<PaymentService>
  readonly delete: (id: string) => Call<void>
  readonly definitions: {
    readonly list: (options?: PageOptions) => Call<typeof PaymentServiceDefinitions.Type>
    readonly get: (id: string) => Call<PaymentServiceDefinition>
  }
}

/**
 * The filters of a buyer's stored payment methods: whose (`buyerId` or
 * `buyerExternalIdentifier`), in what order, for what country and currency.
 *
 * @category models
 * @since 0.2.0
 */
export interface BuyerPaymentMethodsOptions {
  readonly buyerId?: string | undefined
  readonly buyerExternalIdentifier?: string | undefined
  readonly sortBy?: "last_used_at" | "usage_count" | "cit_last_used_at" | "cit_usage_count" | undefined
  readonly orderBy?: "asc" | "desc" | undefined
  readonly country?: string | undefined
  readonly currency?: string | undefined
}

/**
 * `buyers`: the merchant account's stored buyers, their shipping details
 * (`shippingDetails`) and their stored payment methods (`paymentMethods`).
 *
 * @category models
 * @since 0.2.0
 */
export interface BuyersClient {
  readonly create: (body?: BuyerCreate) => Call<Buyer>
  readonly get: (id: string) => Call<Buyer>
  readonly list: (
    options?: PageOptions & {
      readonly search?: string | undefined
      readonly externalIdentifier?: string | undefined
    }
  ) => Call<typeof Buyers.Type>
  readonly update: (id: string, body: BuyerUpdate) => Call<Buyer>
  readonly delete: (id: string) => Call<void>
  readonly paymentMethods: (options: BuyerPaymentMethodsOptions) => Call<typeof PaymentMethodSummaries.Type>
  readonly shippingDetails: {
    readonly list: (buyerId: string) => Call<typeof ShippingDetailsList.Type>
    readonly create: (buyerId: string, body: ShippingDetailsCreate) => Call<ShippingDetails>
    readonly get: (buyerId: string, id: string) => Call<ShippingDetails>
    readonly update: (buyerId: string, id: string, body: ShippingDetailsUpdate) => Call<ShippingDetails>
    readonly delete: (buyerId: string, id: string) => Call<void>
  }
}

/**
 * `paymentMethods`: the merchant account's stored payment methods. `create`
 * stores a card (`{ method: "card", number, expirationDate, securityCode? }`,
 * the number and security code `Redacted`), the card of a checkout session
 * (`{ method: "checkout-session", id }`) or any other form the contract
 * takes.
 *
 * @category models
 * @since 0.2.0
 */
export interface PaymentMethodsClient {
  readonly create: (body: PaymentMethodCreate) => Call<PaymentMethod>
  readonly get: (id: string) => Call<PaymentMethod>
  readonly list: (
    options?: PageOptions & {
      readonly buyerId?: string | undefined
      readonly buyerExternalIdentifier?: string | undefined
      readonly status?: ReadonlyArray<PaymentMethodStatus> | undefined
      readonly externalIdentifier?: string | undefined
    }
  ) => Call<typeof PaymentMethods.Type>
  readonly update: (id: string, body: PaymentMethodUpdate) => Call<PaymentMethod>
  readonly delete: (id: string) => Call<void>
}

/**
 * The options of a call that may be sent again: its `Idempotency-Key` (1 to
 * 255 characters). A request sent again with the same key is answered as the
 * first was, whatever its body.
 *
 * @category models
 * @since 0.4.0
 */
export interface IdempotencyOptions {
  readonly idempotencyKey?: string | undefined
}

/**
 * The filters of `transactions.list` the client names (the contract has more:
 * see `TransactionsQuery` of the domain).
 *
 * @category models
 * @since 0.4.0
 */
export interface TransactionListOptions extends PageOptions {
  readonly status?: ReadonlyArray<TransactionStatus> | undefined
  readonly buyerId?: string | undefined
  readonly buyerExternalIdentifier?: string | undefined
  readonly externalIdentifier?: string | undefined
  readonly currency?: ReadonlyArray<string> | undefined
  readonly paymentMethodId?: string | undefined
  readonly checkoutSessionId?: string | undefined
  readonly hasRefunds?: boolean | undefined
  readonly search?: string | undefined
}

/**
 * `transactions`: the merchant account's transactions and what follows them.
 * `create` pays with a card (`{ method: "card", number, expirationDate,
 * securityCode? }`, `Redacted`), a checkout session's card (`{ method:
 * "checkout-session", id }`) or a stored payment method (`{ method: "id", id
 * }`); a declined or failed authorization is a transaction all the same (its
 * `status` and `errorCode` say so), not an error. `capture` and `void` answer
 * the operation (`Prefer: resource=transaction-capture` /
 * `transaction-void`): its `status` (`succeeded`, `declined`, `failed`, …),
 * codes and the `transaction` as it now stands. `refund` refunds part or what
 * is left, `refundAll` everything; `getRefund` reads a refund by its id alone.
 *
 * @category models
 * @since 0.4.0
 */
export interface TransactionsClient {
  readonly create: (body: TransactionCreate, options?: IdempotencyOptions) => Call<Transaction>
  readonly get: (id: string) => Call<Transaction>
  readonly list: (options?: TransactionListOptions) => Call<typeof TransactionSummaries.Type>
  readonly update: (id: string, body: TransactionUpdate) => Call<Transaction>
  readonly capture: (id: string, body?: TransactionCaptureCreate) => Call<TransactionCapture>
  readonly void: (id: string) => Call<TransactionVoid>
  readonly refund: (id: string, body?: TransactionRefundCreate, options?: IdempotencyOptions) => Call<Refund>
  readonly refundAll: (id: string, body?: TransactionRefundAllCreate, options?: IdempotencyOptions) => Call<Refunds>
  readonly listRefunds: (id: string) => Call<Refunds>
  readonly getRefund: (refundId: string) => Call<Refund>
  readonly captures: (id: string) => Call<CaptureCollection>
  readonly events: (id: string, options?: PageOptions) => Call<TransactionEvents>
}

/**
 * @category services
 * @since 0.1.0
 */
export class CheckoutKitClient extends Context.Service<CheckoutKitClient, {
  readonly create: (body?: CheckoutSessionUpdate) => Effect.Effect<CheckoutSession, CheckoutKitError>
  readonly get: (id: string) => Effect.Effect<CheckoutSession, CheckoutKitError>
  readonly update: (id: string, body: CheckoutSessionUpdate) => Effect.Effect<CheckoutSession, CheckoutKitError>
  readonly delete: (id: string) => Effect.Effect<void, CheckoutKitError>
  readonly updateFields: (id: string, fields: CheckoutSessionSecureFields) => Effect.Effect<void, CheckoutKitError>
  readonly cardDetails: (id: string, bin: string) => Effect.Effect<CheckoutSessionCardDetails, CheckoutKitError>
  readonly merchantAccounts: MerchantAccountsClient
  readonly paymentServices: PaymentServicesClient
  readonly buyers: BuyersClient
  readonly paymentMethods: PaymentMethodsClient
  readonly transactions: TransactionsClient
}>()("@checkout-kit/client/CheckoutKitClient") {
  /**
   * The client, on `fetch`.
   */
  static readonly layer = (options: ClientOptions) =>
    Layer.effect(CheckoutKitClient, make(options)).pipe(Layer.provide(FetchHttpClient.layer))
}

// The bearer token of every signed request: from the private key, or the ready token; none without either.
const bearer = (options: ClientOptions) => {
  const signer = options.privateKey === undefined
    ? undefined
    : TokenSigner.make(options.privateKey, { scopes: options.scopes, algorithm: options.algorithm })
  return (request: HttpClientRequest.HttpClientRequest) => {
    if (signer === undefined) {
      return Effect.succeed(options.token === undefined ? request : HttpClientRequest.bearerToken(request, options.token))
    }
    return Effect.map(
      Effect.tryPromise({
        try: () => signer.token(),
        catch: (e) =>
          new HttpClientError.HttpClientError({
            reason: new HttpClientError.TransportError({
              request,
              cause: new TransportError({ message: `Could not sign the request: ${(e as Error).message}` })
            })
          })
      }),
      (token) => HttpClientRequest.bearerToken(request, token)
    )
  }
}

// The merchant account and extra headers, then the timeouts and retries, on every request.
const transport = (options: ClientOptions) => (httpClient: HttpClient.HttpClient) =>
  httpClient.pipe(
    HttpClient.mapRequest(HttpClientRequest.setHeaders({
      ...options.headers,
      ...(options.merchantAccountId === undefined ? {} : { [merchantAccountHeader]: options.merchantAccountId })
    })),
    Resilience.withRetries({ ...Resilience.defaultRetryOptions, ...options.retry })
  )

/**
 * The `HttpClient` in context as the typed client sends: the base URL, the
 * merchant account, the extra headers, a bearer token on every request, the
 * timeouts and retries. For requests the typed client would not send (a body
 * the contract refuses, for the contract runner).
 *
 * @category constructors
 * @since 0.2.0
 */
export const httpClient = (options: ClientOptions) =>
  Effect.map(HttpClient.HttpClient, (client) =>
    transport(options)(client).pipe(
      HttpClient.mapRequestEffect(bearer(options)),
      HttpClient.mapRequest(HttpClientRequest.prependUrl(baseUrlOf(options)))
    ))

/**
 * The client service, on the `HttpClient` in context.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (options: ClientOptions) =>
  Effect.gen(function*() {
    const sign = bearer(options)
    // Only the calls that declare the `Authorization` middleware carry a token.
    const authorization = HttpApiMiddleware.layerClient(
      Authorization,
      ({ next, request }) => Effect.flatMap(sign(request), next)
    )
    const client = yield* HttpApiClient.make(Api, { baseUrl: baseUrlOf(options), transformClient: transport(options) })
      .pipe(Effect.provide(authorization))
    // The merchant-accounts calls name the account in their path and declare no merchant header: none is sent.
    const accounts = yield* HttpApiClient.group(Api, {
      group: "merchantAccounts",
      httpClient: transport({ ...options, merchantAccountId: undefined })(yield* HttpClient.HttpClient),
      baseUrl: baseUrlOf(options)
    }).pipe(Effect.provide(authorization))
    const sessions = client.checkoutSessions
    return CheckoutKitClient.of({
      merchantAccounts: merchantAccountsClient(accounts),
      paymentServices: paymentServicesClient(client.paymentServices),
      buyers: buyersClient(client.buyers),
      paymentMethods: paymentMethodsClient(client.paymentMethods),
      transactions: transactionsClient(client.transactions),
      create: (body = {}) =>
        Effect.andThen(preflight(CheckoutSessionUpdate, body), call(sessions.create({ payload: body, headers: {} }))),
      get: (id) => call(sessions.get({ params: { session_id: id }, headers: {} })),
      update: (id, body) =>
        Effect.andThen(
          preflight(CheckoutSessionUpdate, body),
          call(sessions.update({ params: { session_id: id }, payload: body, headers: {} }))
        ),
      delete: (id) => call(sessions.delete({ params: { session_id: id }, headers: {} })),
      updateFields: (id, fields) =>
        Effect.andThen(
          preflight(CheckoutSessionSecureFields, fields),
          call(sessions.updateFields({ params: { session_id: id }, headers: {}, payload: fields }))
        ),
      cardDetails: (id, bin) =>
        Effect.andThen(
          preflight(CheckoutSessionCardDetailsRequest, { bin }),
          call(sessions.cardDetails({ params: { session_id: id }, headers: {}, payload: { bin } }))
        )
    })
  })

// A query without its absent keys: the contract's query keys are optional, not `undefined`.
const query = <A extends Record<string, unknown>>(fields: A) =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    [K in keyof A]?: Exclude<A[K], undefined>
  }

// A body checked against its schema, then sent.
const send = <S extends Schema.Top & { readonly EncodingServices: never }, A>(
  schema: S,
  body: S["Type"],
  request: Effect.Effect<A, unknown>
) => Effect.andThen(preflight(schema, body), call(request))

const page = (options: PageOptions = {}) => query({ cursor: options.cursor, limit: options.limit })

type ApiClient = HttpApiClient.ForApi<typeof Api>

const merchantAccountsClient = (group: ApiClient["merchantAccounts"]): MerchantAccountsClient => ({
  create: (body) => send(MerchantAccountCreate, body, group.createMerchantAccount({ headers: {}, payload: body })),
  get: (id) => call(group.getMerchantAccount({ headers: {}, params: { merchant_account_id: id } })),
  list: (options = {}) =>
    call(group.listMerchantAccounts({
      headers: {},
      query: { ...page(options), ...query({ search: options.search }) }
    })),
  update: (id, body) =>
    send(
      MerchantAccountUpdate,
      body,
      group.updateMerchantAccount({ headers: {}, params: { merchant_account_id: id }, payload: body })
    ),
  threeDSConfigurations: {
    list: (merchantAccountId, options = {}) =>
      call(group.listThreeDSConfigurations({
        headers: {},
        params: { merchant_account_id: merchantAccountId },
        query: query({ currency: options.currency })
      })),
    create: (merchantAccountId, body) =>
      send(
        MerchantAccountThreeDSConfigurationCreate,
        body,
        group.createThreeDSConfiguration({
          headers: {},
          params: { merchant_account_id: merchantAccountId },
          payload: body
        })
      ),
    update: (merchantAccountId, id, body) =>
      send(
        MerchantAccountThreeDSConfigurationUpdate,
        body,
        group.updateThreeDSConfiguration({
          headers: {},
          params: { merchant_account_id: merchantAccountId, three_ds_configuration_id: id },
          payload: body
        })
      ),
    delete: (merchantAccountId, id) =>
      call(group.deleteThreeDSConfiguration({
        headers: {},
        params: { merchant_account_id: merchantAccountId, three_ds_configuration_id: id }
      }))
  }
})

const paymentServicesClient = (group: ApiClient["paymentServices"]): PaymentServicesClient => ({
  create: (body) => send(PaymentServiceCreate, body, group.createPaymentService({ headers: {}, payload: body })),
  get: (id) => call(group.getPaymentService({ params: { payment_service_id: id }, headers: {} })),
  list: (options = {}) =>
    call(group.listPaymentServices({
      headers: {},
      query: {
        ...page(options),
        ...query({
          method: options.method,
          deleted: options.deleted === undefined ? undefined : options.deleted ? "true" as const : "false" as const
        })
      }
    })),
  update: (id, body) =>
    send(
      PaymentServiceUpdate,
      body,
      group.updatePaymentService({ params: { payment_service_id: id }, headers: {}, payload: body })
    ),
  delete: (id) => call(group.deletePaymentService({ params: { payment_service_id: id }, headers: {} })),
  definitions: {
    list: (options) => call(group.listPaymentServiceDefinitions({ headers: {}, query: page(options) })),
    get: (id) => call(group.getPaymentServiceDefinition({ headers: {}, params: { payment_service_definition_id: id } }))
  }
})

const buyersClient = (group: ApiClient["buyers"]): BuyersClient => ({
  create: (body = {}) => send(BuyerCreate, body, group.addBuyer({ headers: {}, payload: body })),
  get: (id) => call(group.getBuyer({ params: { buyer_id: id }, headers: {} })),
  list: (options = {}) =>
    call(group.listBuyers({
      headers: {},
      query: { ...page(options), ...query({ search: options.search, external_identifier: options.externalIdentifier }) }
    })),
  update: (id, body) =>
    send(BuyerUpdate, body, group.updateBuyer({ params: { buyer_id: id }, headers: {}, payload: body })),
  delete: (id) => call(group.deleteBuyer({ params: { buyer_id: id }, headers: {} })),
  paymentMethods: (options) =>
    call(group.listBuyerPaymentMethods({
      headers: {},
      query: query({
        buyer_id: options.buyerId,
        buyer_external_identifier: options.buyerExternalIdentifier,
        sort_by: options.sortBy,
        order_by: options.orderBy,
        country: options.country,
        currency: options.currency
      })
    })),
  shippingDetails: {
    list: (buyerId) => call(group.listBuyerShippingDetails({ params: { buyer_id: buyerId }, headers: {} })),
    create: (buyerId, body) =>
      send(
        ShippingDetailsCreate,
        body,
        group.addBuyerShippingDetails({ params: { buyer_id: buyerId }, headers: {}, payload: body })
      ),
    get: (buyerId, id) =>
      call(group.getBuyerShippingDetails({ params: { buyer_id: buyerId, shipping_details_id: id }, headers: {} })),
    update: (buyerId, id, body) =>
      send(
        ShippingDetailsUpdate,
        body,
        group.updateBuyerShippingDetails({
          params: { buyer_id: buyerId, shipping_details_id: id },
          headers: {},
          payload: body
        })
      ),
    delete: (buyerId, id) =>
      call(group.deleteBuyerShippingDetails({ params: { buyer_id: buyerId, shipping_details_id: id }, headers: {} }))
  }
})

const paymentMethodsClient = (group: ApiClient["paymentMethods"]): PaymentMethodsClient => ({
  create: (body) => send(PaymentMethodCreate, body, group.createPaymentMethod({ headers: {}, payload: body })),
  get: (id) => call(group.getPaymentMethod({ params: { payment_method_id: id }, headers: {} })),
  list: (options = {}) =>
    call(group.listPaymentMethods({
      headers: {},
      query: {
        ...page(options),
        ...query({
          buyer_id: options.buyerId,
          buyer_external_identifier: options.buyerExternalIdentifier,
          status: options.status,
          external_identifier: options.externalIdentifier
        })
      }
    })),
  update: (id, body) =>
    send(
      PaymentMethodUpdate,
      body,
      group.updatePaymentMethod({ params: { payment_method_id: id }, headers: {}, payload: body })
    ),
  delete: (id) => call(group.deletePaymentMethod({ params: { payment_method_id: id }, headers: {} }))
})

const idempotent = (options: IdempotencyOptions = {}) =>
  options.idempotencyKey === undefined ? {} : { "idempotency-key": options.idempotencyKey }

// What a capture or void answers: the operation (its outcome and the transaction), not the transaction alone.
const operation = <A>(wrapper: string, answer: Effect.Effect<Transaction | A, CheckoutKitError>) =>
  Effect.flatMap(answer, (value) =>
    (value as { readonly type?: string }).type === "transaction"
      ? Effect.fail(new TransportError({ message: `The server answered the transaction, not the ${wrapper} asked for` }))
      : Effect.succeed(value as A))

const transactionsClient = (group: ApiClient["transactions"]): TransactionsClient => ({
  create: (body, options) =>
    send(TransactionCreate, body, group.createTransaction({ headers: idempotent(options), payload: body })),
  get: (id) => call(group.getTransaction({ params: { transaction_id: id }, headers: {} })),
  list: (options = {}) =>
    call(group.listTransactions({
      headers: {},
      query: {
        ...page(options),
        ...query({
          status: options.status,
          buyer_id: options.buyerId,
          buyer_external_identifier: options.buyerExternalIdentifier,
          external_identifier: options.externalIdentifier,
          currency: options.currency,
          payment_method_id: options.paymentMethodId,
          checkout_session_id: options.checkoutSessionId,
          has_refunds: options.hasRefunds,
          search: options.search
        })
      }
    })),
  update: (id, body) =>
    send(TransactionUpdate, body, group.updateTransaction({ params: { transaction_id: id }, headers: {}, payload: body })),
  capture: (id, body = {}) =>
    operation<TransactionCapture>(
      "transaction-capture",
      send(
        TransactionCaptureCreate,
        body,
        group.captureTransaction({
          params: { transaction_id: id },
          headers: { prefer: "resource=transaction-capture" },
          payload: body
        })
      )
    ),
  void: (id) =>
    operation<TransactionVoid>(
      "transaction-void",
      call(group.voidTransaction({ params: { transaction_id: id }, headers: { prefer: "resource=transaction-void" } }))
    ),
  refund: (id, body = {}, options) =>
    send(
      TransactionRefundCreate,
      body,
      group.createTransactionRefund({ params: { transaction_id: id }, headers: idempotent(options), payload: body })
    ),
  refundAll: (id, body, options) =>
    body === undefined
      ? call(group.createFullTransactionRefund({
        params: { transaction_id: id },
        headers: idempotent(options),
        payload: null
      }))
      : send(
        TransactionRefundAllCreate,
        body,
        group.createFullTransactionRefund({ params: { transaction_id: id }, headers: idempotent(options), payload: body })
      ),
  listRefunds: (id) => call(group.listTransactionRefunds({ params: { transaction_id: id }, headers: {} })),
  getRefund: (refundId) => call(group.getRefund({ params: { refund_id: refundId }, headers: {} })),
  captures: (id) => call(group.listTransactionCaptures({ params: { transaction_id: id }, headers: {} })),
  events: (id, options) =>
    call(group.listTransactionEvents({ params: { transaction_id: id }, headers: {}, query: page(options) }))
})
