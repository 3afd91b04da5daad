import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { createServer, type IncomingHttpHeaders, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type * as Commands from "@checkout-kit/fixtures/Commands"
import * as Stateful from "../src/Stateful.ts"
import { makeKeyPair, runBin, startMock } from "./support.ts"

const merchant = makeKeyPair()
const dir = mkdtempSync(join(tmpdir(), "checkout-kit-stateful-"))
const keyFile = join(dir, "private-key.pem")
// Card expiries are generated after this day: the same sequences in any year (the model judges expired cards).
const referenceDay = "2026-12-01"
// A card number: 13 to 19 digits on their own (a phone number's follow a "+").
const cardNumber = /(?<![+\d])\d{13,19}(?!\d)/
writeFileSync(keyFile, merchant.privateKeyPem)
let memory: Awaited<ReturnType<typeof startMock>>
let sqlite: Awaited<ReturnType<typeof startMock>>

beforeAll(async () => {
  const auth = { kind: "jwt", publicKeys: [merchant.publicKeyPem] } as const
  memory = await startMock({ auth })
  sqlite = await startMock({ auth, store: { kind: "sqlite", path: join(dir, "sessions.db") } })
})
afterAll(async () => {
  await memory.close()
  await sqlite.close()
  rmSync(dir, { recursive: true, force: true })
})

describe("Stateful.check against the mock", () => {
  it.each(["memory", "sqlite"] as const)("the %s store passes 200 sequences", async (store) => {
    const mock = store === "memory" ? memory : sqlite
    const report = await Stateful.check({ baseUrl: mock.url, privateKey: merchant.privateKeyPem, runs: 200, seed: 7, referenceDay })
    assert.isTrue(report.passed, Stateful.summary(report))
    assert.strictEqual(report.sequences, 200)
    assert.isAbove(report.commands, 200 * 5)
    assert.strictEqual(report.merchantAccountId, "contract-7")
    assert.isTrue(report.payments)
  })
})

// The mock over HTTP in the account, each request and its answer seen by `see`.
const observed = (
  url: string,
  account: string,
  see: (request: Commands.Request, answer: { readonly status: number; readonly body: unknown }) => void
): Commands.System => {
  const http = Stateful.httpSystem({ baseUrl: url, privateKey: merchant.privateKeyPem, merchantAccountId: account })
  return {
    send: async (request) => {
      const answer = await http.send(request)
      see(request, answer)
      return answer
    }
  }
}

describe("Stateful.check: payment services and merchant accounts against the mock", () => {
  it.each(["memory", "sqlite"] as const)("the %s store passes 60 sequences of their commands alone", async (store) => {
    const mock = store === "memory" ? memory : sqlite
    const seen = new Set<string>()
    const system = observed(mock.url, `services-${store}`, (request, answer) => {
      seen.add(`${request.method} ${request.path.replace(/\?.*$/, "").replace(/^(\/[^/]+)\/[^/]+$/, "$1/{id}")} ${answer.status}`)
    })
    const report = await Stateful.check({ system, runs: 60, seed: 9, referenceDay, sessions: false, payments: false, services: true })
    assert.isTrue(report.passed, Stateful.summary(report))
    assert.isTrue(report.services)
    // Every call the model checks ran: creates, reads, renames, a delete and its 404 after, a taken id's 409, lists.
    assert.includeMembers([...seen], [
      "POST /payment-services 201",
      "GET /payment-services/{id} 200",
      "PUT /payment-services/{id} 200",
      "DELETE /payment-services/{id} 204",
      "GET /payment-services/{id} 404",
      "GET /payment-services 200",
      "POST /payment-services 400",
      "POST /merchant-accounts 201",
      "POST /merchant-accounts 409",
      "GET /merchant-accounts/{id} 200",
      "PUT /merchant-accounts/{id} 200",
      "GET /merchant-accounts 200"
    ])
  })
})

describe("Stateful.check: transactions against the mock", () => {
  it.each(["memory", "sqlite"] as const)("the %s store passes 100 sequences of their commands alone", async (store) => {
    const mock = store === "memory" ? memory : sqlite
    const seen = new Set<string>()
    const system = observed(mock.url, `transactions-${store}`, (request, answer) => {
      const path = request.path.replace(/\?.*$/, "").replace(/^\/(transactions|refunds)\/[^/]+/, "/$1/{id}")
      const status = (answer.body as { status?: unknown } | undefined)?.status
      seen.add(`${request.method} ${path} ${answer.status}${request.idempotencyKey === undefined ? "" : " (key)"}`)
      if (typeof status === "string") seen.add(status)
    })
    const report = await Stateful.check({
      system,
      runs: 100,
      seed: 11,
      referenceDay,
      sessions: false,
      payments: false,
      services: false,
      transactions: true
    })
    assert.isTrue(report.passed, Stateful.summary(report))
    assert.isTrue(report.transactions)
    // Every call and outcome the model checks ran: declines from the simulator's table, captures, voids, refunds,
    // the 400s of amounts over what is left and of a capture after a void, replays, another account's 404s.
    assert.includeMembers([...seen], [
      "POST /transactions 201",
      "POST /transactions 201 (key)",
      "authorization_succeeded",
      "authorization_declined",
      "authorization_failed",
      "capture_succeeded",
      "authorization_voided",
      "GET /transactions/{id} 200",
      "PUT /transactions/{id} 200",
      "POST /transactions/{id}/capture 200",
      "POST /transactions/{id}/capture 400",
      "POST /transactions/{id}/void 200",
      "POST /transactions/{id}/void 400",
      "POST /transactions/{id}/refunds 201",
      "POST /transactions/{id}/refunds 400",
      "POST /transactions/{id}/refunds/all 201",
      "GET /refunds/{id} 200",
      "GET /refunds/{id} 404",
      "GET /transactions 200",
      "GET /transactions/{id} 404"
    ])
  })
})

describe("Stateful.check options", () => {
  it("token commands only where the server checks scopes: a mock with auth off is checked without them", async () => {
    const open = await startMock({ auth: { kind: "off" } })
    try {
      const report = await Stateful.check({ baseUrl: open.url, privateKey: merchant.privateKeyPem, runs: 30, seed: 3, referenceDay })
      assert.isTrue(report.passed, Stateful.summary(report))
      assert.isFalse(report.auth)
      const checked = await Stateful.check({ baseUrl: memory.url, privateKey: merchant.privateKeyPem, runs: 1, seed: 3, referenceDay })
      assert.isTrue(checked.auth)
    } finally {
      await open.close()
    }
  })

  it("cards generated long before the server's today are expired, and the model expects the 400 at their expiry", async () => {
    // Expiries from 2014 to 2024: what a pinned reference day gives once the years have passed.
    const http = Stateful.httpSystem({ baseUrl: memory.url, privateKey: merchant.privateKeyPem, merchantAccountId: "old-cards" })
    let expired = 0
    const system = {
      send: async (request: Parameters<typeof http.send>[0]) => {
        const answer = await http.send(request)
        const details = (answer.body as { details?: Array<{ pointer: string }> } | undefined)?.details ?? []
        if (details.some((d) => d.pointer === "/payment_method/expiration_date")) expired++
        return answer
      }
    }
    const report = await Stateful.check({ system, runs: 50, seed: 4, referenceDay: "2014-01-01" })
    assert.isTrue(report.passed, Stateful.summary(report))
    assert.isAbove(expired, 0)
  })

  it("--clock: clock moves, sessions expire as the model says, in the run's merchant account", async () => {
    const own = await startMock({ auth: { kind: "jwt", publicKeys: [merchant.publicKeyPem] } })
    try {
      const report = await Stateful.check({ baseUrl: own.url, privateKey: merchant.privateKeyPem, runs: 100, seed: 12, clock: true, referenceDay })
      assert.isTrue(report.passed, Stateful.summary(report))
      assert.isTrue(report.clock)
      const clock = (await (await fetch(`${own.url}/_mock/clock`, { headers: { "x-gr4vy-merchant-account-id": "contract-12" } })).json()) as { offset_seconds: number }
      assert.isAbove(clock.offset_seconds, 0)
    } finally {
      await own.close()
    }
  })
})

// A server answering each request by the function, recording what it was sent.
const scripted = async (answer: (seen: number, method: string, path: string) => { status: number; headers?: Record<string, string>; body?: string }) => {
  const seen: Array<{ method: string; path: string; headers: IncomingHttpHeaders; body: string }> = []
  const server: Server = createServer(async (request, response) => {
    const chunks: Array<Buffer> = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    seen.push({ method: request.method!, path: request.url!, headers: request.headers, body: Buffer.concat(chunks).toString("utf8") })
    const { body, headers, status } = answer(seen.length, request.method!, request.url!)
    response.writeHead(status, { "content-type": "application/json", ...headers }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

describe("Stateful.httpSystem: the client's transport", () => {
  const request = { method: "GET", path: "/checkout/sessions/s1", body: undefined, account: "own", token: { _tag: "None" } } as const
  const unavailable = { status: 503, headers: { "retry-after": "0" }, body: `{"code":"unavailable"}` }

  it("every answer is checked as it came, a 503 or a 500 included: nothing is sent twice unless retries are asked for", async () => {
    const server = await scripted(() => unavailable)
    try {
      const system = Stateful.httpSystem({ baseUrl: `${server.url}/`, merchantAccountId: "acct" })
      assert.deepStrictEqual(await system.send(request), { status: 503, body: { code: "unavailable" } })
      assert.deepStrictEqual(await system.send({ ...request, method: "DELETE" }), { status: 503, body: { code: "unavailable" } })
      assert.deepStrictEqual(server.seen.map((s) => [s.method, s.path, s.headers["x-gr4vy-merchant-account-id"]]), [
        ["GET", "/checkout/sessions/s1", "acct"],
        ["DELETE", "/checkout/sessions/s1", "acct"]
      ])
    } finally {
      await server.close()
    }
  })

  it("retries asked for follow the client's policy (Retry-After), and a POST that reached the server is still sent once", async () => {
    const server = await scripted((n) => n === 1 ? unavailable : n === 2 ? { status: 200, body: `{"id":"s1"}` } : unavailable)
    try {
      const system = Stateful.httpSystem({ baseUrl: server.url, retry: { retries: 2 } })
      assert.deepStrictEqual(await system.send(request), { status: 200, body: { id: "s1" } })
      assert.strictEqual(server.seen.length, 2)
      const post = await system.send({ ...request, method: "POST", path: "/checkout/sessions", body: { cart_items: null }, account: "other" })
      assert.deepStrictEqual(post, { status: 503, body: { code: "unavailable" } })
      assert.strictEqual(server.seen.length, 3)
      assert.strictEqual(server.seen[2].body, `{"cart_items":null}`)
      assert.strictEqual(server.seen[2].headers["content-type"], "application/json")
      assert.strictEqual(server.seen[2].headers["x-gr4vy-merchant-account-id"], "default-other")
    } finally {
      await server.close()
    }
  })

  it("clock moves go to the typed controls in the run's account: false when the server answers without a clock, a rejection when nothing answers", async () => {
    const server = await scripted((_, __, path) =>
      path === "/_mock/clock" ? { status: 404, body: `{"type":"error","code":"not_found","status":404,"message":"no clock"}` } : { status: 200, body: "{}" }
    )
    try {
      const system = Stateful.httpSystem({ baseUrl: server.url, merchantAccountId: "acct" })
      assert.isFalse(await system.advanceClock!(60))
      assert.deepStrictEqual(server.seen.map((s) => [s.method, s.path, s.headers["x-gr4vy-merchant-account-id"], s.body]), [
        ["POST", "/_mock/clock", "acct", `{"advance_seconds":60}`]
      ])
    } finally {
      await server.close()
    }
    const gone = Stateful.httpSystem({ baseUrl: server.url })
    let failure: unknown
    await gone.advanceClock!(60).catch((error) => (failure = error))
    assert.isTrue(failure !== undefined && (failure as { _tag?: string })._tag === "HttpClientError", String(failure))
  })
})

// How a proxy sends a request on to the mock: the answer's status and text.
type Forward = (
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: string,
  account?: string
) => Promise<{ status: number; text: string }>

interface Bug {
  /** Rewrites a request before it reaches the mock, or answers it in the mock's place. */
  readonly request?: (
    method: string,
    path: string,
    body: any,
    forward: (method: string, path: string, body?: unknown) => Promise<{ status: number; json: any }>,
    account: string
  ) => Promise<
    { body?: unknown; answer?: { status: number; json: unknown }; account?: string; withoutKey?: boolean } | undefined
  >
  /** Sees every answer. */
  readonly answer?: (method: string, path: string, status: number, json: any, account: string) => void
}

// Sends a request on to the mock (in another merchant account than the request's when `account` says so).
const toMock: Forward = async (method, path, headers, body, account?: string) => {
  const response = await fetch(`${memory.url}${path}`, {
    method,
    headers: {
      ...Object.fromEntries(
        Object.entries(headers).filter(([k]) =>
          ["authorization", "x-gr4vy-merchant-account-id", "content-type", "idempotency-key"].includes(k)
        )
      ) as Record<string, string>,
      ...(account === undefined ? {} : { "x-gr4vy-merchant-account-id": account })
    },
    ...(body === "" ? {} : { body })
  })
  return { status: response.status, text: await response.text() }
}

// A server with one bug: a proxy in front of the mock.
const buggyServer = async (bug: Bug) => {
  const server: Server = createServer(async (request, response) => {
    const chunks: Array<Buffer> = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const method = request.method!
    const path = request.url!
    let text = Buffer.concat(chunks).toString("utf8")
    const parsed = text === "" ? undefined : JSON.parse(text)
    const account = String(request.headers["x-gr4vy-merchant-account-id"] ?? "default")
    const changed = await bug.request?.(method, path, parsed, async (m, p, b) => {
      const answer = await toMock(m, p, request.headers, b === undefined ? "" : JSON.stringify(b))
      return { status: answer.status, json: answer.text === "" ? undefined : JSON.parse(answer.text) }
    }, account)
    let status: number
    let answer: string
    if (changed?.answer !== undefined) {
      status = changed.answer.status
      answer = JSON.stringify(changed.answer.json)
    } else {
      if (changed?.body !== undefined) text = JSON.stringify(changed.body)
      const { "idempotency-key": _, ...withoutKey } = request.headers
      const headers = changed?.withoutKey === true ? withoutKey : request.headers
      const forwarded = await toMock(method, path, headers, text, changed?.account)
      status = forwarded.status
      answer = forwarded.text
    }
    bug.answer?.(method, path, status, answer === "" ? undefined : JSON.parse(answer), account)
    response.writeHead(status, { "content-type": "application/json" }).end(status === 204 ? undefined : answer)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

const sessionPath = /^\/checkout\/sessions\/([^/]+)$/

// The bugs keep what they saw by merchant account and session id: each is that bug, and no other.
const keyOf = (account: string, path: string, method: string, status: number, json: any) => {
  const id = sessionPath.exec(path)?.[1] ?? (method === "POST" && status === 201 ? json?.id : undefined)
  return id === undefined ? undefined : `${account} ${id}`
}

const staleReadOnce = (): Bug => {
  const last = new Map<string, unknown>()
  const stale = new Map<string, unknown>()
  return {
    request: async (method, path, _body, _forward, account) => {
      const key = keyOf(account, path, method, 0, undefined)
      if (method !== "GET" || key === undefined || !stale.has(key)) return undefined
      const json = stale.get(key)
      stale.delete(key)
      return { answer: { status: 200, json } }
    },
    answer: (method, path, status, json, account) => {
      const key = keyOf(account, path, method, status, json)
      if (key === undefined || status >= 300) return
      if (method === "PUT" && last.has(key)) stale.set(key, last.get(key))
      last.set(key, json)
    }
  }
}

const nullDropped = (): Bug => ({
  request: async (method, path, body) =>
    method === "PUT" && sessionPath.test(path) && typeof body === "object" && body !== null
      ? { body: Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null)) }
      : undefined
})

const deletedReadableOnce = (): Bug => {
  const last = new Map<string, unknown>()
  const ghosts = new Map<string, unknown>()
  return {
    request: async (method, path, _body, _forward, account) => {
      const key = keyOf(account, path, method, 0, undefined)
      if (method !== "GET" || key === undefined || !ghosts.has(key)) return undefined
      const json = ghosts.get(key)
      ghosts.delete(key)
      return { answer: { status: 200, json } }
    },
    answer: (method, path, status, json, account) => {
      const key = keyOf(account, path, method, status, json)
      if (key === undefined) return
      if (method === "DELETE" && status === 204) ghosts.set(key, last.get(key))
      else if (status < 300 && json !== undefined) last.set(key, json)
    }
  }
}

const metadataMerged = (): Bug => ({
  request: async (method, path, body, forward) => {
    if (method !== "PUT" || !sessionPath.test(path) || typeof body?.metadata !== "object" || body.metadata === null) {
      return undefined
    }
    const current = await forward("GET", path)
    if (current.status !== 200) return undefined
    return { body: { ...body, metadata: { ...current.json.metadata, ...body.metadata } } }
  }
})

const expiresInIgnored = (): Bug => ({
  request: async (method, path, body) => {
    if (method !== "PUT" || !sessionPath.test(path) || typeof body !== "object" || body === null) return undefined
    const { expires_in: _, ...rest } = body
    return { body: rest }
  }
})

const buyerPath = /^\/buyers\/([^/?]+)$/
const methodPath = /^\/payment-methods\/([^/?]+)$/

// Pages after the first lose their first item: a list that skips an item between pages.
const listSkips = (): Bug => ({
  request: async (method, path, _body, forward) => {
    if (method !== "GET" || !/^\/(buyers|payment-methods)\?.*cursor=/.test(path)) return undefined
    const page = await forward(method, path)
    return page.status === 200 ? { answer: { status: 200, json: { ...page.json, items: page.json.items.slice(1) } } } : undefined
  }
})

// An update of a buyer clears the display name it does not name.
const unnamedDropped = (): Bug => ({
  request: async (method, path, body) =>
    method === "PUT" && buyerPath.test(path) && typeof body === "object" && body !== null && !("display_name" in body)
      ? { body: { ...body, display_name: null } }
      : undefined
})

// A buyer is read in the account the request names with "-other" taken off: visible to another account.
const buyerVisibleElsewhere = (): Bug => ({
  request: async (method, path, _body, _forward, account) =>
    method === "GET" && buyerPath.test(path) && account.endsWith("-other") ? { account: account.slice(0, -"-other".length) } : undefined
})

// A stored card's delete answers 204 and deletes nothing (an unknown one is still a 404).
const deleteKeeps = (): Bug => ({
  request: async (method, path, _body, forward) => {
    if (method !== "DELETE" || !methodPath.test(path)) return undefined
    const found = await forward("GET", path)
    return found.status === 200 ? { answer: { status: 204, json: undefined } } : undefined
  }
})

// A stored card's answer echoes the number it was stored with.
const numberEchoed = (): Bug => ({
  request: async (method, path, body, forward) => {
    if (method !== "POST" || path !== "/payment-methods") return undefined
    const stored = await forward(method, path, body)
    return stored.status === 201 ? { answer: { status: 201, json: { ...stored.json, number: body.number } } } : undefined
  }
})

const servicePath = /^\/payment-services\/([^/?]+)$/

// A payment service's update forwards no display_name: the rename answers 200 and renames nothing.
const serviceRenameDropped = (): Bug => ({
  request: async (method, path, body) =>
    method === "PUT" && servicePath.test(path) && typeof body === "object" && body !== null && "display_name" in body
      ? { body: Object.fromEntries(Object.entries(body).filter(([k]) => k !== "display_name")) }
      : undefined
})

// Pages of merchant accounts after the first lose their first item.
const accountListSkips = (): Bug => ({
  request: async (method, path, _body, forward) => {
    if (method !== "GET" || !/^\/merchant-accounts\?.*cursor=/.test(path)) return undefined
    const page = await forward(method, path)
    return page.status === 200 ? { answer: { status: 200, json: { ...page.json, items: page.json.items.slice(1) } } } : undefined
  }
})

// A payment service is deleted in the account the request names with "-other" taken off: another account deletes it.
const serviceDeletedElsewhere = (): Bug => ({
  request: async (method, path, _body, _forward, account) =>
    method === "DELETE" && servicePath.test(path) && account.endsWith("-other")
      ? { account: account.slice(0, -"-other".length) }
      : undefined
})

const captureCall = /^\/transactions\/([^/?]+)\/capture$/
const refundCall = /^\/transactions\/([^/?]+)\/refunds$/
const transactionCall = /^\/transactions\/([^/?]+)$/

// A capture of more than is left to capture captures the rest, and answers as if it took the amount asked for.
const captureOverAuthorized = (): Bug => ({
  request: async (method, path, body, forward) => {
    const id = captureCall.exec(path)?.[1]
    if (method !== "POST" || id === undefined || typeof body?.amount !== "number") return undefined
    const before = await forward("GET", `/transactions/${id}`)
    if (before.status !== 200 || body.amount <= before.json.authorized_amount - before.json.captured_amount) return undefined
    const { amount: _, ...rest } = body
    const captured = await forward(method, path, rest)
    if (captured.status !== 200) return { answer: { status: captured.status, json: captured.json } }
    return { answer: { status: 200, json: { ...captured.json, captured_amount: before.json.captured_amount + body.amount } } }
  }
})

// A refund of more than is left to refund refunds the rest, and answers as if it refunded the amount asked for.
const refundOverCaptured = (): Bug => ({
  request: async (method, path, body, forward) => {
    const id = refundCall.exec(path)?.[1]
    if (method !== "POST" || id === undefined || typeof body?.amount !== "number") return undefined
    const before = await forward("GET", `/transactions/${id}`)
    if (before.status !== 200 || body.amount <= before.json.captured_amount - before.json.refunded_amount) return undefined
    const { amount: _, ...rest } = body
    const refunded = await forward(method, path, rest)
    if (refunded.status !== 201) return { answer: { status: refunded.status, json: refunded.json } }
    return { answer: { status: 201, json: { ...refunded.json, amount: body.amount } } }
  }
})

// A voided transaction's capture succeeds.
const captureAfterVoid = (): Bug => ({
  request: async (method, path, body, forward) => {
    const id = captureCall.exec(path)?.[1]
    if (method !== "POST" || id === undefined) return undefined
    const before = await forward("GET", `/transactions/${id}`)
    if (before.status !== 200 || before.json.status !== "authorization_voided") return undefined
    const amount = body?.amount ?? before.json.amount
    return { answer: { status: 200, json: { ...before.json, status: "capture_succeeded", captured_amount: amount } } }
  }
})

// The Idempotency-Key header never reaches the server: each replay creates another transaction.
const idempotencyKeyIgnored = (): Bug => ({
  request: async (method, path) => method === "POST" && path === "/transactions" ? { withoutKey: true } : undefined
})

// A transaction is read in the account the request names with "-other" taken off: visible to another account.
const transactionVisibleElsewhere = (): Bug => ({
  request: async (method, path, _body, _forward, account) =>
    method === "GET" && transactionCall.test(path) && account.endsWith("-other")
      ? { account: account.slice(0, -"-other".length) }
      : undefined
})

describe("planted bugs: each caught within the default runs, shrunk to at most 6 commands", () => {
  // Each with the commands of its resources: the sessions' bugs without the payments commands, and the other way.
  const sessions = { payments: false } as const
  const payments = { sessions: false, services: false, transactions: false } as const
  const services = { sessions: false, payments: false, services: true } as const
  const transactions = { sessions: false, payments: false, services: false, transactions: true } as const
  const bugs = [
    ["a stale read once after an update", staleReadOnce, /get #\d+: (the session differs|expires_at moved)/, sessions],
    ["null dropped from update bodies", nullDropped, /update #\d+ .*null.*: the session differs/, sessions],
    ["a deleted session readable once more", deletedReadableOnce, /get #\d+: expected status 404, got 200/, sessions],
    ["metadata merged", metadataMerged, /update #\d+ .*metadata.*: the session differs at \/metadata/, sessions],
    ["expires_in ignored on update", expiresInIgnored, /expires_at is not now \+ expires_in/, sessions],
    ["a list that skips an item between pages", listSkips, /^list .*: the list skips /, payments],
    ["a buyer update that clears a field it does not name", unnamedDropped, /differs at \/display_name/, payments],
    [
      "a buyer visible to another merchant account",
      buyerVisibleElsewhere,
      /GET buyer #\d+ under another merchant account: expected status 404, got 200/,
      payments
    ],
    [
      "a stored card's delete that deletes nothing",
      deleteKeeps,
      /method #\d+.*: expected status 404, got 20[04]|the list shows/,
      payments
    ],
    ["a card number echoed in an answer", numberEchoed, /^store card .*: the answer shows the card number ending \d{4}$/, payments],
    ["a payment-service update that drops display_name", serviceRenameDropped, /^update service #\d+ .*: the payment-service differs at \/display_name$/, services],
    ["a merchant-account list that skips one between pages", accountListSkips, /^list accounts .*: the list skips /, services],
    [
      "a payment service another merchant account can delete",
      serviceDeletedElsewhere,
      /DELETE service #\d+ under another merchant account: expected status 404, got 204/,
      services
    ],
    [
      "a capture of more than was authorized",
      captureOverAuthorized,
      /^capture \d+ of transaction #\d+.*: invariant "captured_amount ≤ authorized_amount" broken: expected status 400, got 200$/,
      transactions
    ],
    [
      "a refund of more than was captured",
      refundOverCaptured,
      /^refund \d+ of transaction #\d+: invariant "refunded_amount ≤ captured_amount" broken: expected status 400, got 201$/,
      transactions
    ],
    [
      "a capture after a void",
      captureAfterVoid,
      /^capture .* of transaction #\d+.*: invariant "no capture after void" broken: expected status 400, got 200$/,
      transactions
    ],
    [
      "an Idempotency-Key ignored",
      idempotencyKeyIgnored,
      /^replay the create of transaction #\d+ .*: invariant "idempotent replay returns the same transaction" broken: the id changed/,
      transactions
    ],
    [
      "a transaction another merchant account can read",
      transactionVisibleElsewhere,
      /^get transaction #\d+ under another merchant account: invariant "isolation between merchant accounts" broken: expected status 404, got 200$/,
      transactions
    ]
  ] as const
  it.each(bugs)("%s", async (_, bug, message, resources) => {
    const server = await buggyServer(bug())
    try {
      const report = await Stateful.check({
        baseUrl: server.url,
        privateKey: merchant.privateKeyPem,
        seed: 16,
        referenceDay,
        ...resources
      })
      assert.isFalse(report.passed)
      assert.match(report.message!, message)
      const steps = report.counterexample!
      assert.isAtMost(steps.length, 6, Stateful.summary(report))
      assert.isDefined(steps.at(-1)!.mismatch)
      assert.isTrue(steps.slice(0, -1).every((step) => step.mismatch === undefined))
      for (const step of steps) {
        assert.hasAllKeys(step.request, step.request.body === undefined ? ["method", "path"] : ["method", "path", "body"])
      }
      // No card number in the report: bodies sent and answers shown keep the last four only.
      assert.notMatch(JSON.stringify(report.counterexample), cardNumber)
      // The replay runs exactly the counterexample again.
      const replayed = await Stateful.check({
        baseUrl: server.url,
        privateKey: merchant.privateKeyPem,
        seed: 16,
        replay: report.replay,
        ...resources
      })
      assert.isFalse(replayed.passed)
      assert.deepStrictEqual(replayed.counterexample!.map((s) => s.command), steps.map((s) => s.command))
    } finally {
      await server.close()
    }
  })
})

// The numbered steps of a printed counterexample.
const steps = (stdout: string) => stdout.split("\n").filter((line) => /^  \d+\. /.test(line))

const cli = (...args: Array<string>) => runBin(args, { env: { ...process.env, CHECKOUT_KIT_PRIVATE_KEY: keyFile } })

describe("checkout-kit contract --stateful", () => {
  it("passes against the mock, in its own merchant account, and writes the report", async () => {
    const reportFile = join(dir, "pass.json")
    const out = await cli("contract", "--stateful", "--server", sqlite.url, "--runs", "40", "--seed", "5", "--report", reportFile)
    assert.strictEqual(out.code, 0, out.stderr)
    assert.match(out.stdout, /no mismatch: every answer agreed with the model/)
    const report = JSON.parse(readFileSync(reportFile, "utf8"))
    assert.include(report, { passed: true, seed: 5, runs: 40, maxCommands: 20, merchantAccountId: "contract-5", clock: false })
  })

  it("exits 1 on a bug with the shrunk steps, the JSON counterexample, and a replay that runs it again", async () => {
    // A server of the sessions only (the payments routes answer 404): the runner leaves their commands out.
    const merged = metadataMerged()
    const server = await buggyServer({
      request: async (method, path, body, forward, account) =>
        /^\/(buyers|payment-methods)/.test(path)
          ? { answer: { status: 404, json: { type: "error", code: "not_found", status: 404, message: "no route" } } }
          : merged.request!(method, path, body, forward, account)
    })
    try {
      const reportFile = join(dir, "fail.json")
      const out = await cli("contract", "--stateful", "--server", server.url, "--seed", "16", "--report", reportFile)
      assert.strictEqual(out.code, 1)
      assert.match(out.stdout, /mismatch: update #\d+ .*: the session differs at \/metadata/)
      assert.match(out.stdout, /shrunk to \d commands?:/)
      const report = JSON.parse(readFileSync(reportFile, "utf8"))
      assert.isFalse(report.payments)
      assert.isAtMost(report.counterexample.length, 6)
      for (const step of report.counterexample) {
        assert.includeMembers(Object.keys(step), ["command", "request", "expected", "actual"])
        assert.includeMembers(Object.keys(step.request), ["method", "path"])
      }
      assert.strictEqual(report.seed, 16)
      assert.match(out.stdout, new RegExp(`--replay '${report.replay.replaceAll(/[+*?^$()[\]{}|\\.]/g, "\\$&")}'`))
      const replayed = await cli("contract", "--stateful", "--server", server.url, "--seed", "16", "--replay", report.replay)
      assert.strictEqual(replayed.code, 1)
      assert.strictEqual(steps(out.stdout).length, report.counterexample.length)
      assert.deepStrictEqual(steps(replayed.stdout), steps(out.stdout))
    } finally {
      await server.close()
    }
  })

  it("a server that does not answer: one line on stderr, exit 1", async () => {
    const closed = await buggyServer({})
    const url = closed.url
    await closed.close()
    const out = await cli("contract", "--stateful", "--server", url, "--runs", "5")
    assert.strictEqual(out.code, 1)
    assert.strictEqual(out.stderr.split("\n")[0], `checkout-kit: server unreachable at ${url} — is the mock running?`)
    assert.lengthOf(out.stderr.trim().split("\n"), 2)
  })

  it("usage errors: --replay without --seed, --clock without --stateful", async () => {
    const replay = await cli("contract", "--stateful", "--server", memory.url, "--replay", "0@@2026-12-06")
    assert.strictEqual(replay.code, 2)
    assert.match(replay.stderr, /^checkout-kit: --replay takes the report's replay string/)
    const day = await cli("contract", "--stateful", "--server", memory.url, "--seed", "1", "--replay", "0@@yesterday")
    assert.strictEqual(day.code, 1)
    assert.strictEqual(day.stderr.trim(), `checkout-kit: the reference day must be a date YYYY-MM-DD, not "yesterday"`)
    const clock = await cli("contract", "--server", memory.url, "--clock")
    assert.strictEqual(clock.code, 2)
    assert.match(clock.stderr, /^checkout-kit: --replay and --clock go with --stateful\nsee 'checkout-kit contract --help'\n$/)
  })
})
