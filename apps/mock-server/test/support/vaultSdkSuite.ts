import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Gr4vy, withToken } from "@gr4vy/sdk"
import { Gr4vyError } from "@gr4vy/sdk/models/errors/gr4vyerror.js"
import * as fc from "fast-check"
import type { ServerOptions } from "../../src/Server.ts"
import { withoutRandomValues } from "./cards.ts"
import { makeKeyPair } from "./keys.ts"
import type { TestServer } from "./server.ts"

// The status an SDK call failed with (the SDK's own error class); fails the test when the call succeeds.
export const statusOf = async (call: () => Promise<unknown>): Promise<number> => {
  try {
    await call()
  } catch (error) {
    assert.instanceOf(error, Gr4vyError)
    return (error as Gr4vyError).statusCode
  }
  assert.fail("the call succeeded")
}

/**
 * The official TypeScript SDK, unchanged, driving stored buyers (with their
 * shipping details) and the payment-method vault on the mock: it parses every
 * answer strictly, so each call also holds the answer's shape to the spec.
 */
export const vaultSdkSuite = (start: (options: Partial<ServerOptions>) => Promise<TestServer>) => {
  const merchant = makeKeyPair()
  let server: TestServer
  let sdk: Gr4vy
  let serial = 0
  const unique = (prefix: string) => `${prefix}-${++serial}`

  beforeAll(async () => {
    server = await start({ auth: { kind: "jwt", publicKeys: [merchant.publicKeyPem] } })
    sdk = new Gr4vy({
      serverURL: server.url,
      merchantAccountId: "vault-merchant",
      bearerAuth: withToken({ privateKey: merchant.privateKeyPem })
    })
  })
  afterAll(() => server.close())

  const address = { line1: "1 Harbour Road", city: "Leeds", postalCode: "LS1 4AP", country: "GB" }
  const aBuyer = (overrides: Record<string, unknown> = {}) => ({
    displayName: "Ada Lovelace",
    externalIdentifier: unique("buyer"),
    billingDetails: { firstName: "Ada", lastName: "Lovelace", emailAddress: "ada@example.com", address },
    ...overrides
  })
  // A standard test card (never a real one).
  const card = { method: "card" as const, number: "4111111111111111", expirationDate: "11/39", securityCode: "737" }

  describe("buyers through the official SDK", () => {
    it("a buyer is created, read, found by search and by external identifier, and gone once deleted", async () => {
      const created = await sdk.buyers.create(aBuyer({ displayName: "Grace Hopper" }))
      assert.strictEqual(created.displayName, "Grace Hopper")
      assert.strictEqual(created.merchantAccountId, "vault-merchant")
      assert.strictEqual((await sdk.buyers.get(created.id!)).id, created.id)

      const searched = await sdk.buyers.list({ search: "grace" })
      assert.deepStrictEqual(searched.result.items.map((b) => b.id), [created.id])
      const byExternal = await sdk.buyers.list({ externalIdentifier: created.externalIdentifier! })
      assert.deepStrictEqual(byExternal.result.items.map((b) => b.id), [created.id])

      await sdk.buyers.delete(created.id!)
      assert.strictEqual(await statusOf(() => sdk.buyers.get(created.id!)), 404)
    })

    it("a second buyer with the same external identifier is refused with 409", async () => {
      const externalIdentifier = unique("taken")
      await sdk.buyers.create(aBuyer({ externalIdentifier }))
      assert.strictEqual(await statusOf(() => sdk.buyers.create(aBuyer({ externalIdentifier }))), 409)
    })

    it("an update changes the fields it sends and keeps every other", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record(
            { displayName: fc.string({ minLength: 1, maxLength: 20 }), accountNumber: fc.string({ minLength: 1, maxLength: 12 }) },
            { requiredKeys: [] }
          ),
          async (patch) => {
            const original = await sdk.buyers.create(aBuyer({ displayName: "Before", accountNumber: "ACC-1" }))
            const updated = await sdk.buyers.update(patch, original.id!)
            assert.strictEqual(updated.displayName, patch.displayName ?? "Before")
            assert.strictEqual(updated.accountNumber, patch.accountNumber ?? "ACC-1")
            assert.strictEqual(updated.billingDetails?.firstName, "Ada")
            assert.strictEqual(updated.externalIdentifier, original.externalIdentifier)
            assert.deepStrictEqual(await sdk.buyers.get(original.id!), updated)
          }
        ),
        { numRuns: 6, seed: 27 }
      )
    })

    it("shipping details are added, listed, read, partly updated and deleted under their buyer", async () => {
      const owner = await sdk.buyers.create(aBuyer())
      const added = await sdk.buyers.shippingDetails.create(
        { firstName: "Ship", lastName: "Here", emailAddress: "ship@example.com", address },
        owner.id!
      )
      assert.strictEqual(added.buyerId, owner.id)
      assert.deepStrictEqual((await sdk.buyers.shippingDetails.list(owner.id!)).items.map((s) => s.id), [added.id])
      assert.strictEqual((await sdk.buyers.shippingDetails.get(owner.id!, added.id!)).lastName, "Here")
      const renamed = await sdk.buyers.shippingDetails.update({ firstName: "Renamed" }, owner.id!, added.id!)
      assert.strictEqual(renamed.firstName, "Renamed")
      assert.strictEqual(renamed.lastName, "Here")
      assert.strictEqual(renamed.address?.city, "Leeds")
      await sdk.buyers.shippingDetails.delete(owner.id!, added.id!)
      assert.strictEqual(await statusOf(() => sdk.buyers.shippingDetails.get(owner.id!, added.id!)), 404)
      assert.strictEqual(await statusOf(() => sdk.buyers.shippingDetails.list("00000000-0000-4000-8000-000000000000")), 404)
    })
  })

  describe("the payment-method vault through the official SDK", () => {
    it("a card is stored, read, listed and gone once deleted; only its scheme, BIN, last four and expiry show", async () => {
      const stored = await sdk.paymentMethods.create(card)
      assert.strictEqual(stored.method, "card")
      assert.strictEqual(stored.scheme, "visa")
      assert.strictEqual(stored.label, "1111")
      assert.strictEqual(stored.details?.bin, "411111")
      assert.strictEqual(stored.expirationDate, "11/39")
      assert.strictEqual(stored.status, "succeeded")
      assert.strictEqual(stored.usageCount, 0)
      assert.isFalse(stored.hasReplacement)
      assert.notInclude(JSON.stringify(stored), "4111111111111111")
      assert.notInclude(withoutRandomValues(JSON.stringify(stored)), "737")

      assert.strictEqual((await sdk.paymentMethods.get(stored.id)).fingerprint, stored.fingerprint)
      const page = await sdk.paymentMethods.list({})
      assert.include(page.result.items.map((m) => m.id), stored.id)

      await sdk.paymentMethods.delete(stored.id)
      assert.strictEqual(await statusOf(() => sdk.paymentMethods.get(stored.id)), 404)
    })

    it("a card stored for a buyer (by id or external identifier) shows the buyer and is in the buyer's list", async () => {
      const owner = await sdk.buyers.create(aBuyer())
      const byId = await sdk.paymentMethods.create({ ...card, buyerId: owner.id })
      assert.strictEqual(byId.buyer?.id, owner.id)
      const byExternal = await sdk.paymentMethods.create({ ...card, buyerExternalIdentifier: owner.externalIdentifier! })
      assert.strictEqual(byExternal.buyer?.id, owner.id)

      const listed = await sdk.buyers.paymentMethods.list({ buyerId: owner.id! })
      assert.sameMembers(listed.items.map((m) => m.id), [byId.id, byExternal.id])
      const filtered = await sdk.paymentMethods.list({ buyerId: owner.id! })
      assert.sameMembers(filtered.result.items.map((m) => m.id), [byId.id, byExternal.id])

      // Deleting the buyer deletes the cards stored for it.
      await sdk.buyers.delete(owner.id!)
      assert.strictEqual(await statusOf(() => sdk.paymentMethods.get(byId.id)), 404)
    })

    it("a stored card has no network or payment-service tokens, and provisioning one is a clean 4xx", async () => {
      const stored = await sdk.paymentMethods.create(card)
      const none = "00000000-0000-4000-8000-000000000000"
      assert.deepStrictEqual((await sdk.paymentMethods.networkTokens.list(stored.id)).items, [])
      assert.deepStrictEqual((await sdk.paymentMethods.paymentServiceTokens.list(stored.id)).items, [])
      assert.strictEqual(
        await statusOf(() =>
          sdk.paymentMethods.networkTokens.create({ merchantInitiated: true, isSubsequentPayment: false }, stored.id)
        ),
        400
      )
      assert.strictEqual(await statusOf(() => sdk.paymentMethods.networkTokens.suspend(stored.id, none)), 404)
      assert.strictEqual(await statusOf(() => sdk.paymentMethods.networkTokens.resume(stored.id, none)), 404)
      assert.strictEqual(await statusOf(() => sdk.paymentMethods.networkTokens.delete(stored.id, none)), 404)
      assert.strictEqual(
        await statusOf(() => sdk.paymentMethods.networkTokens.cryptogram.create({ merchantInitiated: true }, stored.id, none)),
        404
      )
      assert.strictEqual(
        await statusOf(() =>
          sdk.paymentMethods.paymentServiceTokens.create(
            { paymentServiceId: none, redirectUrl: "https://example.com/back" },
            stored.id
          )
        ),
        400
      )
      assert.strictEqual(await statusOf(() => sdk.paymentMethods.paymentServiceTokens.delete(stored.id, none)), 404)
      assert.strictEqual(await statusOf(() => sdk.paymentMethods.networkTokens.list(none)), 404)
    })
  })
}
