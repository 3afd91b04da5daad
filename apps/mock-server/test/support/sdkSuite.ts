import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Gr4vy, withToken } from "@gr4vy/sdk"
import * as errors from "@gr4vy/sdk/models/errors/index.js"
import { RFCDate } from "@gr4vy/sdk/types/index.js"
import type { ServerOptions } from "../../src/Server.ts"
import { fullSeedBody, seedExamples } from "./seeds.ts"
import { makeKeyPair } from "./keys.ts"
import type { TestServer } from "./server.ts"

/**
 * The official TypeScript SDK, unchanged, against the mock: its own token
 * minting (withToken: ES512, kid = JWK thumbprint, a fresh token per call),
 * on a server that `start` brings up (one per store).
 */
export const sdkSuite = (start: (options: Partial<ServerOptions>) => Promise<TestServer>) => {
  const merchant = makeKeyPair()
  let server: TestServer
  let sdk: Gr4vy

  beforeAll(async () => {
    server = await start({ auth: { kind: "jwt", publicKeys: [merchant.publicKeyPem] } })
    sdk = new Gr4vy({
      serverURL: server.url,
      merchantAccountId: "acme",
      bearerAuth: withToken({ privateKey: merchant.privateKeyPem })
    })
  })
  afterAll(() => server.close())

  const seeds = seedExamples()
  const minimalBody = seeds.find((e) => e.file.startsWith("01-") && e.role === "request")!.json
  const airlineBody = seeds.find((e) => e.file.startsWith("04-") && e.role === "request")!.json
  const fullBody = fullSeedBody()

  // Wire JSON as the SDK takes it: camelCase keys (metadata's own keys kept),
  // date-times as Date, calendar dates as RFCDate.
  const toSdk = (value: unknown, key = ""): any => {
    if (Array.isArray(value)) return value.map((v) => toSdk(v))
    if (typeof value === "string" && key === "date_of_birth") return new RFCDate(value)
    if (typeof value === "string" && key.endsWith("_at")) return new Date(value)
    if (typeof value !== "object" || value === null || key === "metadata") return value
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()), toSdk(v, k)])
    )
  }

  describe("the official @gr4vy/sdk against the mock", () => {
    it("creates a session from the minimal seed body and reads it back", async () => {
      const created = await sdk.checkoutSessions.create(toSdk(minimalBody))
      assert.match(created.id, /^[0-9a-f-]{36}$/)
      assert.strictEqual(created.cartItems?.[0]?.name, "GoPro HERO9 Camcorder")
      assert.deepStrictEqual(created.metadata, { key: "value" })
      const read = await sdk.checkoutSessions.get(created.id)
      assert.strictEqual(read.id, created.id)
      assert.strictEqual(read.expiresAt.getTime(), created.expiresAt.getTime())
    })

    it("creates a session from the full seed body (buyer, airline)", async () => {
      const created = await sdk.checkoutSessions.create(toSdk(fullBody))
      const read = await sdk.checkoutSessions.get(created.id)
      assert.strictEqual(read.buyer?.billingDetails?.address?.stateCode, "US-CA")
      assert.strictEqual(read.airline?.legs?.[0]?.departureAirport, "LHR")
      assert.strictEqual(read.airline?.passengers?.[0]?.dateOfBirth?.toString(), "2013-07-16")
    })

    it("updates with the airline seed body", async () => {
      const created = await sdk.checkoutSessions.create(toSdk(minimalBody))
      const updated = await sdk.checkoutSessions.update(toSdk(airlineBody), created.id)
      assert.strictEqual(updated.id, created.id)
      assert.strictEqual(updated.airline?.legs?.length, (airlineBody.airline as { legs: Array<unknown> }).legs.length)
      assert.deepStrictEqual(updated.metadata, airlineBody.metadata as Record<string, string>)
    })

    // API-SEMANTICS.md § Update: the SDK's update body model (CheckoutSessionCreate in @gr4vy/sdk 1.10, the spec's
    // CheckoutSessionUpdate) defaults expiresIn to 3600, so every SDK update sends expires_in and moves expires_at.
    it("an SDK update moves expires_at to an hour from the update, though it names no expiresIn", async () => {
      const created = await sdk.checkoutSessions.create({ expiresIn: 86_400 })
      const before = Date.now()
      const updated = await sdk.checkoutSessions.update({ metadata: { step: "2" } }, created.id)
      const after = Date.now()
      assert.isAbove(created.expiresAt.getTime(), after + 3_600_000)
      assert.isAtLeast(updated.expiresAt.getTime(), before + 3_600_000)
      assert.isAtMost(updated.expiresAt.getTime(), after + 3_600_000)
      assert.deepStrictEqual(updated.metadata, { step: "2" })
      // The same update as plain JSON, without expires_in, keeps expires_at.
      const plain = await fetch(`${server.url}/checkout/sessions/${created.id}`, {
        method: "PUT",
        headers: {
          "content-type": "application/json",
          "x-gr4vy-merchant-account-id": "acme",
          authorization: `Bearer ${await withToken({ privateKey: merchant.privateKeyPem })()}`
        },
        body: JSON.stringify({ metadata: { step: "3" } })
      })
      const plainBody = (await plain.json()) as { expires_at: string }
      assert.strictEqual(Date.parse(plainBody.expires_at), updated.expiresAt.getTime())
    })

    it("deletes a session, and a get after the delete raises the SDK's not-found error", async () => {
      const created = await sdk.checkoutSessions.create()
      await sdk.checkoutSessions.delete(created.id)
      try {
        await sdk.checkoutSessions.get(created.id)
        assert.fail("the deleted session was found")
      } catch (e) {
        assert.instanceOf(e, errors.Error404)
        assert.strictEqual((e as errors.Error404).status, 404)
      }
    })

    it("the merchant account the SDK sends partitions its sessions", async () => {
      const created = await sdk.checkoutSessions.create()
      const other = new Gr4vy({
        serverURL: server.url,
        merchantAccountId: "another",
        bearerAuth: withToken({ privateKey: merchant.privateKeyPem })
      })
      try {
        await other.checkoutSessions.get(created.id)
        assert.fail("another merchant account saw the session")
      } catch (e) {
        assert.instanceOf(e, errors.Error404)
      }
    })

    it("a validation failure raises the SDK's Error400 with the details", async () => {
      try {
        await sdk.checkoutSessions.create({ cartItems: [{ name: "", quantity: 1, unitAmount: 1 }] })
        assert.fail("an empty name was accepted")
      } catch (e) {
        assert.instanceOf(e, errors.Error400)
        assert.deepStrictEqual((e as errors.Error400).details?.map((d: { pointer: string }) => d.pointer), ["/cart_items/0/name"])
      }
    })
  })
}
