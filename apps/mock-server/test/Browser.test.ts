import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import type { BrowserContext, Page } from "playwright-core"
import { launchBrowser, servePage } from "./support/browser.ts"
import { startReceiver } from "./support/receiver.ts"
import { makeKeyPair, signToken } from "./support/keys.ts"
import { call, startServer, type TestServer } from "./support/server.ts"

// A real browser (Debian's Chromium, driven by playwright-core): a checkout page on another origin calling the
// mock as Secure Fields does, and the inspector at /_mock/ui. Every wait is on the page (a locator, a function
// of the DOM), never on a timer.
const key = makeKeyPair()
const adminToken = () => signToken(key.privateKey, key.publicKey)
// The headers of an admin call.
const admin = async () => ({ authorization: `Bearer ${await adminToken()}` })
const embedToken = (sessionId: string) =>
  signToken(key.privateKey, key.publicKey, { scopes: ["embed"], claims: { checkout_session_id: sessionId } })

// The shop's page: sends the card to the mock with the embed token, and shows the outcome.
const shopPage = `<!doctype html>
<title>shop</title>
<p id="result">pending</p>
<script>
const params = new URLSearchParams(location.hash.slice(1));
fetch(params.get("mock") + "/checkout/sessions/" + params.get("session") + "/fields", {
  method: "PUT",
  headers: { "content-type": "application/json", authorization: "Bearer " + params.get("token") },
  body: JSON.stringify({ payment_method: { method: "card", number: "4111111111111111", expiration_date: "12/99", security_code: "123" } })
}).then(
  (response) => { document.getElementById("result").textContent = "status " + response.status; },
  (error) => { document.getElementById("result").textContent = "failed " + error.name; }
);
</script>`

let browser: Awaited<ReturnType<typeof launchBrowser>>
let context: BrowserContext
let shop: Awaited<ReturnType<typeof servePage>>
beforeAll(async () => {
  browser = await launchBrowser()
  context = browser.context
  shop = await servePage(shopPage)
})
afterAll(async () => {
  await shop?.close()
  await browser?.close()
})

const createSession = async (url: string, body: Record<string, unknown> = {}) => {
  const created = await call(url, "POST", "/checkout/sessions", { body, headers: { authorization: `Bearer ${await adminToken()}` } })
  assert.strictEqual(created.status, 201)
  return created.body.id as string
}

const outcomeOfShop = async (mockUrl: string, sessionId: string) => {
  const page = await context.newPage()
  try {
    const hash = new URLSearchParams({ mock: mockUrl, session: sessionId, token: await embedToken(sessionId) })
    await page.goto(`http://127.0.0.1:${shop.port}/#${hash}`)
    await page.locator("#result", { hasNotText: "pending" }).waitFor()
    return await page.locator("#result").textContent()
  } finally {
    await page.close()
  }
}

describe("a checkout page on another origin", () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ auth: { kind: "jwt", publicKeys: [key.publicKeyPem] } })
  })
  afterAll(() => server.close())

  it("completes the secure-fields call with an embed token, after its preflight", async () => {
    const id = await createSession(server.url)
    assert.strictEqual(await outcomeOfShop(server.url, id), "status 204")
    const session = await call(server.url, "GET", `/checkout/sessions/${id}`, { headers: { authorization: `Bearer ${await adminToken()}` } })
    assert.strictEqual(session.body.payment_method.label, "1111")
    const journal = (await call(server.url, "GET", "/_mock/requests")).body.items
    assert.deepStrictEqual(
      journal.filter((e: any) => e.path === `/checkout/sessions/${id}/fields`).map((e: any) => [e.method, e.status]),
      [["OPTIONS", 204], ["PUT", 204]]
    )
  })

  it("is refused by the browser when its origin is not allowed", async () => {
    const strict = await startServer({ auth: { kind: "jwt", publicKeys: [key.publicKeyPem] }, corsOrigins: ["https://shop.example"] })
    try {
      const id = await createSession(strict.url)
      assert.strictEqual(await outcomeOfShop(strict.url, id), "failed TypeError")
      const session = await call(strict.url, "GET", `/checkout/sessions/${id}`, { headers: { authorization: `Bearer ${await adminToken()}` } })
      assert.isUndefined(session.body.payment_method)
    } finally {
      await strict.close()
    }
  })
})

describe("the inspector at /_mock/ui", () => {
  let server: TestServer
  let page: Page
  beforeAll(async () => {
    server = await startServer({ auth: { kind: "jwt", publicKeys: [key.publicKeyPem] } })
    page = await context.newPage()
    await page.goto(`${server.url}/_mock/ui`)
    await page.locator("body[data-ready=true]").waitFor()
    await page.locator("#live.on").waitFor()
  })
  afterAll(async () => {
    await page?.close()
    await server?.close()
  })

  const row = (text: string) => page.locator("#requests tr", { hasText: text })

  it("shows a request live as it happens, and its detail with the token's claims and the bodies", async () => {
    const id = await createSession(server.url, { metadata: { order: "inspector-42" } })
    await row("/checkout/sessions").first().waitFor()
    await row("/checkout/sessions").first().click()
    await page.locator("#detail-title", { hasText: "POST /checkout/sessions → 201" }).waitFor()
    const detail = await page.locator("#detail").textContent()
    assert.include(detail, "Bearer [redacted]")
    assert.include(detail, "*.write")
    assert.include(detail, "inspector-42")
    assert.include(detail, id)

    await page.locator("#copy-curl").click()
    await page.locator("#curl:not([hidden])").waitFor()
    const curl = await page.locator("#curl").textContent()
    assert.match(curl ?? "", /^curl -X POST '.+\/checkout\/sessions' /)
    assert.include(curl, `"authorization: Bearer $TOKEN"`)
    assert.include(curl, `--data-raw '{"metadata":{"order":"inspector-42"}}'`)
  })

  it("filters errors", async () => {
    await call(server.url, "GET", "/checkout/sessions/00000000-0000-4000-8000-000000000000", {
      headers: { authorization: `Bearer ${await adminToken()}` }
    })
    await row("00000000-0000-4000-8000-000000000000").waitFor()
    await page.locator("#errors-only").check()
    await row("00000000-0000-4000-8000-000000000000").waitFor({ state: "visible" })
    await page.locator("#requests tr[data-status='201']").first().waitFor({ state: "hidden" })
    await page.locator("#errors-only").uncheck()
    await page.locator("#requests tr[data-status='201']").first().waitFor({ state: "visible" })
  })

  it("lists the sessions and shows one's JSON; a clock move expires it; reset empties everything", async () => {
    const id = await createSession(server.url, { metadata: { order: "listed" } })
    await page.locator("#tab-sessions").click()
    const sessionRow = page.locator(`#sessions tr[data-id='${id}']`)
    await sessionRow.waitFor()
    await sessionRow.click()
    const json = JSON.parse((await page.locator("#session-json").textContent()) ?? "")
    assert.strictEqual(json.id, id)
    assert.deepStrictEqual(json.metadata, { order: "listed" })

    await page.locator("#advance").fill("7200")
    await page.locator("#move").click()
    await page.locator("#clock-offset", { hasText: "(+7200 s)" }).waitFor()
    await sessionRow.waitFor({ state: "detached" })
    assert.strictEqual((await call(server.url, "GET", "/_mock/clock")).body.offset_seconds, 7200)

    await page.locator("#tab-requests").click()
    await page.locator("#reset").click()
    await page.locator("#clock-offset", { hasText: "(real time)" }).waitFor()
    await page.locator("#request-count", { hasText: /^0$/ }).waitFor()
    assert.strictEqual(await page.locator("#requests tr").count(), 0)
    assert.deepStrictEqual((await call(server.url, "GET", "/_mock/requests")).body.items, [])
  })

  it("sets the clock to a later date and time", async () => {
    const now = Date.parse((await call(server.url, "GET", "/_mock/clock")).body.now)
    // Two days ahead, as the page's datetime-local input takes it (local time, to the minute).
    // (Sweden's locale writes local time as `YYYY-MM-DD HH:MM:SS`.)
    const target = await page.evaluate(
      (millis) => new Date(millis).toLocaleString("sv-SE").replace(" ", "T").slice(0, 16),
      now + 2 * 86_400_000
    )
    await page.locator("#target").fill(target)
    await page.locator("#set").click()
    await page.locator("#clock-offset", { hasNotText: "(real time)" }).waitFor()
    const clock = (await call(server.url, "GET", "/_mock/clock")).body
    // The input has no seconds: the clock lands within the minute before two days ahead.
    assert.isAtLeast(clock.offset_seconds, 2 * 86_400 - 60)
    assert.isAtMost(clock.offset_seconds, 2 * 86_400)
    await call(server.url, "POST", "/_mock/reset")
    await page.locator("#clock-offset", { hasText: "(real time)" }).waitFor()
  })

  it("shows the stored resources by kind, a row opening to its JSON; a new buyer and a stored card appear live", async () => {
    const first = await call(server.url, "POST", "/buyers", { body: { display_name: "Grace" }, headers: await admin() })
    assert.strictEqual(first.status, 201)
    await page.locator("#tab-resources").click()
    const resource = (kind: string, id: string) => page.locator(`#resources tr.resource[data-kind='${kind}'][data-id='${id}']`)
    await resource("buyer", first.body.id).waitFor()

    // Made while the view is open: shown on the journal's events, without a reload.
    const buyer = await call(server.url, "POST", "/buyers", { body: { display_name: "Ada Lovelace" }, headers: await admin() })
    const card = await call(server.url, "POST", "/payment-methods", {
      body: { method: "card", number: "4111111111111111", expiration_date: "12/40", security_code: "123", buyer_id: buyer.body.id },
      headers: await admin()
    })
    assert.strictEqual(card.status, 201)
    await resource("buyer", buyer.body.id).waitFor()
    const cardRow = resource("payment-method", card.body.id)
    await cardRow.waitFor()
    await page.locator("#resources tr.kind[data-kind='buyer']", { hasText: "buyer (2)" }).waitFor()
    assert.include(await cardRow.textContent(), "1111")

    const json = page.locator(`#resources tr.resource-json[data-id='${card.body.id}']`)
    assert.isTrue(await json.isHidden())
    await cardRow.click()
    await json.waitFor({ state: "visible" })
    const shown = JSON.parse((await json.textContent()) ?? "")
    assert.strictEqual(shown.id, card.body.id)
    assert.strictEqual(shown.label, "1111")
    assert.strictEqual(shown.expiration_date, "12/40")
    assert.notInclude(await page.locator("#resources").textContent(), "4111111111111111")

    await call(server.url, "POST", "/_mock/reset")
    await cardRow.waitFor({ state: "detached" })
    await page.locator("#no-resources").waitFor({ state: "visible" })
    await page.locator("#tab-requests").click()
  })

  it("shows the webhook deliveries live, a delivery's every attempt, and resends one", async () => {
    const receiver = await startReceiver(["inspector-secret"])
    try {
      const subscribed = await call(server.url, "POST", "/_mock/webhooks", {
        body: { url: `${receiver.url}/inspected`, secrets: ["inspector-secret"] }
      })
      assert.strictEqual(subscribed.status, 201)
      receiver.answerNext(500)
      await page.locator("#tab-webhooks").click()
      const buyer = await call(server.url, "POST", "/buyers", { body: { display_name: "Hooked" }, headers: await admin() })
      assert.strictEqual(buyer.status, 201)
      await receiver.arrived(1)
      const delivery = page.locator("#deliveries tr.delivery", { hasText: "buyer.created" })
      await delivery.locator("td", { hasText: "1 (500)" }).waitFor()
      await delivery.click()
      await page.locator("#detail-title", { hasText: `buyer.created → ${receiver.url}/inspected` }).waitFor()
      await page.locator("#attempts tr.attempt", { hasText: "not now" }).waitFor()

      await page.locator("#resend").click()
      await receiver.arrived(2)
      await page.locator("#deliveries tr.delivery[data-status='delivered']").waitFor()
      await page.locator("#attempts tr.attempt", { hasText: "ok" }).waitFor()
      assert.lengthOf(await page.locator("#attempts tr.attempt").all(), 2)
      assert.strictEqual(receiver.arrivals[0].id, receiver.arrivals[1].id)
      assert.notInclude(await page.locator("body").textContent(), "inspector-secret")
    } finally {
      await call(server.url, "POST", "/_mock/reset")
      await page.locator("#tab-requests").click()
      await receiver.close()
    }
  })

  it("shows a transaction with its history: each capture, refund and void in order, the status and amounts it left", async () => {
    const headers = await admin()
    const post = async (path: string, body: unknown, status: number) => {
      const answer = await call(server.url, "POST", path, { body, headers })
      assert.strictEqual(answer.status, status, JSON.stringify(answer.body))
      return answer.body
    }
    const card = { method: "card", number: "4111111111111111", expiration_date: "12/40", security_code: "123" }
    const transaction = await post("/transactions", { amount: 1299, currency: "USD", payment_method: card }, 201)
    const id = transaction.id
    await post(`/transactions/${id}/capture`, { amount: 500, final: false }, 200)
    await post(`/transactions/${id}/capture`, {}, 200)
    await post(`/transactions/${id}/refunds`, { amount: 300, reason: "damaged" }, 201)
    await page.locator("#tab-resources").click()
    const resource = page.locator(`#resources tr.resource[data-kind='transaction'][data-id='${id}']`)
    await resource.waitFor()
    assert.include(await resource.textContent(), "capture_succeeded 1299 USD …1111")

    await resource.click()
    const steps = page.locator(`#resources tr.resource-json[data-id='${id}'] tr.history-event`)
    await steps.nth(3).waitFor()
    const shown = () => steps.evaluateAll((rows) => rows.map((r) => [...r.children].map((cell) => cell.textContent ?? "")))
    const history = await shown()
    assert.deepStrictEqual(history.map((cells) => cells.slice(1)), [
      ["authorization succeeded", "1299 USD", "authorization_succeeded", "0", "0"],
      ["capture succeeded (more may follow)", "500 USD", "capture_succeeded", "500", "0"],
      ["capture succeeded", "799 USD", "capture_succeeded", "1299", "0"],
      ["refund succeeded (damaged)", "300 USD", "capture_succeeded", "1299", "300"]
    ])
    const times = history.map((cells) => cells[0]!)
    assert.deepStrictEqual(times, times.toSorted())
    assert.strictEqual(times[0], transaction.created_at.replace("T", " ").replace("Z", ""))

    // A refund made while the history is open appears in it, without a reload.
    await post(`/transactions/${id}/refunds/all`, {}, 201)
    await steps.nth(4).waitFor()
    assert.deepStrictEqual((await shown())[4]!.slice(1), ["refund succeeded", "999 USD", "capture_succeeded", "1299", "1299"])

    const voided = await post("/transactions", { amount: 700, currency: "USD", payment_method: card }, 201)
    await post(`/transactions/${voided.id}/void`, undefined, 200)
    const voidedRow = page.locator(`#resources tr.resource[data-kind='transaction'][data-id='${voided.id}']`)
    await voidedRow.waitFor()
    await voidedRow.click()
    const voidSteps = page.locator(`#resources tr.resource-json[data-id='${voided.id}'] tr.history-event`)
    await voidSteps.nth(1).waitFor()
    assert.deepStrictEqual(
      (await voidSteps.evaluateAll((rows) => rows.map((r) => [...r.children].slice(1).map((cell) => cell.textContent)))),
      [
        ["authorization succeeded", "700 USD", "authorization_succeeded", "0", "0"],
        ["void succeeded", "700 USD", "authorization_voided", "0", "0"]
      ]
    )
    assert.notInclude(await page.locator("#resources").textContent(), "4111111111111111")

    await call(server.url, "POST", "/_mock/reset")
    await resource.waitFor({ state: "detached" })
    await page.locator("#tab-requests").click()
  })

  it("shows what Prefer forced", async () => {
    await call(server.url, "GET", "/health", { headers: { prefer: "code=503" } })
    await row("/health").locator(".badge", { hasText: "forced 503" }).waitFor()
  })
})
