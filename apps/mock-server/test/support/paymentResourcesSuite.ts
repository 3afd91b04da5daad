import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Gr4vy, withToken } from "@gr4vy/sdk"
import * as errors from "@gr4vy/sdk/models/errors/index.js"
import { randomBytes } from "node:crypto"
import type { ServerOptions } from "../../src/Server.ts"
import { makeKeyPair } from "./keys.ts"
import { call, type TestServer } from "./server.ts"

const newId = () => randomBytes(6).toString("hex")
const simulator = (overrides: Record<string, unknown> = {}) => ({
  display_name: "Simulator",
  payment_service_definition_id: "mock-card",
  accepted_currencies: ["USD"],
  accepted_countries: ["US"],
  fields: [{ key: "merchant_id", value: "m-1" }],
  ...overrides
})
const rejects = async (action: () => Promise<unknown>) => {
  try {
    await action()
  } catch (e) {
    return e
  }
  return assert.fail("the call succeeded")
}

/**
 * Merchant accounts, payment services, payment options and card schemes over
 * real HTTP, on a server that `start` brings up (one per store): through the
 * official SDK (the flows a merchant's onboarding goes through) and as plain
 * JSON (the error answers, isolation, pagination, reset).
 */
export const paymentResourcesSuite = (start: (options: Partial<ServerOptions>) => Promise<TestServer>) => {
  const admin = makeKeyPair()
  let server: TestServer
  const token = withToken({ privateKey: admin.privateKeyPem })
  const sdk = (merchantAccountId?: string) =>
    new Gr4vy({ serverURL: server.url, merchantAccountId, bearerAuth: withToken({ privateKey: admin.privateKeyPem }) })
  // A JSON call with a fresh admin token, in a merchant account when one is named.
  const api = async (method: string, path: string, options: { body?: unknown; account?: string } = {}) =>
    call(server.url, method, path, {
      ...(options.body === undefined ? {} : { body: options.body }),
      headers: {
        authorization: `Bearer ${await token()}`,
        ...(options.account === undefined ? {} : { "x-gr4vy-merchant-account-id": options.account })
      }
    })
  beforeAll(async () => {
    server = await start({ auth: { kind: "jwt", publicKeys: [admin.publicKeyPem] } })
  })
  afterAll(() => server.close())

  describe("merchant accounts through the SDK", () => {
    it("onboards an account: create, read, list, rename; then configures a payment service in it", async () => {
      const id = newId()
      const created = await sdk().merchantAccounts.create({ id, displayName: "Before", overCaptureAmount: 500 })
      assert.strictEqual(created.id, id)
      assert.strictEqual(created.accountUpdaterEnabled, false)
      assert.strictEqual((await sdk().merchantAccounts.get(id)).displayName, "Before")
      const renamed = await sdk().merchantAccounts.update({ displayName: "After" }, id)
      assert.strictEqual(renamed.displayName, "After")
      assert.strictEqual(renamed.overCaptureAmount, 500, "a field the update does not name keeps its value")
      assert.isAtLeast(renamed.updatedAt.getTime(), created.updatedAt.getTime())
      const found = await sdk().merchantAccounts.list(undefined, undefined, id)
      assert.deepStrictEqual(found.result.items.map((account) => account.id), [id])

      const service = await sdk(id).paymentServices.create({
        displayName: "Cards",
        paymentServiceDefinitionId: "mock-card",
        acceptedCurrencies: ["USD"],
        acceptedCountries: ["US"],
        fields: [{ key: "merchant_id", value: "test" }]
      })
      assert.strictEqual(service.merchantAccountId, id)
      assert.strictEqual(service.method, "card")
    })

    it("creates, lists, edits and deletes a 3-D Secure configuration", async () => {
      const id = newId()
      await sdk().merchantAccounts.create({ id, displayName: id })
      const configurations = sdk().merchantAccounts.threeDsConfiguration
      const created = await configurations.create({
        merchantAcquirerBin: "516327",
        merchantAcquirerId: "123456789012345",
        merchantName: "Shop",
        merchantCountryCode: "840",
        merchantCategoryCode: "5411",
        merchantUrl: "https://shop.example",
        scheme: "visa",
        currency: "USD",
        metadata: { tier: "gold" }
      }, id)
      assert.strictEqual(created.merchantAccountId, id)
      assert.deepStrictEqual((await configurations.list(id)).items.map((c) => c.id), [created.id])
      assert.deepStrictEqual((await configurations.list(id, "EUR")).items, [])
      const edited = await configurations.update({ merchantName: "Shop Two" }, id, created.id)
      assert.strictEqual(edited.merchantName, "Shop Two")
      assert.strictEqual(edited.merchantUrl, "https://shop.example")
      await configurations.delete(id, created.id)
      assert.deepStrictEqual((await configurations.list(id)).items, [])
    })
  })

  describe("payment services through the SDK", () => {
    it("configures, reads, lists, renames and deletes a card simulator service", async () => {
      const client = sdk(newId())
      const created = await client.paymentServices.create({
        displayName: "Cards",
        paymentServiceDefinitionId: "mock-card",
        acceptedCurrencies: ["USD", "EUR"],
        acceptedCountries: ["US"],
        fields: [{ key: "merchant_id", value: "test" }]
      })
      assert.strictEqual((await client.paymentServices.get(created.id!)).displayName, "Cards")
      const page = await client.paymentServices.list({})
      assert.deepStrictEqual(page.result.items.map((s) => s.id), [created.id])
      const renamed = await client.paymentServices.update({ displayName: "Renamed" }, created.id!)
      assert.strictEqual(renamed.displayName, "Renamed")
      assert.deepStrictEqual(renamed.acceptedCurrencies, ["USD", "EUR"])
      await client.paymentServices.delete(created.id!)
      const gone = await rejects(() => client.paymentServices.get(created.id!))
      assert.instanceOf(gone, errors.Error404)
      assert.deepStrictEqual((await client.paymentServices.list({})).result.items, [])
      assert.deepStrictEqual(
        (await client.paymentServices.list({ deleted: true })).result.items.map((s) => s.isDeleted),
        [true]
      )
    })

    it("verifies the simulator's fields; its sessions fail, as it has no session API", async () => {
      const client = sdk(newId())
      await client.paymentServices.verify({ paymentServiceDefinitionId: "mock-card", fields: [{ key: "merchant_id", value: "x" }] })
      const service = await client.paymentServices.create({
        displayName: "Cards",
        paymentServiceDefinitionId: "mock-card",
        acceptedCurrencies: ["USD"],
        acceptedCountries: ["US"],
        fields: [{ key: "merchant_id", value: "test" }]
      })
      const session = await client.paymentServices.session({}, service.id!)
      assert.deepStrictEqual([session.status, session.code], ["failed", "unsupported_session"])
      assert.strictEqual((await client.paymentServiceDefinitions.session({}, "mock-card")).status, "failed")
      assert.instanceOf(await rejects(() => client.paymentServiceDefinitions.session({}, "no-such")), errors.Error404)
      assert.instanceOf(await rejects(() => sdk(newId()).paymentServices.session({}, service.id!)), errors.Error404)
      const wrong = await rejects(() =>
        client.paymentServices.verify({ paymentServiceDefinitionId: "mock-card", fields: [{ key: "secret", value: "x" }] })
      )
      assert.instanceOf(wrong, errors.Error400)
    })

    it("lists and reads the definitions, the options for a cart and the card schemes", async () => {
      const client = sdk(newId())
      const definitions = await client.paymentServiceDefinitions.list()
      assert.include(definitions.result.items.map((d) => d.id), "mock-card")
      const mockCard = await client.paymentServiceDefinitions.get("mock-card")
      assert.deepStrictEqual(mockCard.fields.map((f) => [f.key, f.required, f.secret]), [["merchant_id", true, false]])
      assert.instanceOf(await rejects(() => client.paymentServiceDefinitions.get("no-such")), errors.Error404)

      assert.deepStrictEqual((await client.paymentOptions.list({ country: "US", currency: "USD", amount: 1299 })).items, [])
      await client.paymentServices.create({
        displayName: "Cards",
        paymentServiceDefinitionId: "mock-card",
        acceptedCurrencies: ["USD"],
        acceptedCountries: ["US"],
        fields: [{ key: "merchant_id", value: "test" }]
      })
      const options = await client.paymentOptions.list({ country: "US", currency: "USD", amount: 1299 })
      assert.deepStrictEqual(options.items.map((o) => [o.method, o.mode]), [["card", "card"]])
      assert.deepStrictEqual((await client.paymentOptions.list({ country: "US", currency: "EUR" })).items, [])

      const schemes = await client.cardSchemeDefinitions.list()
      assert.include(schemes.items.map((s) => s.id), "visa")
    })
  })

  describe("the answers as JSON", () => {
    it("a duplicate merchant account id is 409 duplicate_record; an unknown one 404", async () => {
      const id = newId()
      assert.strictEqual((await api("POST", "/merchant-accounts", { body: { id, display_name: "A" } })).status, 201)
      const again = await api("POST", "/merchant-accounts", { body: { id, display_name: "B" } })
      assert.strictEqual(again.status, 409)
      assert.strictEqual(again.body.code, "duplicate_record")
      assert.strictEqual(again.body.resource_id, id)
      assert.strictEqual((await api("GET", `/merchant-accounts/${id}`)).body.display_name, "A")
      assert.strictEqual((await api("GET", `/merchant-accounts/${newId()}`)).status, 404)
      assert.strictEqual((await api("PUT", `/merchant-accounts/${newId()}`, { body: { display_name: "X" } })).status, 404)
    })

    it("an unknown key in a body is a 400 naming it, and nothing is created", async () => {
      const id = newId()
      const account = await api("POST", "/merchant-accounts", { body: { id, display_name: "A", display_colour: "red" } })
      assert.strictEqual(account.status, 400)
      assert.deepStrictEqual(account.body.details.map((d: any) => d.pointer), ["/display_colour"])
      assert.strictEqual((await api("GET", `/merchant-accounts/${id}`)).status, 404)
      const service = await api("POST", "/payment-services", { account: newId(), body: simulator({ colour: "red" }) })
      assert.strictEqual(service.status, 400)
      assert.deepStrictEqual(service.body.details.map((d: any) => d.pointer), ["/colour"])
      const options = await api("POST", "/payment-options", { body: { currency: "USD", colour: "red" } })
      assert.strictEqual(options.status, 400)
      assert.deepStrictEqual(options.body.details.map((d: any) => d.pointer), ["/colour"])
    })

    it("3-D Secure configurations of an unknown account, or unknown ones, are 404", async () => {
      const missing = newId()
      assert.strictEqual((await api("GET", `/merchant-accounts/${missing}/three-ds-configurations`)).status, 404)
      const id = newId()
      await api("POST", "/merchant-accounts", { body: { id, display_name: id } })
      const unknown = `/merchant-accounts/${id}/three-ds-configurations/00000000-0000-4000-8000-000000000000`
      assert.strictEqual((await api("DELETE", unknown)).status, 404)
      assert.strictEqual((await api("PUT", unknown, { body: { merchant_name: "X" } })).status, 404)
    })

    it("a merchant account's secret keys are answered masked", async () => {
      const id = newId()
      const created = await api("POST", "/merchant-accounts", {
        body: { id, display_name: id, loon_secret_key: "loon-secret-abcdefgh1234" }
      })
      assert.strictEqual(created.body.loon_secret_key, "****1234")
      assert.notInclude(JSON.stringify((await api("GET", `/merchant-accounts/${id}`)).body), "loon-secret")
    })

    it("the journal withholds a merchant account's secret keys and a payment service's credentials", async () => {
      const id = newId()
      await api("POST", "/merchant-accounts", { body: { id, display_name: id, loon_secret_key: "loon-secret-abcdefgh1234" } })
      await api("POST", "/payment-services", { account: id, body: simulator({ fields: [{ key: "merchant_id", value: "cred-42" }] }) })
      const { items } = (await call(server.url, "GET", "/_mock/requests")).body
      const recorded = await Promise.all(
        items.slice(-2).map(async (item: any) => (await call(server.url, "GET", `/_mock/requests/${item.id}`)).body)
      )
      const text = JSON.stringify(recorded)
      assert.include(text, "merchant_id", "the requests are in the journal, with their bodies")
      assert.notInclude(text, "loon-secret")
      assert.notInclude(text, "cred-42")
    })

    it("an unknown definition, an unknown field or a missing required field is a 400 with its pointer", async () => {
      const account = newId()
      const unknownDefinition = await api("POST", "/payment-services", {
        account,
        body: simulator({ payment_service_definition_id: "no-such" })
      })
      assert.strictEqual(unknownDefinition.status, 400)
      assert.deepStrictEqual(unknownDefinition.body.details.map((d: any) => d.pointer), ["/payment_service_definition_id"])
      const unknownField = await api("POST", "/payment-services", {
        account,
        body: simulator({ fields: [{ key: "merchant_id", value: "m" }, { key: "api_key", value: "k" }] })
      })
      assert.strictEqual(unknownField.status, 400)
      assert.deepStrictEqual(unknownField.body.details.map((d: any) => d.pointer), ["/fields/1/key"])
      const missing = await api("POST", "/payment-services", { account, body: simulator({ fields: [] }) })
      assert.strictEqual(missing.status, 400)
      assert.deepStrictEqual(missing.body.details.map((d: any) => [d.pointer, d.type]), [["/fields", "value_error.missing"]])
      const schemaError = await api("POST", "/payment-services", { account, body: simulator({ accepted_currencies: ["usd"] }) })
      assert.strictEqual(schemaError.status, 400)
      assert.deepStrictEqual(schemaError.body.details.map((d: any) => d.pointer), ["/accepted_currencies/0"])
      const clearing = await api("POST", "/payment-services", { account, body: simulator() })
      const cleared = await api("PUT", `/payment-services/${clearing.body.id}`, {
        account,
        body: { fields: [{ key: "merchant_id", value: "" }] }
      })
      assert.strictEqual(cleared.status, 400, "an update may not clear a required field")
    })

    it("another merchant account's payment service does not exist", async () => {
      const owner = newId()
      const created = await api("POST", "/payment-services", { account: owner, body: simulator() })
      assert.strictEqual(created.status, 201)
      const path = `/payment-services/${created.body.id}`
      const other = newId()
      assert.strictEqual((await api("GET", path, { account: other })).status, 404)
      assert.strictEqual((await api("PUT", path, { account: other, body: { display_name: "Mine" } })).status, 404)
      assert.strictEqual((await api("DELETE", path, { account: other })).status, 404)
      assert.deepStrictEqual((await api("GET", "/payment-services", { account: other })).body.items, [])
      assert.strictEqual((await api("GET", path, { account: owner })).body.display_name, "Simulator")
    })

    it("a delete answers 204, then the service is 404 and a second delete 404", async () => {
      const account = newId()
      const created = await api("POST", "/payment-services", { account, body: simulator() })
      const path = `/payment-services/${created.body.id}`
      const deleted = await api("DELETE", path, { account })
      assert.strictEqual(deleted.status, 204)
      assert.strictEqual(deleted.body, undefined)
      assert.strictEqual((await api("GET", path, { account })).status, 404)
      assert.strictEqual((await api("DELETE", path, { account })).status, 404)
    })

    it("pages of payment services and of merchant accounts neither repeat nor skip", async () => {
      const account = newId()
      const ids: Array<string> = []
      for (let i = 0; i < 7; i++) ids.push((await api("POST", "/payment-services", { account, body: simulator() })).body.id)
      const seen: Array<string> = []
      let cursor: string | null = null
      let pages = 0
      do {
        const page: any = (await api("GET", `/payment-services?limit=3${cursor === null ? "" : `&cursor=${cursor}`}`, { account })).body
        assert.isAtMost(page.items.length, 3)
        assert.strictEqual(page.limit, 3)
        seen.push(...page.items.map((s: any) => s.id))
        cursor = page.next_cursor
        pages++
      } while (cursor !== null)
      assert.strictEqual(pages, 3)
      assert.sameMembers(seen, ids)
      assert.strictEqual(new Set(seen).size, 7)
      const bad = await api("GET", "/payment-services?cursor=not-a-cursor", { account })
      assert.strictEqual(bad.status, 400)
      assert.strictEqual(bad.body.details[0].pointer, "/cursor")

      const prefix = newId()
      for (let i = 0; i < 5; i++) await api("POST", "/merchant-accounts", { body: { id: `${prefix}-${i}`, display_name: "P" } })
      const first = (await api("GET", `/merchant-accounts?search=${prefix}&limit=2`)).body
      const second = (await api("GET", `/merchant-accounts?search=${prefix}&limit=2&cursor=${first.next_cursor}`)).body
      const third = (await api("GET", `/merchant-accounts?search=${prefix}&limit=2&cursor=${second.next_cursor}`)).body
      const all = [...first.items, ...second.items, ...third.items].map((a: any) => a.id)
      assert.sameMembers(all, [0, 1, 2, 3, 4].map((i) => `${prefix}-${i}`))
      assert.strictEqual(third.next_cursor, null)
      assert.strictEqual(first.previous_cursor, null)
      const back = (await api("GET", `/merchant-accounts?search=${prefix}&limit=2&cursor=${second.previous_cursor}`)).body
      assert.deepStrictEqual(back.items.map((a: any) => a.id), first.items.map((a: any) => a.id))
    })

    it("each call needs its scope", async () => {
      const account = newId()
      const reader = withToken({ privateKey: admin.privateKeyPem, scopes: ["payment-services.read"] })
      const asReader = async (method: string, path: string, body?: unknown) =>
        call(server.url, method, path, {
          ...(body === undefined ? {} : { body }),
          headers: { authorization: `Bearer ${await reader()}`, "x-gr4vy-merchant-account-id": account }
        })
      assert.strictEqual((await asReader("GET", "/payment-services")).status, 200)
      assert.strictEqual((await asReader("POST", "/payment-services", simulator())).status, 403)
      assert.strictEqual((await asReader("GET", "/merchant-accounts")).status, 403)
      assert.strictEqual((await asReader("GET", "/payment-service-definitions")).status, 403)
      assert.strictEqual((await asReader("POST", "/payment-options", {})).status, 403)
      assert.strictEqual((await call(server.url, "GET", "/card-scheme-definitions")).status, 401)
    })

    it("/_mock/reset clears merchant accounts and payment services", async () => {
      const id = newId()
      await api("POST", "/merchant-accounts", { body: { id, display_name: id } })
      const service = await api("POST", "/payment-services", { account: id, body: simulator() })
      assert.strictEqual((await call(server.url, "POST", "/_mock/reset")).status, 200)
      assert.strictEqual((await api("GET", `/merchant-accounts/${id}`)).status, 404)
      assert.strictEqual((await api("GET", `/payment-services/${service.body.id}`, { account: id })).status, 404)
      assert.strictEqual((await api("POST", "/merchant-accounts", { body: { id, display_name: id } })).status, 201)
    })
  })
}
