/**
 * Takes the inspector's screenshot for the README (`docs/inspector.png`): a
 * mock with a few requests, the inspector open on a secure-fields call.
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

  const fields = page.locator("#requests tr", { hasText: "/fields" })
  await fields.waitFor()
  await fields.click()
  await page.locator("#detail-title", { hasText: "/fields" }).waitFor()
  const out = new URL("inspector.png", import.meta.url).pathname
  await page.screenshot({ path: out })
  process.stdout.write(`wrote ${out}\n`)
} finally {
  await browser.close()
  await runtime.dispose()
}
