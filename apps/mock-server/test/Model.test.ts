import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { merchantAccountHeader } from "@checkout-kit/domain/api/CheckoutSessions"
import * as Token from "@checkout-kit/domain/Token"
import { Commands } from "@checkout-kit/fixtures"
import * as fc from "fast-check"
import { createPrivateKey } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { makeKeyPair } from "./support/keys.ts"
import { startServer, type TestServer } from "./support/server.ts"

// The reference model of the fixtures package is the oracle for both stores: sequences of operations sent to
// the mock, every answer checked against the model (the way a team runs it against its own code, with
// fc.asyncModelRun and the fixtures' commands).
const merchant = makeKeyPair()
// Card expiries are generated after this date: the same sequences in any year (the model judges expired cards).
const referenceDate = new Date("2026-12-01T00:00:00Z")
const dir = mkdtempSync(join(tmpdir(), "checkout-mock-model-"))
const servers: Record<"memory" | "sqlite", TestServer | undefined> = { memory: undefined, sqlite: undefined }

beforeAll(async () => {
  const auth = { kind: "jwt", publicKeys: [merchant.publicKeyPem] } as const
  servers.memory = await startServer({ auth })
  servers.sqlite = await startServer({ auth, store: { kind: "sqlite", path: join(dir, "sessions.db") } })
})
afterAll(async () => {
  await servers.memory?.close()
  await servers.sqlite?.close()
  rmSync(dir, { recursive: true, force: true })
})

// What each store answered, by resource and status ("/buyers 201"): the payments commands ran and succeeded too.
const answered = new Map<string, number>()

// A System over fetch: the mock, with tokens signed by the domain's signer, in the account `model`.
const system = (url: string): Commands.System => {
  const signer = Token.makeSigner(createPrivateKey(merchant.privateKeyPem))
  const tokens = new Map<string, Promise<string>>()
  const token = (t: Commands.Token) => {
    if (t._tag === "None") return undefined
    const key = JSON.stringify(t)
    let found = tokens.get(key)
    if (found === undefined) {
      found = signer.then((s) =>
        s.sign({
          scopes: t._tag === "Scopes" ? t.scopes : ["*.read", "*.write"],
          checkoutSessionId: t._tag === "Pinned" ? t.sessionId : undefined,
          issuer: "model-test",
          expiresIn: 3600
        })
      )
      tokens.set(key, found)
    }
    return found
  }
  return {
    send: async (request) => {
      const bearer = await token(request.token)
      const response = await fetch(`${url}${request.path}`, {
        method: request.method,
        headers: {
          ...(request.account === "none" ? {} : { [merchantAccountHeader]: request.account === "own" ? "model" : "model-other" }),
          ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
          ...(request.idempotencyKey === undefined ? {} : { "idempotency-key": request.idempotencyKey }),
          ...(request.body === undefined ? {} : { "content-type": "application/json" })
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) })
      })
      const text = await response.text()
      const key = `${/^\/[a-z-]+/.exec(request.path)?.[0]} ${response.status}`
      answered.set(key, (answered.get(key) ?? 0) + 1)
      return { status: response.status, body: text === "" ? undefined : JSON.parse(text) }
    }
  }
}

describe.each(["memory", "sqlite"] as const)("the %s store agrees with the reference model", (store) => {
  it("over 100 sequences of up to 20 operations, sessions, payments resources, payment services, merchant accounts and transactions", async () => {
    answered.clear()
    const real = Commands.real(system(servers[store]!.url))
    let failure: ReadonlyArray<Commands.Step> | undefined
    const details = await fc.check(
      fc.asyncProperty(fc.commands(Commands.all({ auth: true, referenceDate }), { maxCommands: 20, size: "max" }), async (sequence) => {
        real.trace.length = 0
        try {
          await fc.asyncModelRun(() => ({ model: Commands.model(), real }), sequence)
        } catch (error) {
          failure = real.trace.slice()
          throw error
        }
      }),
      { numRuns: 100, seed: 16 }
    )
    assert.isFalse(details.failed, JSON.stringify(failure, null, 2))
    const paymentServices = ["/payment-services 201", "/payment-services 200", "/payment-services 204", "/payment-services 404"]
    const merchantAccounts = ["/merchant-accounts 201", "/merchant-accounts 200", "/merchant-accounts 409"]
    const transactions = ["/transactions 201", "/transactions 200", "/transactions 400", "/transactions 404"]
    for (
      const key of [
        "/checkout 201",
        "/buyers 201",
        "/buyers 200",
        "/payment-methods 201",
        "/payment-methods 200",
        ...paymentServices,
        ...merchantAccounts,
        ...transactions
      ]
    ) {
      assert.isAbove(answered.get(key) ?? 0, 0, key)
    }
  })
})
