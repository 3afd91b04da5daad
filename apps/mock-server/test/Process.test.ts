import { assert, describe, it } from "@effect/vitest"
import { type ChildProcess, spawn } from "node:child_process"
import { once } from "node:events"

const bin = new URL("../src/bin.ts", import.meta.url).pathname

// Starts the real executable and resolves when it prints its listening line.
const start = (args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  new Promise<{ child: ChildProcess; url: string; output: () => string }>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env } })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => {
      stdout += chunk
      const match = /listening on (http:\/\/\S+)/.exec(stdout)
      if (match) resolve({ child, url: match[1], output: () => stdout })
    })
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.on("exit", (code) => reject(new Error(`exited with ${code} before listening: ${stdout}${stderr}`)))
  })

describe("the checkout-mock-server executable", () => {
  it("prints one line when listening and one structured line per request, without bodies or auth", async () => {
    const { child, output, url } = await start(["--port", "0"])
    try {
      await fetch(`${url}/checkout/sessions`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: "Bearer secret-token",
          "x-gr4vy-merchant-account-id": "acme"
        },
        body: JSON.stringify({ metadata: { note: "4111111111111111" } })
      })
      await fetch(`${url}/health`)
    } finally {
      child.kill("SIGTERM")
      await once(child, "exit")
    }
    const lines = output().trim().split("\n")
    assert.match(lines[0], /^checkout-mock-server listening on http:\/\/127\.0\.0\.1:\d+ \(store: memory, admin: on\)$/)
    const logs = lines.slice(1).map((line) => JSON.parse(line))
    assert.deepStrictEqual(logs.map((l) => [l.method, l.path, l.status, l.merchant_account_id]), [
      ["POST", "/checkout/sessions", 201, "acme"],
      ["GET", "/health", 200, "default"]
    ])
    assert.isNumber(logs[0].duration_ms)
    assert.notInclude(output(), "4111111111111111")
    assert.notInclude(output(), "secret-token")
  })

  it("on SIGTERM finishes the request in flight, then exits 0", async () => {
    const { child, url } = await start(["--port", "0", "--quiet"])
    const inFlight = fetch(`${url}/health`, { headers: { prefer: "delay=400" } })
    // The journal shows nothing until the delayed request completes; wait until the server has it.
    await new Promise((resolve) => setImmediate(resolve))
    await fetch(`${url}/_mock/requests`)
    child.kill("SIGTERM")
    const [response, [code]] = await Promise.all([inFlight, once(child, "exit")])
    assert.strictEqual(response.status, 200)
    assert.strictEqual(code, 0)
  })

  it("takes its settings from the environment, flags winning", async () => {
    const { child, output } = await start(["--port", "0"], { CHECKOUT_MOCK_ADMIN: "false", CHECKOUT_MOCK_PORT: "1" })
    child.kill("SIGTERM")
    await once(child, "exit")
    assert.include(output(), "admin: off")
  })

  it("rejects an unknown flag with exit code 2 and the usage", async () => {
    const child = spawn(process.execPath, [bin, "--nope"])
    let stderr = ""
    child.stderr.on("data", (chunk) => (stderr += chunk))
    const [code] = await once(child, "exit")
    assert.strictEqual(code, 2)
    assert.include(stderr, "Usage: checkout-mock-server")
  })
})
