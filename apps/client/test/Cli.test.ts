import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { errorDetailTypes } from "@checkout-kit/domain/Errors"
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { makeKeyPair, startMock } from "./support.ts"

const bin = new URL("../src/bin.ts", import.meta.url).pathname
const merchant = makeKeyPair()
const dir = mkdtempSync(join(tmpdir(), "checkout-kit-cli-"))
const keyFile = join(dir, "private-key.pem")
writeFileSync(keyFile, merchant.privateKeyPem)
let mock: Awaited<ReturnType<typeof startMock>>

beforeAll(async () => {
  mock = await startMock({ auth: { kind: "jwt", publicKeys: [merchant.publicKeyPem] } })
})
afterAll(async () => {
  await mock.close()
  rmSync(dir, { recursive: true, force: true })
})

// Runs the CLI (asynchronously: the mock answers from this process) against the mock.
const cli = (...args: Array<string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, CHECKOUT_KIT_URL: mock.url, CHECKOUT_KIT_PRIVATE_KEY: keyFile }
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })

const bodyFile = (name: string, body: unknown) => {
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify(body))
  return path
}

describe("checkout-kit sessions", () => {
  it("create --file, get, update, fields and delete, in human and JSON output", async () => {
    const created = await cli("sessions", "create", "--json", "--file", bodyFile("create.json", {
      cart_items: [{ name: "GoPro", quantity: 2, unit_amount: 37999 }],
      metadata: { order: "42" }
    }))
    assert.strictEqual(created.code, 0, created.stderr)
    const session = JSON.parse(created.stdout)
    assert.deepStrictEqual(session.cart_items, [{ name: "GoPro", quantity: 2, unit_amount: 37999, discount_amount: 0, tax_amount: 0 }])

    const got = await cli("sessions", "get", session.id)
    assert.strictEqual(got.code, 0)
    assert.include(got.stdout, `Found checkout session ${session.id}`)
    assert.include(got.stdout, "cart items     1")

    const updated = await cli("sessions", "update", session.id, "--json", "--file", bodyFile("update.json", { metadata: { order: "43" } }))
    assert.deepStrictEqual(JSON.parse(updated.stdout).metadata, { order: "43" })

    const fields = await cli("sessions", "fields", session.id, "--card-number", "4111111111111111", "--expiry", "12/99", "--cvv", "123")
    assert.strictEqual(fields.code, 0, fields.stderr)
    assert.include(fields.stdout, "visa ····1111")
    assert.notInclude(fields.stdout + fields.stderr, "4111111111111111")

    const deleted = await cli("sessions", "delete", session.id)
    assert.strictEqual(deleted.code, 0)
    const gone = await cli("sessions", "get", session.id)
    assert.strictEqual(gone.code, 1)
    assert.include(gone.stderr, "error: NotFound")
  })

  it("prints every details[] entry and exits 1 on a validation error", async () => {
    const created = JSON.parse((await cli("sessions", "create", "--json")).stdout)
    const rejected = await cli("sessions", "fields", created.id, "--card-number", "4111111111111112", "--expiry", "12/99")
    assert.strictEqual(rejected.code, 1)
    assert.include(rejected.stderr, `/payment_method/number  ${errorDetailTypes.luhn}`)
    const invalidFile = await cli("sessions", "update", created.id, "--file", bodyFile("bad.json", {
      cart_items: [{ name: "", quantity: 0, unit_amount: 1 }],
      unknown: true
    }))
    assert.strictEqual(invalidFile.code, 1)
    for (const pointer of ["/cart_items/0/name", "/cart_items/0/quantity", "/unknown"]) {
      assert.include(invalidFile.stderr, pointer)
    }
  })
})

describe("checkout-kit token", () => {
  it("mints a token the server accepts, with the scopes asked for", async () => {
    const token = (await cli("token")).stdout.trim()
    const created = await fetch(`${mock.url}/checkout/sessions`, { method: "POST", headers: { authorization: `Bearer ${token}` } })
    assert.strictEqual(created.status, 201)
    const reader = (await cli("token", "--scopes", "checkout-sessions.read")).stdout.trim()
    const denied = await fetch(`${mock.url}/checkout/sessions`, { method: "POST", headers: { authorization: `Bearer ${reader}` } })
    assert.strictEqual(denied.status, 403)
  })
})
