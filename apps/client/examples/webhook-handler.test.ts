// Testing a webhook handler against the mock server: a card is captured through the API, the mock signs and sends
// `transaction.captured` to a local receiver, the team's handler (below) verifies it and marks the order paid.
// Copy this file into your project (with vitest, @checkout-kit/client and @checkout-kit/mock-server installed) and
// replace `handleGr4vyWebhook` with your own handler.
import { createClient, type PromiseClient } from "@checkout-kit/client/Promise"
import { startWebhookReceiver, type WebhookReceiver } from "@checkout-kit/client/WebhookReceiver"
import { verifyWebhook } from "@checkout-kit/client/Webhooks"
import { Redacted } from "effect"
import { type ChildProcess, spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import { afterAll, assert, beforeAll, it } from "vitest"

// --- Your application's code (a stand-in): the webhook handler and what it changes. -------------------------------

const orders = new Map<string, { status: "pending" | "paid"; transactionId?: string }>()

/** The team's handler: refuses what is not Gr4vy's, then marks the order of a captured transaction paid. */
const handleGr4vyWebhook = (
  request: { readonly headers: Readonly<Record<string, string>>; readonly body: string },
  secret: string
): number => {
  try {
    verifyWebhook({
      secret,
      payload: request.body,
      signatureHeader: request.headers["x-gr4vy-webhook-signatures"],
      timestampHeader: request.headers["x-gr4vy-webhook-timestamp"]
    })
  } catch {
    return 401
  }
  const event = JSON.parse(request.body) as { name: string; target: { id: string; external_identifier?: string } }
  const orderId = event.target.external_identifier
  if (event.name === "transaction.captured" && orderId !== undefined && orders.has(orderId)) {
    orders.set(orderId, { status: "paid", transactionId: event.target.id })
  }
  return 200
}

// --- The test's setup: a receiver, the mock server sending to it, a client. -----------------------------------------

const secret = `whsec-test-${randomBytes(16).toString("hex")}`
let receiver: WebhookReceiver
let mock: { readonly url: string; readonly process: ChildProcess }
let client: PromiseClient

/** Starts `checkout-mock-server` (the bin of @checkout-kit/mock-server) on a free port; resolves with its URL. */
const startMockServer = (args: ReadonlyArray<string>) =>
  new Promise<{ url: string; process: ChildProcess }>((resolve, reject) => {
    const child = spawn("checkout-mock-server", ["--port", "0", "--store", "memory", "--auth", "off", ...args], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    let output = ""
    child.stdout.setEncoding("utf8")
    child.stdout.on("data", (chunk: string) => {
      output += chunk
      const listening = /listening on (http:\/\/\S+)/.exec(output)
      if (listening !== null) resolve({ url: listening[1]!, process: child })
    })
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`checkout-mock-server exited with ${code} before listening`)))
  })

beforeAll(async () => {
  // Your handler answers each delivery; the receiver verifies and records it too.
  receiver = await startWebhookReceiver({ secret, respond: (delivery) => handleGr4vyWebhook(delivery, secret) })
  mock = await startMockServer(["--webhook", receiver.url, "--webhook-secret", secret])
  client = createClient({ baseUrl: mock.url })
})

afterAll(async () => {
  await client?.close()
  if (mock !== undefined && mock.process.exitCode === null) {
    const exited = new Promise((resolve) => mock.process.once("exit", resolve))
    mock.process.kill("SIGTERM")
    await exited
  }
  await receiver?.close()
})

// A card that has not expired, whatever the year the test runs in.
const expirationDate = `12/${String((new Date().getUTCFullYear() + 3) % 100).padStart(2, "0")}`

it("a captured transaction marks its order paid", async () => {
  orders.set("order-42", { status: "pending" })
  // The buyer's card through secure fields (a test card), then the transaction on the session and its capture.
  const session = await client.checkoutSessions.create()
  await client.checkoutSessions.updateFields(session.id, {
    paymentMethod: {
      method: "card",
      number: Redacted.make("4111111111111111", { label: "number" }),
      expirationDate,
      securityCode: Redacted.make("123", { label: "security_code" })
    }
  })
  const transaction = await client.transactions.create({
    amount: 1299,
    currency: "USD",
    externalIdentifier: "order-42",
    paymentMethod: { method: "checkout-session", id: session.id }
  })
  assert.strictEqual(transaction.status, "authorization_succeeded")
  await client.transactions.capture(transaction.id)

  // Resolves once the handler has answered the delivery; the timeout only stops a hung test.
  const delivery = await receiver.waitFor("transaction.captured", { timeoutMs: 10_000 })
  assert.strictEqual(delivery.status, 200)
  assert.strictEqual(delivery.event?.target.id, transaction.id)
  assert.deepStrictEqual(orders.get("order-42"), { status: "paid", transactionId: transaction.id })
})
