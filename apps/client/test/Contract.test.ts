import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Fixtures from "@checkout-kit/fixtures"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Contract from "../src/Contract.ts"
import { createClient } from "../src/Promise.ts"
import { makeKeyPair, runBin, startMock } from "./support.ts"

const merchant = makeKeyPair()
const dir = mkdtempSync(join(tmpdir(), "checkout-kit-contract-"))
const keyFile = join(dir, "private-key.pem")
writeFileSync(keyFile, merchant.privateKeyPem)
let mock: Awaited<ReturnType<typeof startMock>>
const generators = { valid: Fixtures.checkoutSessionUpdate, invalid: Fixtures.invalidOf.CheckoutSessionUpdate }

beforeAll(async () => {
  mock = await startMock({ auth: { kind: "jwt", publicKeys: [merchant.publicKeyPem] } })
})
afterAll(async () => {
  await mock.close()
  rmSync(dir, { recursive: true, force: true })
})

// A server that breaks the contract: a proxy to the mock that changes its answers.
const brokenServer = async (breakIt: (method: string, exchange: any) => { status: number; body: any } | undefined) => {
  const server: Server = createServer(async (request, response) => {
    const chunks: Array<Buffer> = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString("utf8")
    const account = request.headers["x-gr4vy-merchant-account-id"] as string | undefined
    const forwarded = await fetch(`${mock.url}${request.url}`, {
      method: request.method!,
      headers: {
        ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
        ...(account === undefined ? {} : { "x-gr4vy-merchant-account-id": account }),
        "content-type": "application/json"
      },
      ...(text === "" ? {} : { body: text })
    })
    const answer = await forwarded.text()
    const parsed = answer === "" ? undefined : JSON.parse(answer)
    const broken = breakIt(request.method!, {
      path: request.url!,
      account,
      request: text === "" ? undefined : JSON.parse(text),
      status: forwarded.status,
      response: parsed
    })
    const status = broken?.status ?? forwarded.status
    const body = broken === undefined ? answer : JSON.stringify(broken.body)
    response.writeHead(status, { "content-type": "application/json" }).end(status === 204 ? undefined : body)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

// A card number: 13 to 19 digits on their own (a phone number's follow a "+").
const cardNumber = /(?<![+\d])\d{13,19}(?!\d)/

const cli = (...args: Array<string>) => runBin(args, { env: { ...process.env, CHECKOUT_KIT_PRIVATE_KEY: keyFile } })

describe("the contract runner", () => {
  it("passes against the mock server with 500 valid and 500 invalid bodies, counting every check it runs", async () => {
    const steps: Array<[number, number]> = []
    const report = await Contract.run({
      server: mock.url,
      runs: 500,
      seed: 11,
      privateKey: merchant.privateKeyPem,
      generators,
      onProgress: (done, total) => steps.push([done, total])
    })
    assert.deepStrictEqual(report.mismatches, [])
    // The bar's total is the number of checks asked for, and it ends there.
    const checks = report.checks.reduce((sum, check) => sum + check.passed + check.failed, 0)
    // The payments resources' checks: 50 bodies each (at most 50 by default), six unknown-id calls, one walk; the
    // payment services' and merchant accounts': 50 services, 50 invalid bodies, 5 accounts, five unknown-id calls;
    // the transactions': 20 created, 20 captured, refunded and voided, 50 invalid bodies, eight unknown-id calls.
    assert.strictEqual(checks, 1004 + 4 * 50 + 6 + 1 + 2 * 50 + 5 + 5 + 20 + 20 + 50 + 8)
    assert.deepStrictEqual(steps.at(-1), [checks, checks])
    assert.lengthOf(steps, checks)
    assert.isTrue(steps.every(([, total]) => total === checks))
    assert.deepStrictEqual(report.checks.map((c) => [c.name, c.passed, c.failed]), [
      ["valid bodies are accepted and read back", 500, 0],
      ["invalid bodies are rejected with the pointer", 500, 0],
      ["unknown session ids answer 404", 3, 0],
      ["valid buyers are created, read, updated and deleted", 50, 0],
      ["valid cards are stored, read, updated and deleted", 50, 0],
      ["invalid buyer bodies are rejected with the pointer", 50, 0],
      ["invalid card bodies are rejected with the pointer", 50, 0],
      ["unknown buyer and payment method ids answer 404", 6, 0],
      ["lists walked page by page neither repeat nor skip", 1, 0],
      ["valid payment services are created, read, renamed, listed and deleted", 50, 0],
      ["valid merchant accounts are created, read, renamed and listed; a taken id is a 409", 5, 0],
      ["invalid payment-service and merchant-account bodies are rejected with the pointer", 50, 0],
      ["unknown payment service and merchant account ids answer 404", 5, 0],
      ["transactions are created from each payment-method form, read, listed and kept from other accounts", 20, 0],
      ["transactions are captured, refunded and voided, their amounts in step", 20, 0],
      ["invalid transaction, capture and refund bodies are rejected with the pointer", 50, 0],
      ["unknown transaction and refund ids answer 404", 8, 0],
      ["expired sessions answer 404", 1, 0]
    ])
  })

  it("fails against a server that drops a field, naming the field", async () => {
    const server = await brokenServer((method, exchange) => {
      if (method !== "GET" || exchange.status !== 200) return undefined
      const { metadata: _, ...rest } = exchange.response
      return { status: 200, body: rest }
    })
    try {
      const report = await Contract.run({ server: server.url, runs: 40, seed: 3, privateKey: merchant.privateKeyPem, generators })
      const dropped = report.mismatches.filter((m) => m.message.includes("/metadata"))
      assert.isAbove(dropped.length, 0)
      assert.strictEqual(dropped[0].seed, 3)
      assert.isDefined(dropped[0].body)
    } finally {
      await server.close()
    }
  })

  it("fails against a server that accepts invalid bodies, and the CLI exits 1 with a report", async () => {
    const server = await brokenServer((method, exchange) => {
      if (method !== "POST" || exchange.status !== 400 || !exchange.request) return undefined
      return { status: 201, body: { type: "checkout-session", id: "3c90c3cc-0d44-4b50-8888-8dd25736052a", expires_at: "2030-01-01T00:00:00.000Z" } }
    })
    try {
      const reportFile = join(dir, "report.json")
      const out = await cli("contract", "--server", server.url, "--runs", "30", "--seed", "4", "--report", reportFile)
      assert.strictEqual(out.code, 1)
      assert.include(out.stdout, "invalid bodies are rejected with the pointer")
      const report = JSON.parse(readFileSync(reportFile, "utf8")) as Contract.ContractReport
      const accepted = report.mismatches.filter((m) => m.message.startsWith("accepted with 201"))
      assert.isAbove(accepted.length, 0)
      assert.match(accepted[0].message, /broken: \//)
      assert.strictEqual(accepted[0].seed, 4)
    } finally {
      await server.close()
    }
  })

  it("skips the expiry check against a server without the mock's clock, and still passes", async () => {
    const server = await brokenServer((_method, exchange) =>
      exchange.path.startsWith("/_mock/") ? { status: 404, body: { type: "error", code: "not_found", status: 404 } } : undefined
    )
    try {
      const report = await Contract.run({ server: server.url, runs: 5, seed: 5, privateKey: merchant.privateKeyPem, generators })
      assert.deepStrictEqual(report.mismatches, [])
      assert.deepStrictEqual(report.checks.at(-1), {
        name: "expired sessions answer 404",
        passed: 0,
        failed: 0,
        skipped: "the server offers no /_mock/clock"
      })
    } finally {
      await server.close()
    }
  })

  it("leaves the server as it was: runs in its own account, other accounts' sessions and clocks untouched", async () => {
    await mock.reset()
    const shop = createClient({ baseUrl: mock.url, privateKey: merchant.privateKeyPem, merchantAccountId: "shop" })
    const mine = createClient({ baseUrl: mock.url, privateKey: merchant.privateKeyPem })
    const clockOf = async (account?: string) => {
      const response = await fetch(`${mock.url}/_mock/clock`, {
        headers: account === undefined ? {} : { "x-gr4vy-merchant-account-id": account }
      })
      return (await response.json()) as { now: string; offset_seconds: number }
    }
    try {
      const theirs = await shop.checkoutSessions.create({ expiresIn: 3600 })
      const defaults = await mine.checkoutSessions.create({ expiresIn: 3600 })

      // Five bodies of each payments check: the whole run stays within the journal's last thousand requests.
      const report = await Contract.run({
        server: mock.url,
        runs: 20,
        paymentRuns: 5,
        seed: 12,
        privateKey: merchant.privateKeyPem,
        generators
      })
      assert.deepStrictEqual(report.mismatches, [])
      assert.strictEqual(report.checks.at(-1)?.passed, 1)
      const account = report.merchantAccountId!
      assert.match(account, /^checkout-kit-contract-/)

      // The run moved its own account's clock (its expiry check passed) and set it back; no other clock moved.
      assert.strictEqual((await clockOf(account)).offset_seconds, 0)
      assert.strictEqual((await clockOf("shop")).offset_seconds, 0)
      assert.strictEqual((await clockOf()).offset_seconds, 0)
      assert.strictEqual((await shop.checkoutSessions.get(theirs.id)).id, theirs.id)
      assert.strictEqual((await mine.checkoutSessions.get(defaults.id)).id, defaults.id)
      // Every request of the run named its own account.
      const body = (await (await fetch(`${mock.url}/_mock/requests`)).json()) as { items: Array<{ merchant_account_id: string; path: string }> }
      const runs = body.items.filter((entry) => entry.merchant_account_id === account)
      assert.isAbove(runs.length, 40)
      // Besides the reads under another account the isolation checks make (the run's account with `-other`).
      assert.isAbove(body.items.filter((entry) => entry.merchant_account_id === `${account}-other`).length, 0)
      // The merchant accounts' calls are admin level: they name no account (the mock journals them as `default`).
      assert.isAbove(body.items.filter((entry) => entry.path.startsWith("/merchant-accounts")).length, 0)
      assert.deepStrictEqual(
        body.items
          .filter((entry) => entry.merchant_account_id !== account && entry.merchant_account_id !== `${account}-other`)
          .filter((entry) => !entry.path.startsWith("/merchant-accounts"))
          .map((entry) => entry.merchant_account_id).toSorted(),
        ["default", "default", "shop", "shop"]
      )
    } finally {
      await shop.close()
      await mine.close()
    }
  })

  it("sets a named account's clock back where it found it", async () => {
    await mock.reset()
    const ahead = await fetch(`${mock.url}/_mock/clock`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-gr4vy-merchant-account-id": "qa" },
      body: JSON.stringify({ advance_seconds: 120 })
    })
    assert.strictEqual(ahead.status, 200)
    const report = await Contract.run({
      server: mock.url,
      runs: 5,
      seed: 13,
      privateKey: merchant.privateKeyPem,
      merchantAccountId: "qa",
      generators
    })
    assert.deepStrictEqual(report.mismatches, [])
    assert.strictEqual(report.merchantAccountId, "qa")
    const clock = await fetch(`${mock.url}/_mock/clock`, { headers: { "x-gr4vy-merchant-account-id": "qa" } })
    assert.strictEqual(((await clock.json()) as { offset_seconds: number }).offset_seconds, 120)
  })

  const buyerAt = /^\/buyers\/[^/?]+$/
  const paymentBugs = [
    [
      "a buyer another merchant account can read",
      (method: string, exchange: any) =>
        method === "GET" && buyerAt.test(exchange.path) && exchange.account?.endsWith("-other")
          ? { status: 200, body: { type: "buyer", id: exchange.path.split("/")[2] } }
          : undefined,
      "valid buyers are created, read, updated and deleted",
      /GET buyer #0 under another merchant account: GET \/buyers\/.*: expected status 404, got 200/
    ],
    [
      "a buyer update that drops a field it does not name",
      (method: string, exchange: any) => {
        if (method !== "PUT" || !buyerAt.test(exchange.path) || exchange.status !== 200) return undefined
        const { display_name: _, ...rest } = exchange.response
        return { status: 200, body: rest }
      },
      "valid buyers are created, read, updated and deleted",
      /update buyer #0 .*: the buyer differs at \/display_name/
    ],
    [
      "a stored card's answer that shows its number",
      (method: string, exchange: any) =>
        method === "POST" && exchange.path === "/payment-methods" && exchange.status === 201
          ? { status: 201, body: { ...exchange.response, number: exchange.request.number } }
          : undefined,
      "valid cards are stored, read, updated and deleted",
      /store card .*: the answer shows the card number ending \d{4}$/
    ],
    [
      "a list that skips an item between pages",
      (method: string, exchange: any) =>
        method === "GET" && /^\/buyers\?.*cursor=/.test(exchange.path) && exchange.status === 200
          ? { status: 200, body: { ...exchange.response, items: exchange.response.items.slice(1) } }
          : undefined,
      "lists walked page by page neither repeat nor skip",
      /list buyers by 2: GET \/buyers\?limit=2: the list skips /
    ],
    [
      "a server that stores an invalid stored-card body",
      (method: string, exchange: any) =>
        method === "POST" && exchange.path === "/payment-methods" && exchange.status === 400
          ? { status: 201, body: { type: "payment-method", id: "3c90c3cc-0d44-4b50-8888-8dd25736052a" } }
          : undefined,
      "invalid card bodies are rejected with the pointer",
      /invalid method-create broken at .*: expected status 400, got 201/
    ],
    [
      "a payment-service update that keeps the old display_name",
      (method: string, exchange: any) =>
        method === "PUT" && /^\/payment-services\/[^/?]+$/.test(exchange.path) && exchange.status === 200
          ? { status: 200, body: { ...exchange.response, display_name: `${exchange.response.display_name} (old)` } }
          : undefined,
      "valid payment services are created, read, renamed, listed and deleted",
      /update service #0 .*: the payment-service differs at \/display_name/
    ],
    [
      "a merchant-account list that skips one between pages",
      (method: string, exchange: any) =>
        method === "GET" && /^\/merchant-accounts\?.*cursor=/.test(exchange.path) && exchange.status === 200
          ? { status: 200, body: { ...exchange.response, items: exchange.response.items.slice(1) } }
          : undefined,
      "valid merchant accounts are created, read, renamed and listed; a taken id is a 409",
      /list accounts by 2: GET \/merchant-accounts\?limit=2: the list skips /
    ]
  ] as const

  const transactionAt = /^\/transactions\/[^/?]+$/
  const transactionBugs = [
    [
      "a transaction another merchant account can read",
      (method: string, exchange: any) =>
        method === "GET" && transactionAt.test(exchange.path) && exchange.account?.endsWith("-other")
          ? { status: 200, body: { type: "transaction", id: exchange.path.split("/")[2] } }
          : undefined,
      "transactions are created from each payment-method form, read, listed and kept from other accounts",
      /read it under another merchant account: GET \/transactions\/.*: expected status 404, got 200/
    ],
    [
      "a transaction's answer that shows its card number",
      (method: string, exchange: any) =>
        method === "POST" && exchange.path === "/transactions" && exchange.status === 201 && exchange.request?.payment_method?.number
          ? { status: 201, body: { ...exchange.response, payment_method: { ...exchange.response.payment_method, number: exchange.request.payment_method.number } } }
          : undefined,
      "transactions are created from each payment-method form, read, listed and kept from other accounts",
      /create a transaction from a card: POST \/transactions: the answer shows the card number ending \d{4}$/
    ],
    [
      "a partial capture that captures everything",
      (method: string, exchange: any) =>
        method === "POST" && exchange.path.endsWith("/capture") && exchange.status === 200 && exchange.request?.amount !== undefined
          ? { status: 200, body: { ...exchange.response, captured_amount: exchange.response.authorized_amount } }
          : undefined,
      "transactions are captured, refunded and voided, their amounts in step",
      /capture \d+: differs at \/captured_amount/
    ],
    [
      "a void that leaves the authorization standing",
      (method: string, exchange: any) =>
        method === "POST" && exchange.path.endsWith("/void") && exchange.status === 200
          ? { status: 200, body: { ...exchange.response, status: "authorization_succeeded" } }
          : undefined,
      "transactions are captured, refunded and voided, their amounts in step",
      /void it: differs at \/status/
    ],
    [
      "a second refund of a refunded transaction",
      (method: string, exchange: any) =>
        method === "POST" && exchange.path.endsWith("/refunds") && exchange.status === 400
          ? { status: 201, body: { type: "refund", id: "3c90c3cc-0d44-4b50-8888-8dd25736052a" } }
          : undefined,
      "transactions are captured, refunded and voided, their amounts in step",
      /refund it again: POST \/transactions\/.*\/refunds: expected status 400, got 201/
    ],
    [
      "a refund list that drops one",
      (method: string, exchange: any) =>
        method === "GET" && /^\/transactions\/[^/]+\/refunds$/.test(exchange.path) && exchange.status === 200
          ? { status: 200, body: { ...exchange.response, items: exchange.response.items.slice(1) } }
          : undefined,
      "transactions are captured, refunded and voided, their amounts in step",
      /list its refunds: differs at \/\d/
    ],
    [
      "a server that accepts an invalid capture body",
      (method: string, exchange: any) =>
        method === "POST" && exchange.path.endsWith("/capture") && exchange.status === 400
          ? { status: 200, body: {} }
          : undefined,
      "invalid transaction, capture and refund bodies are rejected with the pointer",
      /invalid capture broken at .*: expected status 400, got 200/
    ],
    [
      "a refund that answers 500 for an unknown id",
      (_method: string, exchange: any) =>
        exchange.path.startsWith("/refunds/") && exchange.status === 404
          ? { status: 500, body: { type: "error", code: "server_error", status: 500 } }
          : undefined,
      "unknown transaction and refund ids answer 404",
      /an unknown id: GET \/refunds\/.*: expected status 404, got 500/
    ]
  ] as const

  it.each(transactionBugs)("finds %s in the transactions, naming the check", async (_, breakIt, check, message) => {
    const server = await brokenServer(breakIt)
    try {
      const report = await Contract.run({ server: server.url, runs: 10, seed: 22, privateKey: merchant.privateKeyPem, generators })
      const found = report.mismatches.filter((m) => m.check === check)
      assert.isAbove(found.length, 0, Contract.summary(report))
      assert.match(found[0].message, message)
      // The cards the run pays with (a broken capture body's airline data may hold a 13-digit ticket number).
      for (const number of ["4111111111111111", "5555555555554444", "378282246310005"]) {
        assert.notInclude(JSON.stringify(report.mismatches), number)
      }
    } finally {
      await server.close()
    }
  })

  it.each(paymentBugs)("finds %s in the payments resources, naming the check", async (_, breakIt, check, message) => {
    const server = await brokenServer(breakIt)
    try {
      const report = await Contract.run({ server: server.url, runs: 10, seed: 21, privateKey: merchant.privateKeyPem, generators })
      const found = report.mismatches.filter((m) => m.check === check)
      assert.isAbove(found.length, 0, Contract.summary(report))
      assert.match(found[0].message, message)
      assert.notMatch(JSON.stringify(report.mismatches), cardNumber)
    } finally {
      await server.close()
    }
  })

  it("the CLI exits 0 against the mock and prints the summary", async () => {
    const out = await cli("contract", "--server", mock.url, "--runs", "50", "--seed", "9")
    assert.strictEqual(out.code, 0, out.stderr)
    assert.include(out.stdout, "no mismatch: the server honours the contract")
  })
})
