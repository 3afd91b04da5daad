import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { CheckoutKitClient } from "../src/CheckoutKitClient.ts"
import * as Errors from "../src/Errors.ts"
import { createClient, type PromiseClient } from "../src/Promise.ts"
import { makeKeyPair, rejection, startMock } from "./support.ts"

const merchant = makeKeyPair()
let mock: Awaited<ReturnType<typeof startMock>>
const clients: Array<PromiseClient> = []
// Short backoffs keep the retry tests quick; the per-attempt timeout is a hang guard (a loaded machine can take seconds).
const fastRetries = { retries: 3, baseDelayMillis: 5, maxDelayMillis: 20, timeoutMillis: 60_000 }

beforeAll(async () => {
  mock = await startMock({ auth: { kind: "jwt", publicKeys: [merchant.publicKeyPem] } })
})
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()))
  await mock.close()
})

// A signed client, for a merchant account unless none is named; closed after the file.
const clientFor = (merchantAccountId?: string, extra: Partial<Parameters<typeof createClient>[0]> = {}) => {
  const client = createClient({
    baseUrl: mock.url,
    privateKey: merchant.privateKeyPem,
    retry: fastRetries,
    ...(merchantAccountId === undefined ? {} : { merchantAccountId }),
    ...extra
  })
  clients.push(client)
  return client
}

// Each test's own merchant account, created through the client: tests share one mock.
let accounts = 0
const newAccount = async () => {
  const id = `client-pay-${++accounts}`
  await clientFor().merchantAccounts.create({ id, displayName: `Account ${accounts}` })
  return { id, client: clientFor(id) }
}


// Every item of a list, page after page of `limit`, and how many pages it took.
const allPages = async <A>(
  list: (page: { limit: number; cursor?: string }) => Promise<{
    readonly items: ReadonlyArray<A>
    readonly nextCursor?: string | null | undefined
  }>,
  limit: number
) => {
  const items: Array<A> = []
  let cursor: string | undefined
  let pages = 0
  do {
    const page = await list(cursor === undefined ? { limit } : { limit, cursor })
    assert.isAtMost(page.items.length, limit)
    items.push(...page.items)
    pages++
    cursor = page.nextCursor ?? undefined
  } while (cursor !== undefined && pages < 100)
  return { items, pages }
}

const card = (number: string, expirationDate = "12/35") => ({
  method: "card" as const,
  number: Redacted.make(number, { label: "number" }),
  expirationDate,
  securityCode: Redacted.make("123", { label: "security_code" })
})

describe("merchant accounts", () => {
  it("create, get, list in pages, update; an unknown account is NotFound", async () => {
    const admin = clientFor()
    const ids = ["client-pay-ma-a", "client-pay-ma-b", "client-pay-ma-c"]
    for (const id of ids) {
      const created = await admin.merchantAccounts.create({ id, displayName: `Shop ${id}` })
      assert.strictEqual(created.id, id)
      assert.strictEqual(created.displayName, `Shop ${id}`)
    }
    const read = await admin.merchantAccounts.get("client-pay-ma-b")
    assert.strictEqual(read.displayName, "Shop client-pay-ma-b")
    const { items, pages } = await allPages((page) => admin.merchantAccounts.list(page), 2)
    for (const id of ids) assert.include(items.map((a) => a.id), id)
    assert.isAtLeast(pages, 2)
    const updated = await admin.merchantAccounts.update("client-pay-ma-b", { displayName: "Renamed" })
    assert.strictEqual(updated.displayName, "Renamed")
    assert.strictEqual((await admin.merchantAccounts.get("client-pay-ma-b")).displayName, "Renamed")
    assert.instanceOf(await rejection(admin.merchantAccounts.get("client-pay-no-such-account")), Errors.NotFound)
  })

  it("3-D Secure configurations: create, list, update, delete", async () => {
    const { id } = await newAccount()
    const admin = clientFor()
    const configurations = admin.merchantAccounts.threeDSConfigurations
    const created = await configurations.create(id, {
      merchantAcquirerBin: "516327",
      merchantAcquirerId: "123456789012345",
      merchantName: "Acme",
      merchantCountryCode: "840",
      merchantCategoryCode: "1234",
      merchantUrl: "https://example.com",
      scheme: "visa",
      currency: "USD",
      metadata: {}
    })
    assert.strictEqual(created.merchantAccountId, id)
    assert.deepStrictEqual((await configurations.list(id)).items.map((c) => c.id), [created.id])
    const updated = await configurations.update(id, created.id, { merchantName: "Acme Ltd" })
    assert.strictEqual(updated.merchantName, "Acme Ltd")
    await configurations.delete(id, created.id)
    assert.deepStrictEqual((await configurations.list(id)).items, [])
  })
})

describe("buyers", () => {
  it("create, get, list in pages, update, delete; NotFound after delete", async () => {
    const { client } = await newAccount()
    const created = await Promise.all(
      [1, 2, 3].map((n) => client.buyers.create({ displayName: `Buyer ${n}`, externalIdentifier: `ext-${n}` }))
    )
    const read = await client.buyers.get(created[1]!.id)
    assert.deepStrictEqual(read, created[1])
    const { items, pages } = await allPages((page) => client.buyers.list(page), 2)
    assert.deepStrictEqual(items.map((b) => b.id).toSorted(), created.map((b) => b.id).toSorted())
    assert.strictEqual(pages, 2)
    const byExternal = await client.buyers.list({ externalIdentifier: "ext-3" })
    assert.deepStrictEqual(byExternal.items.map((b) => b.id), [created[2]!.id])
    const updated = await client.buyers.update(created[0]!.id, { displayName: "Jane" })
    assert.strictEqual(updated.displayName, "Jane")
    assert.strictEqual(updated.externalIdentifier, "ext-1")
    await client.buyers.delete(created[0]!.id)
    assert.instanceOf(await rejection(client.buyers.get(created[0]!.id)), Errors.NotFound)
    assert.instanceOf(await rejection(client.buyers.delete(created[0]!.id)), Errors.NotFound)
  })

  it("are the merchant account's own: another account sees NotFound", async () => {
    const one = await newAccount()
    const other = await newAccount()
    const buyer = await one.client.buyers.create({ displayName: "Mine" })
    assert.instanceOf(await rejection(other.client.buyers.get(buyer.id)), Errors.NotFound)
    assert.instanceOf(await rejection(other.client.buyers.update(buyer.id, { displayName: "Yours" })), Errors.NotFound)
    assert.instanceOf(await rejection(other.client.buyers.delete(buyer.id)), Errors.NotFound)
    assert.deepStrictEqual((await other.client.buyers.list()).items, [])
    assert.strictEqual((await one.client.buyers.get(buyer.id)).displayName, "Mine")
  })

  it("shipping details: add, list, get, update, delete", async () => {
    const { client } = await newAccount()
    const buyer = await client.buyers.create()
    const shipping = client.buyers.shippingDetails
    const added = await shipping.create(buyer.id, { firstName: "Jane", lastName: "Doe", emailAddress: "jane@example.com" })
    assert.isString(added.id)
    const id = added.id!
    assert.deepStrictEqual((await shipping.list(buyer.id)).items.map((s) => s.id), [id])
    assert.strictEqual((await shipping.get(buyer.id, id)).firstName, "Jane")
    assert.strictEqual((await shipping.update(buyer.id, id, { firstName: "Janet" })).firstName, "Janet")
    await shipping.delete(buyer.id, id)
    assert.instanceOf(await rejection(shipping.get(buyer.id, id)), Errors.NotFound)
  })

  it("a body the contract refuses fails with BadRequest's wire pointers before anything is sent", async () => {
    const { client } = await newAccount()
    const error = await rejection(client.buyers.create({ displayName: "" }))
    assert.instanceOf(error, Errors.BadRequest)
    assert.deepStrictEqual((error as Errors.BadRequest).details!.map((d) => d.pointer), ["/display_name"])
  })
})

describe("payment services", () => {
  it("the mock-card definition; create, get, list in pages, update, delete", async () => {
    const { client } = await newAccount()
    const definition = await client.paymentServices.definitions.get("mock-card")
    assert.strictEqual(definition.id, "mock-card")
    assert.include((await allPages((page) => client.paymentServices.definitions.list(page), 50)).items.map((d) => d.id), "mock-card")
    const body = {
      displayName: "Mock Card",
      paymentServiceDefinitionId: "mock-card",
      fields: [{ key: "merchant_id", value: "test" }],
      acceptedCurrencies: ["USD"],
      acceptedCountries: ["US"]
    }
    const created = await Promise.all([1, 2, 3].map((n) => client.paymentServices.create({ ...body, displayName: `Mock ${n}` })))
    const id = created[0]!.id!
    assert.strictEqual((await client.paymentServices.get(id)).displayName, "Mock 1")
    const { items, pages } = await allPages((page) => client.paymentServices.list(page), 2)
    assert.deepStrictEqual(items.map((s) => s.id).toSorted(), created.map((s) => s.id).toSorted())
    assert.strictEqual(pages, 2)
    assert.strictEqual((await client.paymentServices.update(id, { displayName: "Renamed" })).displayName, "Renamed")
    await client.paymentServices.delete(id)
    assert.notInclude((await client.paymentServices.list()).items.map((s) => s.id), id)
    const other = await newAccount()
    assert.instanceOf(await rejection(other.client.paymentServices.get(created[1]!.id!)), Errors.NotFound)
  })
})

describe("payment methods", () => {
  it("store a card for a buyer, get, list in pages, a buyer's methods, update, delete; NotFound after delete", async () => {
    const { client } = await newAccount()
    const buyer = await client.buyers.create({ displayName: "Card holder" })
    const stored = await client.paymentMethods.create({ ...card("4111111111111111"), buyerId: buyer.id })
    assert.strictEqual(stored.method, "card")
    assert.strictEqual(stored.scheme, "visa")
    assert.strictEqual(stored.label, "1111")
    assert.strictEqual(stored.details?.bin?.slice(0, 6), "411111")
    assert.strictEqual(stored.buyer?.id, buyer.id)
    assert.notInclude(JSON.stringify(stored), "4111111111111111")
    const others = await Promise.all(["5555555555554444", "378282246310005"].map((n) => client.paymentMethods.create(card(n))))

    assert.deepStrictEqual(await client.paymentMethods.get(stored.id), stored)
    const { items, pages } = await allPages((page) => client.paymentMethods.list(page), 2)
    assert.deepStrictEqual(items.map((m) => m.id).toSorted(), [stored, ...others].map((m) => m.id).toSorted())
    assert.strictEqual(pages, 2)
    assert.deepStrictEqual((await client.paymentMethods.list({ buyerId: buyer.id })).items.map((m) => m.id), [stored.id])
    assert.deepStrictEqual((await client.buyers.paymentMethods({ buyerId: buyer.id })).items.map((m) => m.id), [stored.id])

    assert.strictEqual((await client.paymentMethods.update(stored.id, { expirationDate: "11/36" })).expirationDate, "11/36")
    await client.paymentMethods.delete(stored.id)
    assert.instanceOf(await rejection(client.paymentMethods.get(stored.id)), Errors.NotFound)
    assert.instanceOf(await rejection(client.paymentMethods.delete(stored.id)), Errors.NotFound)
  })

  it("store the card of a checkout session", async () => {
    const { client } = await newAccount()
    const session = await client.checkoutSessions.create()
    await client.checkoutSessions.updateFields(session.id, {
      paymentMethod: { method: "card", number: Redacted.make("5555555555554444", { label: "number" }), expirationDate: "10/34" }
    })
    const stored = await client.paymentMethods.create({ method: "checkout-session", id: session.id })
    assert.strictEqual(stored.scheme, "mastercard")
    assert.strictEqual(stored.label, "4444")
    assert.strictEqual(stored.method, "card")
  })

  it("are the merchant account's own; a card the server refuses is BadRequest with its pointer", async () => {
    const one = await newAccount()
    const other = await newAccount()
    const stored = await one.client.paymentMethods.create(card("4111111111111111"))
    assert.instanceOf(await rejection(other.client.paymentMethods.get(stored.id)), Errors.NotFound)
    assert.deepStrictEqual((await other.client.paymentMethods.list()).items, [])
    const luhn = await rejection(one.client.paymentMethods.create(card("4111111111111112")))
    assert.instanceOf(luhn, Errors.BadRequest)
    assert.include((luhn as Errors.BadRequest).details!.map((d) => d.pointer), "/number")
  })
})

describe("the retry policy on the payments calls", () => {
  it("retries a GET on 503 but never a POST that reached the server", async () => {
    await mock.reset()
    const { id, client } = await newAccount()
    const buyer = await client.buyers.create()
    const failing = clientFor(id, { headers: { prefer: "code=503" } })
    const error = await rejection(failing.buyers.get(buyer.id))
    assert.instanceOf(error, Errors.ServerError)
    assert.instanceOf(await rejection(failing.buyers.create({ displayName: "Once" })), Errors.ServerError)
    const forced = (await mock.journal()).filter(([, , status]) => status === 503)
    assert.deepStrictEqual(forced.map(([method, path]) => `${method} ${path}`), [
      ...Array(4).fill(`GET /buyers/${buyer.id}`),
      "POST /buyers"
    ])
  })
})

describe("the Effect service", () => {
  it("has the payments namespaces; failures are tagged errors in the error channel", async () => {
    const { id } = await newAccount()
    const program = Effect.gen(function*() {
      const client = yield* CheckoutKitClient
      const buyer = yield* client.buyers.create({ externalIdentifier: "effect" })
      const page = yield* client.buyers.list({ limit: 1 })
      const missing = yield* Effect.flip(client.buyers.get("3c90c3cc-0d44-4b50-8888-8dd25736052a"))
      return { buyer, page, missing }
    }).pipe(Effect.provide(CheckoutKitClient.layer({ baseUrl: mock.url, privateKey: merchant.privateKeyPem, merchantAccountId: id })))
    const { buyer, page, missing } = await Effect.runPromise(program)
    assert.deepStrictEqual(page.items.map((b) => b.id), [buyer.id])
    assert.strictEqual(missing._tag, "NotFound")
  })
})
