import { afterAll, assert, describe, it } from "@effect/vitest"
import { type ChildProcess, spawn } from "node:child_process"
import { once } from "node:events"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const bin = new URL("../src/bin.ts", import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), "checkout-mock-durability-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const start = (db: string) =>
  new Promise<{ child: ChildProcess; url: string; output: () => string }>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "--port", "0", "--data-dir", dir, "--store", `sqlite:${db}`, "--auth", "off"])
    let stdout = ""
    child.stdout.on("data", (chunk) => {
      stdout += chunk
      const match = /listening on (http:\/\/\S+)/.exec(stdout)
      if (match) resolve({ child, url: match[1], output: () => stdout })
    })
    child.on("exit", (code) => reject(new Error(`exited with ${code} before listening: ${stdout}`)))
  })

const fileText = (path: string) => (existsSync(path) ? readFileSync(path).toString("latin1") : "")

describe("the SQLite store", () => {
  it("never holds the card number or security code, and the log never shows them", async () => {
    const db = join(dir, "cards.db")
    const { child, output, url } = await start(db)
    const number = "5555555555554444"
    const created = await (await fetch(`${url}/checkout/sessions`, { method: "POST" })).json() as { id: string }
    const fields = await fetch(`${url}/checkout/sessions/${created.id}/fields`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ payment_method: { number, expiration_date: "12/99", security_code: "987" } })
    })
    assert.strictEqual(fields.status, 204)
    const session = await (await fetch(`${url}/checkout/sessions/${created.id}`)).json() as any
    assert.strictEqual(session.payment_method.label, "4444")
    child.kill("SIGTERM")
    await once(child, "exit")
    const stored = fileText(db) + fileText(`${db}-wal`)
    assert.include(stored, created.id)
    assert.include(stored, session.payment_method.fingerprint)
    assert.notInclude(stored, number)
    assert.notInclude(stored, "\"987\"")
    assert.notInclude(output(), number)
    // The log's own random values (session id, temp directory, port, times, durations) may
    // contain 987 by chance: take out exactly those, and no 987 may be left.
    const scrubbed = output()
      .replaceAll(created.id, "<id>")
      .replaceAll(dir, "<dir>")
      .replaceAll(new URL(url).port, "<port>")
      .replace(/\btime=\S+|\bduration_ms=\S+/g, "")
    assert.include(scrubbed, "path=/checkout/sessions/<id>/fields status=204")
    assert.notInclude(scrubbed, "987")
  })

  it("every acknowledged session survives a kill -9 under concurrent load, with equal content", async () => {
    const db = join(dir, "durable.db")
    const first = await start(db)
    const exited = once(first.child, "exit")
    const acknowledged = new Map<string, unknown>()
    const killAfter = 150
    const state = { killed: false }
    let sent = 0
    const kill = () => {
      if (!state.killed) {
        state.killed = true
        first.child.kill("SIGKILL")
      }
    }
    // 25 workers create sessions until the server dies; the kill comes once 150 are acknowledged.
    const worker = async (w: number) => {
      while (!state.killed && sent < 2000) {
        const n = sent++
        try {
          const response = await fetch(`${first.url}/checkout/sessions`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              cart_items: [{ name: `item ${n}`, quantity: 1 + (n % 7), unit_amount: n }],
              metadata: { worker: String(w), n: String(n) }
            })
          })
          if (response.status !== 201) continue
          const body = await response.json() as { id: string }
          acknowledged.set(body.id, body)
          if (acknowledged.size >= killAfter) kill()
        } catch {
          // The connection died with the server: this one was never acknowledged.
        }
      }
    }
    await Promise.all(Array.from({ length: 25 }, (_, w) => worker(w)))
    await exited
    assert.isTrue(state.killed)
    assert.isAtLeast(acknowledged.size, killAfter)

    const second = await start(db)
    try {
      for (const [id, body] of acknowledged) {
        const response = await fetch(`${second.url}/checkout/sessions/${id}`)
        assert.strictEqual(response.status, 200, id)
        assert.deepStrictEqual(await response.json(), body)
      }
    } finally {
      second.child.kill("SIGTERM")
      await once(second.child, "exit")
    }
  })
})
