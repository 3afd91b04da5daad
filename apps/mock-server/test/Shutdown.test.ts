import { afterAll, assert, describe, it } from "@effect/vitest"
import { type ChildProcess, spawn } from "node:child_process"
import { once } from "node:events"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { rawConnection } from "./support/server.ts"

const bin = new URL("../src/bin.ts", import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), "checkout-mock-shutdown-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// The executable, started; `line(pattern)` resolves once its stdout has a line matching `pattern`.
const start = async (grace: string) => {
  const child: ChildProcess = spawn(process.execPath, [
    bin,
    "--port",
    "0",
    "--quiet",
    "--store",
    "memory",
    "--auth",
    "off",
    "--data-dir",
    dir,
    "--shutdown-grace",
    grace
  ])
  let stdout = ""
  child.stdout!.on("data", (chunk) => (stdout += chunk))
  const line = async (pattern: RegExp) => {
    while (!pattern.test(stdout)) await once(child.stdout!, "data")
    return pattern.exec(stdout)!
  }
  const [, url] = await line(/listening on (http:\/\/\S+)/)
  return { child, url, line }
}

// A create whose body the client holds back: the server has it in flight once it answers `100 Continue`.
const heldCreate = async (url: string) => {
  const connection = await rawConnection(url)
  connection.write(
    "POST /checkout/sessions HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\ncontent-length: 2\r\n" +
      "expect: 100-continue\r\n\r\n"
  )
  await connection.waitFor(/^HTTP\/1\.1 100 Continue\r\n\r\n/)
  return connection
}

// SIGTERM with a create in flight, once the server says it is shutting down with it.
const terminateDuringCreate = async (grace: string) => {
  const { child, line, url } = await start(grace)
  const connection = await heldCreate(url)
  const exited = once(child, "exit")
  child.kill("SIGTERM")
  await line(new RegExp(`shutting down in_flight=1 grace_seconds=${grace}`))
  return { connection, exited }
}

describe("shutdown", () => {
  it("answers what finishes within the grace, and exits as soon as nothing is in flight", async () => {
    const { connection, exited } = await terminateDuringCreate("3600")
    connection.write("{}")
    await connection.waitFor(/HTTP\/1\.1 201 Created/)
    // An hour of grace, yet it exits now: nothing is in flight.
    const [code] = await exited
    assert.strictEqual(code, 0)
    await connection.closed()
  })

  it("answers 503 in the API's shape to a request still in flight when the grace ends, then exits", async () => {
    const { connection, exited } = await terminateDuringCreate("0")
    await connection.closed()
    const [code] = await exited
    assert.strictEqual(code, 0)
    const response = connection.received().replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, "")
    assert.match(response, /^HTTP\/1\.1 503 Service Unavailable\r\n/)
    assert.match(response, /\r\nconnection: close\r\n/i)
    const body = JSON.parse(response.slice(response.indexOf("\r\n\r\n") + 4))
    assert.deepStrictEqual(
      { type: body.type, status: body.status, code: body.code },
      { type: "error", status: 503, code: "server_error" }
    )
  })

  it("rejects a grace that is not a number of seconds", async () => {
    const child = spawn(process.execPath, [bin, "--shutdown-grace", "soon"])
    let stderr = ""
    child.stderr.on("data", (chunk) => (stderr += chunk))
    const [code] = await once(child, "exit")
    assert.strictEqual(code, 2)
    assert.include(stderr, `Invalid value for flag --shutdown-grace: "soon"`)
  })
})
