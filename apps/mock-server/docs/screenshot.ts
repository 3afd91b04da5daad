/**
 * Takes the inspector's screenshots for the README: a mock with a few
 * requests, the inspector open on a secure-fields call (`docs/inspector.png`),
 * then on its stored resources with a card's JSON open
 * (`docs/inspector-resources.png`).
 * `pnpm screenshot` in apps/mock-server; needs /usr/bin/chromium.
 */
import { Effect, ManagedRuntime } from "effect"
import { HttpServer } from "effect/http"
import * as Server from "../src/Server.ts"
import { launchBrowser } from "../test/support/browser.ts"
import { makeKeyPair, signToken } from "../test/support/keys.ts"

const key = makeKeyPair()
const runtime = ManagedRuntime.make(Server.layer({
  port: 0,
  host: "127.0.0.1",
  admin: true,
  logRequests: false,
  store: { kind: "memory" },
  auth: { kind: "jwt", publicKeys: [key.publicKeyPem] },
  fingerprintSecret: "screenshot"
}))
const url = await runtime.runPromise(HttpServer.addressFormattedWith((address) => Effect.succeed(address)))
const browser = await launchBrowser()
try {
  const token = await signToken(key.privateKey, key.publicKey)
  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    }).then(async (response): Promise<any> => (response.status === 204 ? undefined : response.json()))
  const page = await browser.context.newPage()
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto(`${url}/_mock/ui`)
  await page.locator("#live.on").waitFor()

  const created = await send("POST", "/checkout/sessions", {
    amount: 1299,
    currency: "EUR",
    cart_items: [{ name: "Espresso beans 1 kg", quantity: 1, unit_amount: 1299 }],
    metadata: { order: "A-1042" }
  }, { "x-gr4vy-merchant-account-id": "acme" })
  await send("GET", `/checkout/sessions/${created.id}`, undefined, { "x-gr4vy-merchant-account-id": "acme" })
  const pinned = await signToken(key.privateKey, key.publicKey, { scopes: ["embed"], claims: { checkout_session_id: created.id } })
  await fetch(`${url}/checkout/sessions/${created.id}/fields`, {
    method: "PUT",
    headers: { authorization: `Bearer ${pinned}`, "content-type": "application/json", origin: "http://localhost:5173" },
    body: JSON.stringify({ payment_method: { method: "card", number: "4111111111111111", expiration_date: "12/99", security_code: "123" } })
  })
  await send("GET", "/checkout/sessions/00000000-0000-4000-8000-000000000000")
  await send("POST", "/checkout/sessions", {}, { prefer: "code=503" })
  await send("PUT", `/checkout/sessions/${created.id}`, { cart_items: [{ name: "", quantity: 0 }] }, { "x-gr4vy-merchant-account-id": "acme" })

  const acme = { "x-gr4vy-merchant-account-id": "acme" }
  const buyer = await send("POST", "/buyers", { display_name: "Ada Lovelace", external_identifier: "customer-7" }, acme)
  await send("POST", `/buyers/${buyer.id}/shipping-details`, { first_name: "Ada", last_name: "Lovelace" }, acme)
  const card = await send(
    "POST",
    "/payment-methods",
    { method: "card", number: "4111111111111111", expiration_date: "12/30", security_code: "123", buyer_id: buyer.id },
    acme
  )
  await send("POST", "/buyers", { display_name: "Grace Hopper" }, acme)

  const fields = page.locator("#requests tr", { hasText: "/fields" })
  await fields.waitFor()
  await fields.click()
  await page.locator("#detail-title", { hasText: "/fields" }).waitFor()
  const out = new URL("inspector.png", import.meta.url).pathname
  await page.screenshot({ path: out })
  process.stdout.write(`wrote ${out}\n`)

  // Taller: every kind's group beside the card's JSON.
  await page.setViewportSize({ width: 1280, height: 1200 })
  await page.locator("#tab-resources").click()
  const cardRow = page.locator(`#resources tr.resource[data-id='${card.id}']`)
  await cardRow.click()
  await page.locator(`#resources tr.resource-json[data-id='${card.id}']`).waitFor({ state: "visible" })
  const resources = new URL("inspector-resources.png", import.meta.url).pathname
  await page.screenshot({ path: resources })
  process.stdout.write(`wrote ${resources}\n`)
} finally {
  await browser.close()
  await runtime.dispose()
}
