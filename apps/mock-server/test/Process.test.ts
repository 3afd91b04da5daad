import { afterAll, assert, describe, it } from "@effect/vitest"
import { type ChildProcess, spawn } from "node:child_process"
import { once } from "node:events"
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { rawConnection } from "./support/server.ts"

const bin = new URL("../src/bin.ts", import.meta.url).pathname
const tempDirs: Array<string> = []
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "checkout-mock-test-"))
  tempDirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

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

// A token's lifetime in seconds, from its claims.
const lifetimeOf = (token: string) => {
  const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"))
  return claims.exp - claims.iat
}

describe("the checkout-mock-server executable", () => {
  it("prints one line when listening and one structured line per request, without bodies or auth", async () => {
    const dir = dataDir()
    const { child, output, url } = await start([
      "--port",
      "0",
      "--data-dir",
      dir,
      "--store",
      "memory",
      "--auth",
      "off",
      "--log-format",
      "json"
    ])
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
    assert.match(
      lines[0],
      /^checkout-mock-server listening on http:\/\/127\.0\.0\.1:\d+ \(store: memory, auth: off, admin: on\)$/
    )
    const events = lines.slice(1).map((line) => JSON.parse(line))
    assert.deepStrictEqual(events.at(-1), { level: "info", msg: "shutting down", in_flight: 0, grace_seconds: 20 })
    const logs = events.filter((event) => event.msg === "request")
    assert.deepStrictEqual(logs.map((l) => [l.method, l.path, l.status, l.merchant_account_id]), [
      ["POST", "/checkout/sessions", 201, "acme"],
      ["GET", "/health", 200, "default"]
    ])
    assert.isNumber(logs[0].duration_ms)
    assert.notInclude(output(), "4111111111111111")
    assert.notInclude(output(), "secret-token")
  })

  it("by default requires tokens, keeps sessions in SQLite and creates a key pair in its data directory", async () => {
    const dir = dataDir()
    const { child, output, url } = await start(["--port", "0", "--data-dir", dir])
    const unauthenticated = await fetch(`${url}/checkout/sessions`, { method: "POST" })
    child.kill("SIGTERM")
    await once(child, "exit")
    assert.strictEqual(unauthenticated.status, 401)
    assert.include(output(), `store: sqlite:${join(dir, "sessions.db")}`)
    assert.include(output(), `sign requests with the private key in ${join(dir, "private-key.pem")}`)
    assert.isTrue(existsSync(join(dir, "sessions.db")))
    assert.strictEqual(statSync(join(dir, "private-key.pem")).mode & 0o777, 0o600)
    assert.notInclude(output(), "PRIVATE KEY")
    // The second start reuses the pair.
    const before = statSync(join(dir, "private-key.pem")).mtimeMs
    const again = await start(["--port", "0", "--data-dir", dir])
    again.child.kill("SIGTERM")
    await once(again.child, "exit")
    assert.strictEqual(statSync(join(dir, "private-key.pem")).mtimeMs, before)
  })

  it("`token` mints a bearer token the server accepts, with the scopes and pin asked for", async () => {
    const dir = dataDir()
    const { child, url } = await start(["--port", "0", "--data-dir", dir, "--store", "memory", "--quiet"])
    const mint = async (...args: Array<string>) => {
      const minting = spawn(process.execPath, [bin, "token", "--data-dir", dir, ...args])
      let token = ""
      minting.stdout.on("data", (chunk) => (token += chunk))
      const [code] = await once(minting, "exit")
      assert.strictEqual(code, 0)
      return token.trim()
    }
    try {
      const writer = await mint()
      const created = await fetch(`${url}/checkout/sessions`, { method: "POST", headers: { authorization: `Bearer ${writer}` } })
      assert.strictEqual(created.status, 201)
      const reader = await mint("--scopes", "checkout-sessions.read")
      const denied = await fetch(`${url}/checkout/sessions`, { method: "POST", headers: { authorization: `Bearer ${reader}` } })
      assert.strictEqual(denied.status, 403)
      // `--lifetime`, as checkout-kit's token names it (seconds or a duration); `--expires-in` still works.
      assert.strictEqual(lifetimeOf(await mint("--lifetime", "90s")), 90)
      assert.strictEqual(lifetimeOf(await mint("--lifetime", "600")), 600)
      assert.strictEqual(lifetimeOf(await mint("--expires-in", "2h")), 7200)
    } finally {
      child.kill("SIGTERM")
      await once(child, "exit")
    }
  })

  it("on SIGTERM finishes the request in flight, then exits 0", async () => {
    const { child, url } = await start(["--port", "0", "--quiet", "--data-dir", dataDir(), "--store", "memory", "--auth", "off"])
    const exited = once(child, "exit")
    // An idle keep-alive connection: the server closes it when its shutdown begins.
    const idle = await rawConnection(url)
    idle.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    await idle.waitFor(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\n\{/)
    // In flight for sure: the server has answered 100 Continue and waits for the body.
    const body = JSON.stringify({ metadata: { order: "42" } })
    const inFlight = await rawConnection(url)
    inFlight.write(
      `POST /checkout/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nexpect: 100-continue\r\n\r\n`
    )
    await inFlight.waitFor(/^HTTP\/1\.1 100 Continue\r\n\r\n/)
    child.kill("SIGTERM")
    // The shutdown has begun once the idle connection is closed; only then does the body arrive.
    await idle.closed()
    inFlight.write(body)
    await inFlight.waitFor(/HTTP\/1\.1 201 Created\r\n[\s\S]*"order":"42"/)
    const [code] = await exited
    assert.strictEqual(code, 0)
  })

  it("takes its settings from the environment, flags winning", async () => {
    const { child, output } = await start(["--port", "0", "--data-dir", dataDir()], {
      CHECKOUT_MOCK_ADMIN: "false",
      CHECKOUT_MOCK_PORT: "1",
      CHECKOUT_MOCK_STORE: "memory"
    })
    child.kill("SIGTERM")
    await once(child, "exit")
    assert.include(output(), "admin: off")
    assert.include(output(), "store: memory")
  })

  it("rejects an unknown flag or a bad value with exit code 2: one line naming it and the help to read", async () => {
    // The help to read is the command's own: the subcommand's for `token`.
    for (const [args, command] of [
      [["--nope"], "checkout-mock-server"],
      [["--port", "http"], "checkout-mock-server"],
      [["token", "--lifetime", "soon"], "checkout-mock-server token"]
    ] as const) {
      const child = spawn(process.execPath, [bin, ...args])
      let stderr = ""
      child.stderr.on("data", (chunk) => (stderr += chunk))
      const [code] = await once(child, "close")
      assert.strictEqual(code, 2, stderr)
      const lines = stderr.trimEnd().split("\n")
      assert.lengthOf(lines, 2, stderr)
      assert.match(lines[0], /^checkout-mock-server: /)
      assert.strictEqual(lines[1], `see '${command} --help'`)
    }
  })
})
