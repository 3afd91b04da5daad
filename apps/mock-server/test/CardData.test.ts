import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process"
import { once } from "node:events"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Page } from "playwright-core"
import { documentsPath } from "../src/Server.ts"
import { launchBrowser } from "./support/browser.ts"
import { openEvents } from "./support/events.ts"
import { call } from "./support/server.ts"

// Real test card numbers and security codes go through the mock (the executable, logging every request as
// JSON, on SQLite), with the inspector open in Chromium and an event stream listening; then every surface that
// shows a request or a session is searched for them: the log, the journal and each request in full, the
// events, the inspector's page, the sessions list, each session, the stored resources, the database files.
const cards = [
  { number: "4111111111111111", security_code: "737", brand: "visa" },
  { number: "5555555555554444", security_code: "918", brand: "mastercard" },
  { number: "378282246310005", security_code: "6493", brand: "amex" }
]
const bin = new URL("../src/bin.ts", import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), "mock-card-data-"))
const database = join(dir, "sessions.db")

let child: ChildProcessWithoutNullStreams
let url: string
let log = ""
let browser: Awaited<ReturnType<typeof launchBrowser>>
beforeAll(async () => {
  child = spawn(process.execPath, [bin, "--port", "0", "--data-dir", dir, "--store", `sqlite:${database}`, "--auth", "off", "--log-format", "json"])
  child.stdout.on("data", (chunk) => (log += chunk))
  child.stderr.on("data", (chunk) => (log += chunk))
  while (!/listening on/.test(log)) await once(child.stdout, "data")
  url = /listening on (http:\/\/\S+)/.exec(log)![1]
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  if (child.exitCode === null) {
    child.kill("SIGTERM")
    await once(child, "exit")
  }
  rmSync(dir, { recursive: true, force: true })
})

// The values a surface shows that are random or measured (ids, times, durations, sizes, fingerprints): a
// security code of three or four digits could appear inside one of them by chance.
const scrub = (text: string) =>
  text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<uuid>")
    .replace(/[0-9a-f]{32,}/gi, "<hex>")
    .replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?Z?/g, "<time>")
    .replace(/\d+\.\d+/g, "<decimal>")
    .replace(/(content-length"?[:=]\s*"?)\d+/gi, "$1<n>")
    .replace(/(https?:\/\/[\w.[\]:-]+?):\d+/g, "$1:<port>")
    .replace(/("id"\s*:\s*|requests\/|data-id=")\d+/g, "$1<id>")

const assertNoCardData = (surface: string, text: string) => {
  for (const card of cards) {
    assert.notInclude(text, card.number, `${surface} holds a card number`)
    assert.notInclude(text.replace(/[\s-]/g, ""), card.number, `${surface} holds a card number, spaced`)
    assert.notMatch(scrub(text), new RegExp(`(?<![0-9])${card.security_code}(?![0-9])`), `${surface} holds a security code`)
  }
  assert.notInclude(text, "security_code", `${surface} names a security code`)
}

describe("card numbers and security codes appear on no surface", () => {
  let page: Page
  const pages: Array<string> = []
  let events: Awaited<ReturnType<typeof openEvents>>
  const sessionIds: Array<string> = []

  beforeAll(async () => {
    page = await browser.context.newPage()
    await page.goto(`${url}/_mock/ui`)
    await page.locator("body[data-ready=true]").waitFor()
    events = await openEvents(url)
    await events.until(/^: listening$/m)

    for (const card of cards) {
      const id = (await call(url, "POST", "/checkout/sessions", { body: { metadata: { brand: card.brand } } })).body.id
      sessionIds.push(id)
      const paymentMethod = { method: "card", number: card.number, expiration_date: "12/99", security_code: card.security_code }
      assert.strictEqual((await call(url, "PUT", `/checkout/sessions/${id}/fields`, { body: { payment_method: paymentMethod } })).status, 204)
      // A card failing Luhn, a card with spaces, a body that is not JSON, the BIN lookup.
      const failing = `${card.number.slice(0, -1)}${(Number(card.number.at(-1)) + 1) % 10}`
      await call(url, "PUT", `/checkout/sessions/${id}/fields`, { body: { payment_method: { ...paymentMethod, number: failing } } })
      await call(url, "PUT", `/checkout/sessions/${id}/fields`, {
        body: { payment_method: { ...paymentMethod, number: card.number.replace(/(\d{4})/g, "$1 ").trim() } }
      })
      await call(url, "PUT", `/checkout/sessions/${id}/fields`, { raw: `{"payment_method":${JSON.stringify(paymentMethod)}` })
      await call(url, "POST", `/checkout/sessions/${id}/card-details`, { body: { bin: card.number.slice(0, 8) } })
    }
    const journal = (await call(url, "GET", "/_mock/requests")).body.items
    assert.strictEqual(journal.length, cards.length * 6)
    await events.until(new RegExp(`^id: ${journal.at(-1).id}$`, "m"))

    // The inspector: every request's detail, as the page shows it, and every session's JSON.
    for (const entry of journal) {
      await page.locator(`#requests tr[data-id='${entry.id}']`).click()
      await page.locator(`#requests tr.selected[data-id='${entry.id}']`).waitFor()
      await page.locator("#detail-title", { hasText: `${entry.method} ${entry.path} → ${entry.status}` }).waitFor()
      await page.locator("#copy-curl").click()
      await page.locator("#curl:not([hidden])").waitFor()
      pages.push(await page.content())
    }
    await page.locator("#tab-sessions").click()
    for (const id of sessionIds) {
      await page.locator(`#sessions tr[data-id='${id}']`).click()
      await page.locator("#detail-title", { hasText: id }).waitFor()
      pages.push(await page.content())
    }
  })
  afterAll(async () => {
    await events?.close()
    await page?.close()
  })

  it("the journal, and each request in full", async () => {
    const journal = (await call(url, "GET", "/_mock/requests")).body.items
    assertNoCardData("/_mock/requests", JSON.stringify(journal))
    for (const entry of journal) {
      const detail = await call(url, "GET", `/_mock/requests/${entry.id}`)
      assert.strictEqual(detail.status, 200)
      assertNoCardData(`/_mock/requests/${entry.id}`, JSON.stringify(detail.body))
    }
    // What is shown instead: BIN and last four.
    const first = await call(url, "GET", `/_mock/requests/${journal[1].id}`)
    assert.strictEqual(first.body.request.body.payment_method.number, "411111…1111")
  })

  it("the event stream", () => {
    assert.include(events.received(), "/fields")
    assertNoCardData("/_mock/events", events.received())
  })

  it("the inspector's page, with every request and session shown", () => {
    assert.strictEqual(pages.length, cards.length * 7)
    assert.include(pages[1], "411111…1111")
    for (const [i, html] of pages.entries()) assertNoCardData(`the inspector (view ${i})`, html)
  })

  it("the sessions list and each session", async () => {
    const list = await call(url, "GET", "/_mock/sessions")
    assert.strictEqual(list.body.items.length, cards.length)
    assertNoCardData("/_mock/sessions", JSON.stringify(list.body))
    for (const id of sessionIds) assertNoCardData(`session ${id}`, JSON.stringify((await call(url, "GET", `/checkout/sessions/${id}`)).body))
  })

  it("the vault's stored cards: the resources list and the inspector's Resources view", async () => {
    const stored: Array<string> = []
    for (const card of cards) {
      const created = await call(url, "POST", "/payment-methods", {
        body: { method: "card", number: card.number, expiration_date: "12/99", security_code: card.security_code }
      })
      assert.strictEqual(created.status, 201)
      stored.push(created.body.id)
    }
    const list = await call(url, "GET", "/_mock/resources?kind=payment-method&limit=100")
    assert.deepStrictEqual(list.body.items.map((item: { id: string }) => item.id).toSorted(), stored.toSorted())
    assertNoCardData("/_mock/resources", JSON.stringify(list.body))
    await page.locator("#tab-resources").click()
    for (const id of stored) {
      await page.locator(`#resources tr.resource[data-id='${id}']`).click()
      await page.locator(`#resources tr.resource-json[data-id='${id}']`).waitFor({ state: "visible" })
    }
    const html = await page.content()
    assert.include(html, stored[0])
    assertNoCardData("the inspector's resources", html)
  })

  it("the log and the database files", async () => {
    child.kill("SIGTERM")
    await once(child, "exit")
    assert.include(log, `"path":"/checkout/sessions/${sessionIds[0]}/fields"`)
    assertNoCardData("the log", log)
    // The sessions' file and the payment resources' (the vault's cards) beside it.
    assert.isTrue(existsSync(documentsPath(database)))
    for (const file of [database, `${database}-wal`, documentsPath(database), `${documentsPath(database)}-wal`]) {
      if (existsSync(file)) assertNoCardData(file, readFileSync(file).toString("latin1"))
    }
  })
})
