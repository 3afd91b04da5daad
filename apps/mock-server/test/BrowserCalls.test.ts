import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { randomUUID } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type * as Server from "../src/Server.ts"
import { makeKeyPair, signToken } from "./support/keys.ts"
import { call, startServer, type TestServer } from "./support/server.ts"
import { specErrors } from "./support/spec.ts"

// The browser-facing calls need no token and find a session by its id alone (API-SEMANTICS.md § Browser-facing
// calls; the spec declares no security on them; gr4vy/gr4vy-typescript tests/utils/fields.ts calls /fields with
// a plain fetch, no Authorization and no merchant-account header, on a session of a fresh merchant account).
const admin = makeKeyPair()
const acmeKey = makeKeyPair()
const stranger = makeKeyPair()
const dir = mkdtempSync(join(tmpdir(), "browser-calls-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const adminToken = (claims?: Record<string, unknown>, scopes?: ReadonlyArray<string>) =>
  signToken(admin.privateKey, admin.publicKey, { ...(claims === undefined ? {} : { claims }), ...(scopes ? { scopes } : {}) })
const headersOf = (account: string, token: string) => ({
  authorization: `Bearer ${token}`,
  "x-gr4vy-merchant-account-id": account
})

const stores: ReadonlyArray<readonly [string, Server.StoreOption]> = [
  ["memory", { kind: "memory" }],
  ["sqlite", { kind: "sqlite", path: join(dir, "sessions.db") }]
]

for (const [storeName, store] of stores) {
  describe(`browser-facing calls (${storeName} store)`, () => {
    let server: TestServer
    beforeAll(async () => {
      server = await startServer({
        store,
        auth: { kind: "jwt", publicKeys: [admin.publicKeyPem, { pem: acmeKey.publicKeyPem, merchantAccountId: "acme" }] }
      })
    })
    afterAll(() => server.close())

    // A session created under a fresh merchant account, as the SDK's suite does.
    const newSession = async (account = `merchant-${randomUUID()}`) => {
      const created = await call(server.url, "POST", "/checkout/sessions", {
        body: {},
        headers: headersOf(account, await adminToken())
      })
      assert.strictEqual(created.status, 201)
      return { account, id: created.body.id as string }
    }
    const read = async (account: string, id: string) =>
      call(server.url, "GET", `/checkout/sessions/${id}`, { headers: headersOf(account, await adminToken()) })

    // gr4vy/gr4vy-typescript tests/utils/fields.ts, literally: a PUT with no header but content-type.
    const putFields = (id: string, paymentMethod: Record<string, unknown>) =>
      fetch(`${server.url}/checkout/sessions/${id}/fields`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ payment_method: paymentMethod })
      })
    // The SDK helper sends "12/30"; a far-future expiry keeps this test valid whatever the year (cards expire).
    const card = { method: "card", number: "4111111111111111", expiration_date: "12/99", security_code: "123" }
    const fields = (id: string, headers: Record<string, string> = {}) =>
      call(server.url, "PUT", `/checkout/sessions/${id}/fields`, { body: { payment_method: card }, headers })
    const cardDetails = (id: string, headers: Record<string, string> = {}) =>
      call(server.url, "POST", `/checkout/sessions/${id}/card-details`, { body: { bin: "411111" }, headers })

    it("the SDK suite's putCheckoutSessionCard: 204 with no token, the card on the session", async () => {
      const { account, id } = await newSession()
      const response = await putFields(id, card)
      assert.strictEqual(response.status, 204, await response.text())
      const session = (await read(account, id)).body
      assert.deepStrictEqual(specErrors("CheckoutSession", session), [])
      assert.strictEqual(session.payment_method.scheme, "visa")
      assert.strictEqual(session.payment_method.label, "1111")
      assert.notInclude(JSON.stringify(session), "4111111111111111")
    })

    it("the SDK suite's putCheckoutSessionStoredMethod: a card stored in the session's account, by id, no token", async () => {
      const { account, id } = await newSession()
      const stored = await call(server.url, "POST", "/payment-methods", {
        body: card,
        headers: headersOf(account, await adminToken())
      })
      assert.strictEqual(stored.status, 201)
      const response = await putFields(id, { method: "id", id: stored.body.id, security_code: "123" })
      assert.strictEqual(response.status, 204, await response.text())
      const session = (await read(account, id)).body
      assert.deepStrictEqual(specErrors("CheckoutSession", session), [])
      assert.strictEqual(session.payment_method.id, stored.body.id)
      assert.strictEqual(session.payment_method.label, "1111")
      assert.notInclude(JSON.stringify(session), "security_code")
      // An id the session's merchant account never stored names nothing: 400 at its pointer.
      const unknown = await putFields(id, { method: "id", id: randomUUID(), security_code: "123" })
      assert.strictEqual(unknown.status, 400)
      const refusal = (await unknown.json()) as { details: Array<{ pointer: string }> }
      assert.deepStrictEqual(refusal.details.map((d) => d.pointer), [
        "/payment_method/id"
      ])
    })

    it("card details with no token", async () => {
      const { id } = await newSession()
      const response = await cardDetails(id)
      assert.strictEqual(response.status, 200)
      assert.strictEqual(response.body.scheme, "visa")
    })

    it("sessions of the default account and of another are found alike", async () => {
      for (const { id } of [await newSession("default"), await newSession("acme")]) {
        assert.strictEqual((await fields(id)).status, 204)
        assert.strictEqual((await cardDetails(id)).status, 200)
      }
    })

    it("a merchant-account header must name the session's account (else 404)", async () => {
      const { account, id } = await newSession()
      for (const browserCall of [fields, cardDetails]) {
        const other = await browserCall(id, { "x-gr4vy-merchant-account-id": "default" })
        assert.strictEqual(other.status, 404)
        assert.deepStrictEqual(specErrors("Error404", other.body), [])
        assert.isBelow((await browserCall(id, { "x-gr4vy-merchant-account-id": account })).status, 300)
      }
    })

    it("unknown and expired sessions answer 404", async () => {
      for (const browserCall of [fields, cardDetails]) assert.strictEqual((await browserCall(randomUUID())).status, 404)
      const { account, id } = await newSession()
      // The session's account's clock judges its expiry.
      await globalThis.fetch(`${server.url}/_mock/clock`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-gr4vy-merchant-account-id": account },
        body: JSON.stringify({ advance_seconds: 3601 })
      })
      try {
        for (const browserCall of [fields, cardDetails]) assert.strictEqual((await browserCall(id)).status, 404)
      } finally {
        await globalThis.fetch(`${server.url}/_mock/reset`, { method: "POST" })
      }
    })

    it("validation still answers 400 with details, without a token", async () => {
      const { id } = await newSession()
      const response = await call(server.url, "PUT", `/checkout/sessions/${id}/fields`, {
        body: { payment_method: { method: "card", number: "4111", expiration_date: "12/99" } }
      })
      assert.strictEqual(response.status, 400)
      assert.strictEqual(response.body.details[0].pointer, "/payment_method/number")
      // The body is judged before the session is looked up: a card failing Luhn on an unknown id is a 400.
      const unknown = await call(server.url, "PUT", `/checkout/sessions/${randomUUID()}/fields`, {
        body: { payment_method: { method: "card", number: "4111111111111112", expiration_date: "12/99" } }
      })
      assert.strictEqual(unknown.status, 400)
      assert.strictEqual(unknown.body.details[0].type, "luhn_check_failed")
    })

    describe("a token, when sent, is verified", () => {
      it("an invalid token: 401", async () => {
        const { id } = await newSession()
        const strangers = await signToken(stranger.privateKey, stranger.publicKey)
        for (const authorization of ["Bearer not-a-jwt", `Bearer ${strangers}`, "Basic dXNlcjpwYXNz"]) {
          for (const browserCall of [fields, cardDetails]) {
            const response = await browserCall(id, { authorization })
            assert.strictEqual(response.status, 401, authorization.slice(0, 12))
            assert.deepStrictEqual(specErrors("Error401", response.body), [])
          }
        }
      })
      it("a token pinned to another session: 403; to this one, or unpinned with any scopes: allowed", async () => {
        const { id } = await newSession()
        const elsewhere = await adminToken({ checkout_session_id: randomUUID() }, ["embed"])
        for (const browserCall of [fields, cardDetails]) {
          const response = await browserCall(id, { authorization: `Bearer ${elsewhere}` })
          assert.strictEqual(response.status, 403)
          assert.deepStrictEqual(specErrors("Error403", response.body), [])
        }
        const here = await adminToken({ checkout_session_id: id }, ["embed"])
        const unscoped = await adminToken(undefined, ["transactions.read"])
        for (const token of [here, unscoped]) {
          assert.strictEqual((await fields(id, { authorization: `Bearer ${token}` })).status, 204)
          assert.strictEqual((await cardDetails(id, { authorization: `Bearer ${token}` })).status, 200)
        }
      })
      it("a key bound to a merchant account reaches that account's sessions only", async () => {
        const acme = await newSession("acme")
        const other = await newSession()
        const token = await signToken(acmeKey.privateKey, acmeKey.publicKey)
        assert.strictEqual((await fields(acme.id, { authorization: `Bearer ${token}` })).status, 204)
        assert.strictEqual((await fields(other.id, { authorization: `Bearer ${token}` })).status, 404)
        const named = await fields(other.id, { authorization: `Bearer ${token}`, "x-gr4vy-merchant-account-id": other.account })
        assert.strictEqual(named.status, 403)
      })
    })
  })
}
