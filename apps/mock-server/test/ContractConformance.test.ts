/**
 * The served contract, endpoint by endpoint: every endpoint of `Api` is driven
 * over HTTP with valid requests and invalid ones, and every answer must be one
 * the endpoint declares — its status among the declared success (2xx) or error
 * statuses, its body decoded by the declared schema of that status (unknown
 * keys refused). The endpoints still on `handleRaw` (`create`, `update`,
 * `updateFields`, `createTransaction`) are also held to their declared payload: the schema the
 * strict decoder is compiled from is the endpoint's, and both decode alike.
 */
import { Api } from "@checkout-kit/domain/api/Api"
import { CheckoutSessionUpdate } from "@checkout-kit/domain/CheckoutSession"
import { makeErrorBody } from "@checkout-kit/domain/Errors"
import { CheckoutSessionSecureFields } from "@checkout-kit/domain/PaymentMethod"
import * as StrictDecoder from "@checkout-kit/domain/StrictDecoder"
import { TransactionCreate } from "@checkout-kit/domain/TransactionCreate"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Exit, Schema, SchemaAST } from "effect"
import { HttpApiSchema } from "effect/http-api"
import type { HttpApiEndpoint } from "effect/http-api"
import { makeKeyPair, signToken } from "./support/keys.ts"
import { startServer, type TestServer } from "./support/server.ts"

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())

interface Answer {
  readonly status: number
  readonly contentType: string
  readonly text: string
}

// One request; the answer's status, content type and body text. A stream (`/_mock/events`) is read to its first
// chunk, then left.
const send = async (
  method: string,
  path: string,
  options: {
    readonly body?: unknown
    readonly raw?: string
    readonly headers?: Record<string, string>
    /** Another server's URL. */
    readonly url?: string
  } = {}
): Promise<Answer> => {
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
  const headers = { ...(body === undefined ? {} : { "content-type": "application/json" }), ...options.headers }
  const controller = new AbortController()
  const response = await fetch(`${options.url ?? server.url}${path}`, {
    method,
    headers,
    signal: controller.signal,
    ...(body === undefined ? {} : { body })
  })
  const contentType = response.headers.get("content-type") ?? ""
  if (contentType.startsWith("text/event-stream")) {
    const reader = response.body!.getReader()
    const first = await reader.read()
    controller.abort()
    return { status: response.status, contentType, text: new TextDecoder().decode(first.value) }
  }
  return { status: response.status, contentType, text: await response.text() }
}

const json = async (method: string, path: string, body?: unknown) => JSON.parse((await send(method, path, { body })).text)
const newSession = async (): Promise<string> => (await json("POST", "/checkout/sessions", {})).id
const newBuyer = async (): Promise<string> => (await json("POST", "/buyers", { display_name: "Ada" })).id
const newShipping = async (): Promise<[string, string]> => {
  const buyer = await newBuyer()
  return [buyer, (await json("POST", `/buyers/${buyer}/shipping-details`, { first_name: "Ada" })).id]
}
const storedCard = { method: "card", number: "4111111111111111", expiration_date: "12/40", security_code: "123" }
const newMethod = async (body: Record<string, unknown> = storedCard): Promise<string> =>
  (await json("POST", "/payment-methods", body)).id
const unknownId = "00000000-0000-4000-8000-000000000000"
const card = { method: "card", number: "4111111111111111", expiration_date: "12/40", security_code: "123" }

// The payment resources a case acts on, made fresh.
const newAccount = async (): Promise<string> => {
  const id = `acct-${Math.random().toString(36).slice(2, 10)}`
  await send("POST", "/merchant-accounts", { body: { id, display_name: id } })
  return id
}
const threeDS = {
  merchant_acquirer_bin: "516327",
  merchant_acquirer_id: "123456789012345",
  merchant_name: "Shop",
  merchant_country_code: "840",
  merchant_category_code: "5411",
  merchant_url: "https://shop.example",
  scheme: "visa",
  metadata: {}
}
const newThreeDS = async () => {
  const account = await newAccount()
  const { id } = await json("POST", `/merchant-accounts/${account}/three-ds-configurations`, threeDS)
  return `/merchant-accounts/${account}/three-ds-configurations/${id}`
}
const service = {
  display_name: "Cards",
  payment_service_definition_id: "mock-card",
  accepted_currencies: ["USD"],
  accepted_countries: ["US"],
  fields: [{ key: "merchant_id", value: "m" }]
}
const newService = async (): Promise<string> => (await json("POST", "/payment-services", service)).id

// Transactions on the card simulator: authorized (or captured) with a card posted directly.
const newTransaction = async (body: Record<string, unknown> = {}): Promise<string> =>
  (await json("POST", "/transactions", { amount: 1299, currency: "USD", payment_method: card, ...body })).id
const newCaptured = () => newTransaction({ intent: "capture" })
const transactionPath = async (suffix = "", body: Record<string, unknown> = {}) =>
  `/transactions/${await newTransaction(body)}${suffix}`
const capturedPath = async (suffix = "") => `/transactions/${await newCaptured()}${suffix}`

type Request = () => Promise<Answer>

interface Cases {
  readonly valid: ReadonlyArray<Request>
  /** Requests the endpoint must refuse, or (for one that takes no input) must answer whatever they carry. */
  readonly invalid: ReadonlyArray<Request>
}

// Requests an endpoint takes no input from: a query, a body and a header it does not declare.
const junk = (method: string, path: string): Array<Request> => [
  () => send(method, `${path}${path.includes("?") ? "&" : "?"}junk=1`),
  () => send(method, path, { headers: { "x-junk": "1" } })
]

const cases: Record<string, Record<string, Cases>> = {
  checkoutSessions: {
    create: {
      valid: [
        () => send("POST", "/checkout/sessions", { body: {} }),
        () => send("POST", "/checkout/sessions", { body: { expires_in: 3600, metadata: { order: "42" } } })
      ],
      invalid: [
        () => send("POST", "/checkout/sessions", { body: { cart_items: "many" } }),
        () => send("POST", "/checkout/sessions", { body: { unknown: 1 } }),
        () => send("POST", "/checkout/sessions", { raw: "{not json" })
      ]
    },
    get: {
      valid: [async () => send("GET", `/checkout/sessions/${await newSession()}`)],
      invalid: [() => send("GET", `/checkout/sessions/${unknownId}`), () => send("GET", "/checkout/sessions/not-a-uuid")]
    },
    update: {
      valid: [async () => send("PUT", `/checkout/sessions/${await newSession()}`, { body: { metadata: { a: "b" } } })],
      invalid: [
        () => send("PUT", `/checkout/sessions/${unknownId}`, { body: {} }),
        async () => send("PUT", `/checkout/sessions/${await newSession()}`, { body: { expires_in: "soon" } }),
        async () => send("PUT", `/checkout/sessions/${await newSession()}`, { raw: "" })
      ]
    },
    delete: {
      valid: [async () => send("DELETE", `/checkout/sessions/${await newSession()}`)],
      invalid: [() => send("DELETE", `/checkout/sessions/${unknownId}`)]
    },
    updateFields: {
      valid: [async () =>
        send("PUT", `/checkout/sessions/${await newSession()}/fields`, { body: { payment_method: card } })],
      invalid: [
        () => send("PUT", `/checkout/sessions/${unknownId}/fields`, { body: { payment_method: card } }),
        async () =>
          send("PUT", `/checkout/sessions/${await newSession()}/fields`, {
            body: { payment_method: { ...card, number: "4111111111111112" } }
          }),
        async () => send("PUT", `/checkout/sessions/${await newSession()}/fields`, { body: { payment_method: 1 } })
      ]
    },
    cardDetails: {
      valid: [async () => send("POST", `/checkout/sessions/${await newSession()}/card-details`, { body: { bin: "411111" } })],
      invalid: [
        () => send("POST", `/checkout/sessions/${unknownId}/card-details`, { body: { bin: "411111" } }),
        async () => send("POST", `/checkout/sessions/${await newSession()}/card-details`, { body: { bin: "x" } }),
        async () =>
          send("POST", `/checkout/sessions/${await newSession()}/card-details`, { body: { bin: "411111", extra: 1 } }),
        async () => send("POST", `/checkout/sessions/${await newSession()}/card-details`, { raw: "" })
      ]
    }
  },
  merchantAccounts: {
    listMerchantAccounts: {
      valid: [async () => {
        await newAccount()
        return send("GET", "/merchant-accounts?limit=1")
      }, () => send("GET", "/merchant-accounts?search=acct")],
      invalid: [() => send("GET", "/merchant-accounts?limit=0"), () => send("GET", "/merchant-accounts?cursor=garbage")]
    },
    createMerchantAccount: {
      valid: [() => send("POST", "/merchant-accounts", { body: { id: `new-${unknownId.slice(0, 4)}-${Date.now()}`, display_name: "N" } })],
      invalid: [
        async () => send("POST", "/merchant-accounts", { body: { id: await newAccount(), display_name: "again" } }),
        () => send("POST", "/merchant-accounts", { body: { id: "not valid!", display_name: "N" } }),
        () => send("POST", "/merchant-accounts", { raw: "{" })
      ]
    },
    getMerchantAccount: {
      valid: [async () => send("GET", `/merchant-accounts/${await newAccount()}`)],
      invalid: [() => send("GET", "/merchant-accounts/no-such-account")]
    },
    updateMerchantAccount: {
      valid: [async () => send("PUT", `/merchant-accounts/${await newAccount()}`, { body: { display_name: "R" } })],
      invalid: [
        () => send("PUT", "/merchant-accounts/no-such-account", { body: {} }),
        async () => send("PUT", `/merchant-accounts/${await newAccount()}`, { body: { display_name: 1 } })
      ]
    },
    listThreeDSConfigurations: {
      valid: [async () => {
        const path = await newThreeDS()
        return send("GET", `${path.slice(0, path.lastIndexOf("/"))}?currency=USD`)
      }],
      invalid: [
        () => send("GET", "/merchant-accounts/no-such-account/three-ds-configurations"),
        async () => send("GET", `/merchant-accounts/${await newAccount()}/three-ds-configurations?currency=usd`)
      ]
    },
    createThreeDSConfiguration: {
      valid: [async () => send("POST", `/merchant-accounts/${await newAccount()}/three-ds-configurations`, { body: threeDS })],
      invalid: [
        () => send("POST", "/merchant-accounts/no-such-account/three-ds-configurations", { body: threeDS }),
        async () =>
          send("POST", `/merchant-accounts/${await newAccount()}/three-ds-configurations`, {
            body: { ...threeDS, scheme: "nope" }
          }),
        async () => {
          const path = await newThreeDS()
          return send("POST", path.slice(0, path.lastIndexOf("/")), { body: threeDS })
        }
      ]
    },
    updateThreeDSConfiguration: {
      valid: [async () => send("PUT", await newThreeDS(), { body: { merchant_name: "R", currency: null } })],
      invalid: [
        async () => send("PUT", `/merchant-accounts/${await newAccount()}/three-ds-configurations/${unknownId}`, { body: {} }),
        async () => send("PUT", await newThreeDS(), { body: { merchant_category_code: "12" } })
      ]
    },
    deleteThreeDSConfiguration: {
      valid: [async () => send("DELETE", await newThreeDS())],
      invalid: [
        async () => send("DELETE", `/merchant-accounts/${await newAccount()}/three-ds-configurations/${unknownId}`),
        () => send("DELETE", `/merchant-accounts/no-such-account/three-ds-configurations/${unknownId}`)
      ]
    }
  },
  paymentServices: {
    listPaymentServiceDefinitions: {
      valid: [() => send("GET", "/payment-service-definitions")],
      invalid: [() => send("GET", "/payment-service-definitions?limit=0")]
    },
    getPaymentServiceDefinition: {
      valid: [() => send("GET", "/payment-service-definitions/mock-card")],
      invalid: [() => send("GET", "/payment-service-definitions/no-such")]
    },
    createPaymentServiceDefinitionSession: {
      valid: [() => send("POST", "/payment-service-definitions/mock-card/sessions", { body: {} })],
      invalid: [
        () => send("POST", "/payment-service-definitions/no-such/sessions", { body: {} }),
        () => send("POST", "/payment-service-definitions/mock-card/sessions", { body: [] })
      ]
    },
    listPaymentServices: {
      valid: [async () => {
        await newService()
        return send("GET", "/payment-services?limit=1&method=card")
      }, () => send("GET", "/payment-services?deleted=true")],
      invalid: [
        () => send("GET", "/payment-services?method=nope"),
        () => send("GET", "/payment-services?cursor=garbage"),
        () => send("GET", "/payment-services?deleted=yes")
      ]
    },
    createPaymentService: {
      valid: [() => send("POST", "/payment-services", { body: service })],
      invalid: [
        () => send("POST", "/payment-services", { body: { ...service, payment_service_definition_id: "no-such" } }),
        () => send("POST", "/payment-services", { body: { ...service, fields: [] } }),
        () => send("POST", "/payment-services", { body: { ...service, accepted_countries: [] } })
      ]
    },
    getPaymentService: {
      valid: [async () => send("GET", `/payment-services/${await newService()}`)],
      invalid: [
        () => send("GET", `/payment-services/${unknownId}`),
        async () => send("GET", `/payment-services/${await newService()}`, { headers: { "x-gr4vy-merchant-account-id": "other" } })
      ]
    },
    updatePaymentService: {
      valid: [async () => send("PUT", `/payment-services/${await newService()}`, { body: { display_name: "R", position: null } })],
      invalid: [
        () => send("PUT", `/payment-services/${unknownId}`, { body: {} }),
        async () => send("PUT", `/payment-services/${await newService()}`, { body: { fields: [{ key: "merchant_id", value: "" }] } })
      ]
    },
    deletePaymentService: {
      valid: [async () => send("DELETE", `/payment-services/${await newService()}`)],
      invalid: [() => send("DELETE", `/payment-services/${unknownId}`)]
    },
    verifyPaymentServiceCredentials: {
      valid: [() => send("POST", "/payment-services/verify", { body: { payment_service_definition_id: "mock-card", fields: service.fields } })],
      invalid: [
        () => send("POST", "/payment-services/verify", { body: { payment_service_definition_id: "no-such", fields: [] } }),
        () =>
          send("POST", "/payment-services/verify", {
            body: { payment_service_definition_id: "mock-card", payment_service_id: unknownId, fields: service.fields }
          })
      ]
    },
    createPaymentServiceSession: {
      valid: [async () => send("POST", `/payment-services/${await newService()}/sessions`, { body: {} })],
      invalid: [() => send("POST", `/payment-services/${unknownId}/sessions`, { body: {} })]
    }
  },
  paymentOptions: {
    listPaymentOptions: {
      valid: [async () => {
        await newService()
        return send("POST", "/payment-options", { body: { country: "US", currency: "USD", amount: 1299, locale: "en" } })
      }],
      invalid: [
        () => send("POST", "/payment-options", { body: { currency: "dollars" } }),
        () => send("POST", "/payment-options", { body: { amount: -1 } })
      ]
    },
    listCardSchemeDefinitions: {
      valid: [() => send("GET", "/card-scheme-definitions")],
      invalid: junk("GET", "/card-scheme-definitions")
    }
  },
  system: {
    health: { valid: [() => send("GET", "/health")], invalid: junk("GET", "/health") }
  },
  buyers: {
    listBuyers: {
      valid: [
        async () => {
          await newBuyer()
          return send("GET", "/buyers")
        },
        () => send("GET", "/buyers?limit=1&search=ada"),
        () => send("GET", "/buyers?external_identifier=nobody")
      ],
      invalid: [() => send("GET", "/buyers?limit=0"), () => send("GET", "/buyers?cursor=garbage")]
    },
    addBuyer: {
      valid: [
        () => send("POST", "/buyers", { body: {} }),
        () =>
          send("POST", "/buyers", {
            body: { display_name: "Ada", account_number: "1", billing_details: { first_name: "Ada", address: { city: "Leeds" } } }
          })
      ],
      invalid: [
        () => send("POST", "/buyers", { body: { display_name: "" } }),
        () => send("POST", "/buyers", { body: { extra: 1 } }),
        async () => {
          await send("POST", "/buyers", { body: { external_identifier: "conformance-taken" } })
          return send("POST", "/buyers", { body: { external_identifier: "conformance-taken" } })
        }
      ]
    },
    listBuyerPaymentMethods: {
      valid: [async () => {
        const buyer = await newBuyer()
        await newMethod({ ...storedCard, buyer_id: buyer })
        return send("GET", `/buyers/payment-methods?buyer_id=${buyer}`)
      }],
      invalid: [() => send("GET", "/buyers/payment-methods"), () => send("GET", "/buyers/payment-methods?buyer_id=x")]
    },
    listBuyerGiftCards: {
      valid: [
        async () => send("GET", `/buyers/gift-cards?buyer_id=${await newBuyer()}`),
        () => send("GET", "/buyers/gift-cards")
      ],
      invalid: [
        () => send("GET", "/buyers/gift-cards?buyer_id=x"),
        () => send("GET", "/buyers/gift-cards?order_by=sideways")
      ]
    },
    getBuyer: {
      valid: [async () => send("GET", `/buyers/${await newBuyer()}`)],
      invalid: [() => send("GET", `/buyers/${unknownId}`)]
    },
    updateBuyer: {
      valid: [async () => send("PUT", `/buyers/${await newBuyer()}`, { body: { display_name: "Grace" } })],
      invalid: [
        () => send("PUT", `/buyers/${unknownId}`, { body: {} }),
        async () => send("PUT", `/buyers/${await newBuyer()}`, { body: { display_name: 1 } })
      ]
    },
    deleteBuyer: {
      valid: [async () => send("DELETE", `/buyers/${await newBuyer()}`)],
      invalid: [() => send("DELETE", `/buyers/${unknownId}`)]
    },
    listBuyerShippingDetails: {
      valid: [async () => send("GET", `/buyers/${(await newShipping())[0]}/shipping-details`)],
      invalid: [() => send("GET", `/buyers/${unknownId}/shipping-details`)]
    },
    addBuyerShippingDetails: {
      valid: [async () => send("POST", `/buyers/${await newBuyer()}/shipping-details`, { body: { first_name: "Ada" } })],
      invalid: [
        () => send("POST", `/buyers/${unknownId}/shipping-details`, { body: {} }),
        async () => send("POST", `/buyers/${await newBuyer()}/shipping-details`, { body: { first_name: 1 } })
      ]
    },
    getBuyerShippingDetails: {
      valid: [async () => {
        const [buyer, shipping] = await newShipping()
        return send("GET", `/buyers/${buyer}/shipping-details/${shipping}`)
      }],
      invalid: [async () => send("GET", `/buyers/${await newBuyer()}/shipping-details/${unknownId}`)]
    },
    updateBuyerShippingDetails: {
      valid: [async () => {
        const [buyer, shipping] = await newShipping()
        return send("PUT", `/buyers/${buyer}/shipping-details/${shipping}`, { body: { last_name: "L" } })
      }],
      invalid: [
        async () => send("PUT", `/buyers/${await newBuyer()}/shipping-details/${unknownId}`, { body: {} }),
        async () => {
          const [buyer, shipping] = await newShipping()
          return send("PUT", `/buyers/${buyer}/shipping-details/${shipping}`, { body: { address: 1 } })
        }
      ]
    },
    deleteBuyerShippingDetails: {
      valid: [async () => {
        const [buyer, shipping] = await newShipping()
        return send("DELETE", `/buyers/${buyer}/shipping-details/${shipping}`)
      }],
      invalid: [async () => send("DELETE", `/buyers/${await newBuyer()}/shipping-details/${unknownId}`)]
    }
  },
  transactions: {
    listTransactions: {
      valid: [
        async () => {
          await newTransaction()
          return send("GET", "/transactions")
        },
        () => send("GET", "/transactions?limit=1&status=authorization_succeeded&status=capture_succeeded&amount_gte=1"),
        () => send("GET", "/transactions?currency=USD&has_refunds=false&payment_method_scheme=visa&search=nothing")
      ],
      invalid: [
        () => send("GET", "/transactions?status=lost"),
        () => send("GET", "/transactions?cursor=garbage"),
        () => send("GET", "/transactions?amount_eq=-1")
      ]
    },
    createTransaction: {
      valid: [
        () => send("POST", "/transactions", { body: { amount: 1299, currency: "USD", payment_method: card } }),
        () => send("POST", "/transactions", { body: { amount: 200011, currency: "USD", payment_method: card } }),
        async () => {
          const session = await newSession()
          await send("PUT", `/checkout/sessions/${session}/fields`, { body: { payment_method: card } })
          return send("POST", "/transactions", {
            body: { amount: 500, currency: "EUR", intent: "capture", payment_method: { method: "checkout-session", id: session } }
          })
        },
        async () =>
          send("POST", "/transactions", {
            body: { amount: 1, currency: "USD", payment_method: { method: "id", id: await newMethod(), security_code: "333" } }
          }),
        () =>
          send("POST", "/transactions", {
            body: { amount: 1299, currency: "USD", store: true, payment_method: card },
            headers: { "idempotency-key": `key-${Math.random()}` }
          })
      ],
      invalid: [
        () => send("POST", "/transactions", { body: { amount: 1299, currency: "USD" } }),
        () => send("POST", "/transactions", { body: { amount: 1299, currency: "USD", payment_method: { ...card, number: "4111111111111112" } } }),
        async () =>
          send("POST", "/transactions", {
            body: { amount: 1299, currency: "USD", payment_method: { method: "checkout-session", id: await newSession() } }
          }),
        () => send("POST", "/transactions", { body: { amount: 1299, currency: "USD", payment_method: { method: "id", id: unknownId } } }),
        () => send("POST", "/transactions", { body: { amount: -1, currency: "USD", payment_method: card } }),
        () =>
          send("POST", "/transactions", {
            body: { amount: 1, currency: "USD", payment_method: card },
            headers: { "idempotency-key": "" }
          })
      ]
    },
    getTransaction: {
      valid: [async () => send("GET", await transactionPath())],
      invalid: [() => send("GET", `/transactions/${unknownId}`)]
    },
    updateTransaction: {
      valid: [async () => send("PUT", await transactionPath(), { body: { metadata: { a: "b" }, external_identifier: "x" } })],
      invalid: [
        () => send("PUT", `/transactions/${unknownId}`, { body: {} }),
        async () => send("PUT", await transactionPath(), { body: { amount: 1 } }),
        async () => send("PUT", await transactionPath(), { body: { metadata: 1 } })
      ]
    },
    captureTransaction: {
      valid: [
        async () => send("POST", await transactionPath("/capture"), { body: {} }),
        async () =>
          send("POST", await transactionPath("/capture"), {
            body: { amount: 100, final: false },
            headers: { prefer: "resource=transaction-capture" }
          })
      ],
      invalid: [
        async () => send("POST", await transactionPath("/capture"), { body: { amount: 5000 } }),
        async () => send("POST", await capturedPath("/capture"), { body: {} }),
        () => send("POST", `/transactions/${unknownId}/capture`, { body: {} })
      ]
    },
    voidTransaction: {
      valid: [
        async () => send("POST", await transactionPath("/void")),
        async () => send("POST", await transactionPath("/void"), { headers: { prefer: "resource=transaction-void" } })
      ],
      invalid: [async () => send("POST", await capturedPath("/void")), () => send("POST", `/transactions/${unknownId}/void`)]
    },
    cancelTransaction: {
      valid: [],
      invalid: [async () => send("POST", await transactionPath("/cancel")), () => send("POST", `/transactions/${unknownId}/cancel`)]
    },
    syncTransaction: {
      valid: [async () => send("POST", await transactionPath("/sync"))],
      invalid: [() => send("POST", `/transactions/${unknownId}/sync`)]
    },
    incrementTransactionAuthorization: {
      valid: [],
      invalid: [
        async () => send("POST", await transactionPath("/authorization/increment"), { body: { amount: 100 } }),
        async () => send("POST", await transactionPath("/authorization/increment"), { body: {} })
      ]
    },
    listTransactionRefunds: {
      valid: [
        async () => {
          const path = await capturedPath("/refunds")
          await send("POST", path, { body: { amount: 100 } })
          return send("GET", path)
        }
      ],
      invalid: [() => send("GET", `/transactions/${unknownId}/refunds`)]
    },
    createTransactionRefund: {
      valid: [
        async () => send("POST", await capturedPath("/refunds"), { body: { amount: 100, reason: "partial" } }),
        async () => send("POST", await capturedPath("/refunds"), { body: {} })
      ],
      invalid: [
        async () => send("POST", await capturedPath("/refunds"), { body: { amount: 1300 } }),
        async () => send("POST", await transactionPath("/refunds"), { body: {} }),
        async () => send("POST", await capturedPath("/refunds"), { body: { amount: "all" } })
      ]
    },
    getTransactionRefund: {
      valid: [
        async () => {
          const path = await capturedPath("/refunds")
          const { id } = JSON.parse((await send("POST", path, { body: {} })).text)
          return send("GET", `${path}/${id}`)
        }
      ],
      invalid: [async () => send("GET", await capturedPath(`/refunds/${unknownId}`))]
    },
    createFullTransactionRefund: {
      valid: [
        async () => send("POST", await capturedPath("/refunds/all")),
        async () => send("POST", await capturedPath("/refunds/all"), { body: { reason: "whole" } })
      ],
      invalid: [
        async () => send("POST", await transactionPath("/refunds/all")),
        async () => send("POST", await capturedPath("/refunds/all"), { body: { reason: 1 } })
      ]
    },
    getRefund: {
      valid: [
        async () => {
          const { id } = JSON.parse((await send("POST", await capturedPath("/refunds"), { body: {} })).text)
          return send("GET", `/refunds/${id}`)
        }
      ],
      invalid: [() => send("GET", `/refunds/${unknownId}`)]
    },
    listTransactionCaptures: {
      valid: [async () => send("GET", await capturedPath("/captures"))],
      invalid: [() => send("GET", `/transactions/${unknownId}/captures`)]
    },
    getTransactionCapture: {
      valid: [
        async () => {
          const path = await capturedPath("/captures")
          const { items } = JSON.parse((await send("GET", path)).text)
          return send("GET", `${path}/${items[0].id}`)
        }
      ],
      invalid: [async () => send("GET", await capturedPath(`/captures/${unknownId}`))]
    },
    listTransactionActions: {
      valid: [async () => send("GET", await transactionPath("/actions"))],
      invalid: [() => send("GET", `/transactions/${unknownId}/actions`)]
    },
    listTransactionEvents: {
      valid: [async () => send("GET", await transactionPath("/events?limit=10"))],
      invalid: [async () => send("GET", await transactionPath("/events?limit=0"))]
    },
    listTransactionSettlements: {
      valid: [async () => send("GET", await capturedPath("/settlements"))],
      invalid: [() => send("GET", `/transactions/${unknownId}/settlements`)]
    },
    getTransactionSettlement: {
      valid: [],
      invalid: [async () => send("GET", await capturedPath(`/settlements/${unknownId}`))]
    },
    listTransactionRefundSettlements: {
      valid: [async () => send("GET", await capturedPath("/refund-settlements"))],
      invalid: [() => send("GET", `/transactions/${unknownId}/refund-settlements`)]
    },
    getTransactionRefundSettlement: {
      valid: [],
      invalid: [async () => send("GET", await capturedPath(`/refund-settlements/${unknownId}`))]
    },
    listTransactionChargebacks: {
      valid: [async () => send("GET", await capturedPath("/chargebacks"))],
      invalid: [() => send("GET", `/transactions/${unknownId}/chargebacks`)]
    },
    listTransactionChargebackReversals: {
      valid: [async () => send("GET", await capturedPath("/chargeback-reversals"))],
      invalid: [() => send("GET", `/transactions/${unknownId}/chargeback-reversals`)]
    },
    updateSession: {
      valid: [],
      invalid: [
        async () => send("POST", await transactionPath("/session"), { body: {} }),
        () => send("POST", `/transactions/${unknownId}/session`, { body: {} })
      ]
    }
  },
  paymentMethods: {
    listPaymentMethods: {
      valid: [
        async () => {
          await newMethod()
          return send("GET", "/payment-methods")
        },
        () => send("GET", "/payment-methods?limit=1&status=succeeded&status=failed"),
        () => send("GET", "/payment-methods?buyer_external_identifier=nobody")
      ],
      invalid: [() => send("GET", "/payment-methods?status=lost"), () => send("GET", "/payment-methods?cursor=garbage")]
    },
    createPaymentMethod: {
      valid: [
        () => send("POST", "/payment-methods", { body: storedCard }),
        async () => {
          const session = await newSession()
          await send("PUT", `/checkout/sessions/${session}/fields`, { body: { payment_method: card } })
          return send("POST", "/payment-methods", { body: { method: "checkout-session", id: session } })
        }
      ],
      invalid: [
        () => send("POST", "/payment-methods", { body: { ...storedCard, number: "4111111111111112" } }),
        () => send("POST", "/payment-methods", { body: { ...storedCard, buyer_id: unknownId } }),
        () => send("POST", "/payment-methods", { body: { method: "checkout-session", id: unknownId } }),
        () => send("POST", "/payment-methods", { body: { method: "card" } })
      ]
    },
    getPaymentMethod: {
      valid: [async () => send("GET", `/payment-methods/${await newMethod()}`)],
      invalid: [() => send("GET", `/payment-methods/${unknownId}`)]
    },
    updatePaymentMethod: {
      valid: [async () => send("PUT", `/payment-methods/${await newMethod()}`, { body: { expiration_date: "01/41" } })],
      invalid: [
        () => send("PUT", `/payment-methods/${unknownId}`, { body: {} }),
        async () => send("PUT", `/payment-methods/${await newMethod()}`, { body: { expiration_date: "2041-01" } })
      ]
    },
    deletePaymentMethod: {
      valid: [async () => send("DELETE", `/payment-methods/${await newMethod()}`)],
      invalid: [() => send("DELETE", `/payment-methods/${unknownId}`)]
    },
    listPaymentServiceTokens: {
      valid: [async () => send("GET", `/payment-methods/${await newMethod()}/payment-service-tokens`)],
      invalid: [() => send("GET", `/payment-methods/${unknownId}/payment-service-tokens`)]
    },
    createPaymentServiceToken: {
      valid: [],
      invalid: [
        async () =>
          send("POST", `/payment-methods/${await newMethod()}/payment-service-tokens`, {
            body: { payment_service_id: unknownId, redirect_url: "https://example.com" }
          }),
        async () => send("POST", `/payment-methods/${await newMethod()}/payment-service-tokens`, { body: {} })
      ]
    },
    deletePaymentServiceToken: {
      valid: [],
      invalid: [async () => send("DELETE", `/payment-methods/${await newMethod()}/payment-service-tokens/${unknownId}`)]
    },
    listNetworkTokens: {
      valid: [async () => send("GET", `/payment-methods/${await newMethod()}/network-tokens`)],
      invalid: [() => send("GET", `/payment-methods/${unknownId}/network-tokens`)]
    },
    createNetworkToken: {
      valid: [],
      invalid: [
        async () =>
          send("POST", `/payment-methods/${await newMethod()}/network-tokens`, {
            body: { merchant_initiated: false, is_subsequent_payment: false }
          }),
        async () => send("POST", `/payment-methods/${await newMethod()}/network-tokens`, { body: {} })
      ]
    },
    createNetworkTokenCryptogram: {
      valid: [],
      invalid: [async () =>
        send("POST", `/payment-methods/${await newMethod()}/network-tokens/${unknownId}/cryptogram`, {
          body: { merchant_initiated: false }
        })]
    },
    suspendNetworkToken: {
      valid: [],
      invalid: [async () => send("POST", `/payment-methods/${await newMethod()}/network-tokens/${unknownId}/suspend`)]
    },
    resumeNetworkToken: {
      valid: [],
      invalid: [async () => send("POST", `/payment-methods/${await newMethod()}/network-tokens/${unknownId}/resume`)]
    },
    deleteNetworkToken: {
      valid: [],
      invalid: [async () => send("DELETE", `/payment-methods/${await newMethod()}/network-tokens/${unknownId}`)]
    }
  },
  mockControls: {
    clock: { valid: [() => send("GET", "/_mock/clock")], invalid: junk("GET", "/_mock/clock") },
    advanceClock: {
      valid: [
        () => send("POST", "/_mock/clock", { body: { advance_seconds: 1 } }),
        () => send("POST", "/_mock/clock", { body: { offset_seconds: 0 } })
      ],
      invalid: [
        () => send("POST", "/_mock/clock", { body: {} }),
        () => send("POST", "/_mock/clock", { body: { advance_seconds: -1 } }),
        () => send("POST", "/_mock/clock", { body: { time: "2001-01-01T00:00:00Z" } }),
        () => send("POST", "/_mock/clock", { body: { advance_seconds: 1, extra: true } }),
        () => send("POST", "/_mock/clock", { raw: "[" })
      ]
    },
    requests: { valid: [() => send("GET", "/_mock/requests")], invalid: junk("GET", "/_mock/requests") },
    request: {
      valid: [async () => {
        await send("GET", "/health")
        const { items } = await json("GET", "/_mock/requests")
        return send("GET", `/_mock/requests/${items.at(-1).id}`)
      }],
      invalid: [() => send("GET", "/_mock/requests/0"), () => send("GET", "/_mock/requests/abc")]
    },
    events: { valid: [() => send("GET", "/_mock/events")], invalid: junk("GET", "/_mock/events") },
    sessions: {
      valid: [
        async () => {
          await newSession()
          return send("GET", "/_mock/sessions")
        },
        () => send("GET", "/_mock/sessions?limit=1&merchant_account_id=default")
      ],
      invalid: [
        () => send("GET", "/_mock/sessions?limit=0"),
        () => send("GET", "/_mock/sessions?limit=ten"),
        () => send("GET", "/_mock/sessions?limit=1&limit=2"),
        () => send("GET", "/_mock/sessions?cursor=garbage")
      ]
    },
    resources: {
      valid: [
        async () => {
          await newMethod()
          await newShipping()
          return send("GET", "/_mock/resources")
        },
        () => send("GET", "/_mock/resources?kind=buyer&merchant_account_id=default&limit=1")
      ],
      invalid: [
        () => send("GET", "/_mock/resources?limit=0"),
        () => send("GET", "/_mock/resources?limit=ten"),
        () => send("GET", "/_mock/resources?limit=1&limit=2"),
        () => send("GET", "/_mock/resources?cursor=garbage")
      ]
    },
    reset: { valid: [() => send("POST", "/_mock/reset")], invalid: junk("POST", "/_mock/reset") },
    inspector: { valid: [() => send("GET", "/_mock/ui")], invalid: junk("GET", "/_mock/ui") },
    // Webhooks to the discard port: nothing listens, each attempt is refused and retried in the background.
    webhooks: { valid: [() => send("GET", "/_mock/webhooks")], invalid: junk("GET", "/_mock/webhooks") },
    addWebhook: {
      valid: [() => send("POST", "/_mock/webhooks", { body: { url: "http://127.0.0.1:9/hooks", secrets: ["s"] } })],
      invalid: [
        () => send("POST", "/_mock/webhooks", { body: { url: "ftp://127.0.0.1/hooks" } }),
        () => send("POST", "/_mock/webhooks", { body: { secrets: ["s"] } }),
        () => send("POST", "/_mock/webhooks", { body: { url: "http://127.0.0.1:9/", extra: true } })
      ]
    },
    removeWebhook: {
      valid: [async () =>
        send("DELETE", `/_mock/webhooks/${(await json("POST", "/_mock/webhooks", { url: "http://127.0.0.1:9/x" })).id}`)],
      invalid: [() => send("DELETE", "/_mock/webhooks/none")]
    },
    webhookDeliveries: {
      valid: [
        async () => {
          await newBuyer()
          return send("GET", "/_mock/webhooks/deliveries")
        },
        () => send("GET", "/_mock/webhooks/deliveries?event_name=buyer.created&merchant_account_id=default")
      ],
      invalid: junk("GET", "/_mock/webhooks/deliveries")
    },
    resendWebhookDelivery: {
      valid: [async () => {
        await json("POST", "/_mock/webhooks", { url: "http://127.0.0.1:9/resend" })
        await newBuyer()
        const { items } = await json("GET", "/_mock/webhooks/deliveries")
        return send("POST", `/_mock/webhooks/deliveries/${items.at(-1).id}/resend`)
      }],
      invalid: [() => send("POST", "/_mock/webhooks/deliveries/none/resend")]
    },
    addWebhookHook: {
      valid: [() => send("POST", "/_mock/webhooks/hooks", { body: { action: "duplicate", event_name: "buyer.deleted" } })],
      invalid: [
        () => send("POST", "/_mock/webhooks/hooks", { body: { action: "explode" } }),
        () => send("POST", "/_mock/webhooks/hooks", { body: { action: "delay" } }),
        () => send("POST", "/_mock/webhooks/hooks", { body: { action: "delay", seconds: 0 } }),
        () => send("POST", "/_mock/webhooks/hooks", { body: { action: "reorder", event_name: "nothing.happened" } })
      ]
    }
  }
}

// The status a declared schema answers with (`HttpApiSchema.status`, an error class's `httpApiStatus`), by default
// 200 for a success and 500 for an error; and its encoding (JSON unless `asText` and the like say otherwise).
const statusOf = (schema: Schema.Top, success: boolean): number => {
  const checks = schema.ast.checks ?? []
  for (let i = checks.length - 1; i >= 0; i--) {
    const status = checks[i].annotations?.httpApiStatus
    if (typeof status === "number") return status
  }
  const status = schema.ast.annotations?.httpApiStatus ?? schema.ast.context?.annotations?.httpApiStatus
  return typeof status === "number" ? status : success ? 200 : 500
}
const encodingOf = (schema: Schema.Top) =>
  SchemaAST.resolveAt<{ readonly _tag: string; readonly contentType: string }>("~httpApiEncoding")(schema.ast) ??
    { _tag: "Json", contentType: "application/json" }

// Why an answer is not one the endpoint declares, or `undefined` when it is.
const undeclared = (endpoint: HttpApiEndpoint.Top, answer: Answer): string | undefined => {
  const success = answer.status < 400
  const schemas = [...(success ? endpoint.success : endpoint.error)].filter((s) => statusOf(s, success) === answer.status)
  if (schemas.length === 0) return `status ${answer.status} is not declared`
  const problems: Array<string> = []
  for (const schema of schemas) {
    const encoding = encodingOf(schema)
    let body: unknown
    if (HttpApiSchema.isNoContent(schema.ast)) {
      if (answer.text === "") return undefined
      problems.push("a body where none is declared")
      continue
    } else if (encoding._tag === "Json") {
      if (answer.text !== "" && !answer.contentType.startsWith("application/json")) {
        problems.push(`content type ${answer.contentType}, not JSON`)
        continue
      }
      body = answer.text === "" ? undefined : JSON.parse(answer.text)
    } else {
      if (!answer.contentType.startsWith(encoding.contentType)) {
        problems.push(`content type ${answer.contentType}, not ${encoding.contentType}`)
        continue
      }
      body = answer.text
    }
    const decoded = Schema.decodeUnknownExit(schema as Schema.Codec<unknown, unknown>)(body, { onExcessProperty: "error" })
    if (Exit.isSuccess(decoded)) return undefined
    problems.push(String(decoded.cause))
  }
  return problems.join("; ")
}

// A JSON answer, to try the check on.
const answered = (status: number, body: unknown): Answer => ({
  status,
  contentType: "application/json",
  text: JSON.stringify(body)
})

describe("every endpoint of the served contract answers only what it declares", () => {
  it("every endpoint has cases, and every case an endpoint", () => {
    for (const [groupName, group] of Object.entries(Api.groups)) {
      assert.property(cases, groupName)
      assert.sameMembers(Object.keys(group.endpoints), Object.keys(cases[groupName]), groupName)
    }
    assert.sameMembers(Object.keys(cases), Object.keys(Api.groups))
  })

  for (const [groupName, group] of Object.entries(Api.groups)) {
    for (const [name, endpoint] of Object.entries(group.endpoints as unknown as Record<string, HttpApiEndpoint.Top>)) {
      it(`${groupName}.${name}: ${endpoint.method} ${endpoint.path}`, async () => {
        const endpointCases = cases[groupName][name]
        // The mock's merchant cannot provision tokens (they are always refused): those endpoints have no valid case.
        assert.isAbove(endpointCases.valid.length + endpointCases.invalid.length, 0)
        assert.isAbove(endpointCases.invalid.length, 0)
        for (const [kind, requests] of [["valid", endpointCases.valid], ["invalid", endpointCases.invalid]] as const) {
          for (const [i, request] of requests.entries()) {
            const answer = await request()
            const label = `${kind} request ${i}: ${answer.status} ${answer.text.slice(0, 300)}`
            assert.isUndefined(undeclared(endpoint, answer), label)
            // A valid request succeeds; an invalid one that carries input the endpoint reads is refused.
            if (kind === "valid") assert.isBelow(answer.status, 300, label)
          }
        }
      })
    }
  }

  it("the check refuses an answer the endpoint does not declare", () => {
    const create = Api.groups.checkoutSessions.endpoints.create as unknown as HttpApiEndpoint.Top
    const health = Api.groups.system.endpoints.health as unknown as HttpApiEndpoint.Top
    assert.isDefined(undeclared(create, answered(200, {})))
    assert.isDefined(undeclared(create, answered(201, { type: "checkout-session" })))
    assert.isDefined(undeclared(health, answered(200, { status: "ok", extra: 1 })))
    assert.isDefined(undeclared(health, answered(404, { type: "error" })))
    assert.isUndefined(undeclared(health, answered(200, { status: "ok" })))
    // The health check's 503 while the store fails (Storage.test.ts makes one) is declared.
    assert.isUndefined(undeclared(health, answered(503, makeErrorBody(503, "The session store is failing"))))
  })
})

describe("the session endpoints' refusals of tokens are declared", () => {
  const key = makeKeyPair()
  let secured: TestServer
  beforeAll(async () => {
    secured = await startServer({ auth: { kind: "jwt", publicKeys: [key.publicKeyPem] } })
  })
  afterAll(() => secured.close())

  it("no token, a bad token and a token without the scope answer 401 and 403 as the endpoints declare", async () => {
    const endpoints = Api.groups.checkoutSessions.endpoints as unknown as Record<string, HttpApiEndpoint.Top>
    const write = `Bearer ${await signToken(key.privateKey, key.publicKey)}`
    const readOnly = `Bearer ${await signToken(key.privateKey, key.publicKey, { scopes: ["checkout-sessions.read"] })}`
    const id = JSON.parse(
      (await send("POST", "/checkout/sessions", { url: secured.url, body: {}, headers: { authorization: write } })).text
    ).id
    const bodies: Record<string, unknown> = {
      create: {},
      update: {},
      updateFields: { payment_method: card },
      cardDetails: { bin: "411111" }
    }
    const refusals: Array<[string, string | undefined, number]> = [
      ["create", undefined, 401],
      ["get", undefined, 401],
      ["update", undefined, 401],
      ["delete", undefined, 401],
      ["create", "Bearer not-a-token", 401],
      ["updateFields", "Bearer not-a-token", 401],
      ["cardDetails", "Bearer not-a-token", 401],
      ["create", readOnly, 403],
      ["delete", readOnly, 403]
    ]
    for (const [name, authorization, status] of refusals) {
      const endpoint = endpoints[name]
      const answer = await send(endpoint.method, endpoint.path.replace(":session_id", id), {
        url: secured.url,
        ...(bodies[name] === undefined ? {} : { body: bodies[name] }),
        ...(authorization === undefined ? {} : { headers: { authorization } })
      })
      const label = `${name} ${authorization ?? "(no token)"}: ${answer.status} ${answer.text}`
      assert.strictEqual(answer.status, status, label)
      assert.isUndefined(undeclared(endpoint, answer), label)
    }
  })
})

// The schemas of an endpoint's payload.
const payloadOf = (endpoint: HttpApiEndpoint.Top) => [...endpoint.payload.values()].flatMap((p) => p.schemas)

describe("the raw body endpoints decode their declared payload", () => {
  const endpoints: Record<string, unknown> = { ...Api.groups.checkoutSessions.endpoints, ...Api.groups.transactions.endpoints }
  const held = [
    ["create", CheckoutSessionUpdate],
    ["update", CheckoutSessionUpdate],
    ["updateFields", CheckoutSessionSecureFields],
    ["createTransaction", TransactionCreate]
  ] as const

  it("the strict decoder of each is compiled from the schema the endpoint declares", () => {
    for (const [name, schema] of held) {
      // The endpoint holds the JSON codec of its payload schema: of this very schema.
      assert.deepStrictEqual(
        payloadOf(endpoints[name] as HttpApiEndpoint.Top).map((declared) => declared.ast),
        [Schema.toCodecJson(schema).ast],
        name
      )
    }
  })

  it("the strict decoder accepts and refuses what the declared schema, decoding strictly, does", () => {
    const paying = { amount: 1299, currency: "USD", payment_method: { method: "checkout-session", id: "3c90c3cc-0d44-4b50-8888-8dd25736052a" } }
    const samples: Record<string, ReadonlyArray<unknown>> = {
      create: [{}, { expires_in: 600 }, { expires_in: "soon" }, { unknown: 1 }, { cart_items: [{ name: "x" }] }, null, []],
      update: [{ metadata: { a: "b" } }, { metadata: 1 }, { buyer: null }],
      updateFields: [{ payment_method: card }, { payment_method: { ...card, extra: 1 } }, { payment_method: 1 }, {}],
      createTransaction: [
        paying,
        { ...paying, payment_method: card },
        { ...paying, payment_method: { ...card, extra: 1 } },
        { ...paying, amount: -1 },
        { ...paying, connection_options: { "adyen-card": { accountInfo: { any: [1, { a: null }] } } } },
        { ...paying, unknown: 1 },
        {}
      ]
    }
    for (const [name, schema] of held) {
      const strict = StrictDecoder.make(schema)
      const reference = Schema.decodeUnknownExit(schema)
      for (const sample of samples[name]) {
        const accepted = strict.decode(sample)._tag === "Success"
        assert.strictEqual(accepted, Exit.isSuccess(reference(sample, StrictDecoder.strictOptions)), `${name} ${JSON.stringify(sample)}`)
      }
    }
  })
})

describe("Prefer in the contract", () => {
  it("/openapi.json lists the prefer header, described, on every API endpoint and on no control", async () => {
    const { paths } = await json("GET", "/openapi.json")
    let endpoints = 0
    for (const [path, operations] of Object.entries(paths as Record<string, Record<string, any>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        const prefer = (operation.parameters ?? []).find((p: any) => p.in === "header" && p.name === "prefer")
        if (path.startsWith("/_mock/")) {
          assert.isUndefined(prefer, `${method} ${path}`)
        } else {
          endpoints++
          assert.isDefined(prefer, `${method} ${path}`)
          assert.isFalse(prefer.required ?? false)
          assert.match(prefer.description ?? prefer.schema?.description, /code=NNN.*delay=MS/s)
        }
      }
    }
    assert.strictEqual(endpoints, 7 + 20 + 12 + 14 + 25)
  })
})
