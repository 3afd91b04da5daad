import { afterAll, assert, describe, it } from "@effect/vitest"
import { spawn } from "node:child_process"
import { once } from "node:events"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Cli from "../src/Cli.ts"

const bin = new URL("../src/bin.ts", import.meta.url).pathname
const dataDir = mkdtempSync(join(tmpdir(), "checkout-mock-exposure-"))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const parse = (args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  const options = Cli.parse(["--store", "memory", "--auth", "off", "--data-dir", dataDir, ...args], env)
  if (options === "help") throw new Error("help")
  return options
}

describe("beyond loopback nothing is open by default", () => {
  it("the /_mock/ controls are on for a loopback host and off beyond, unless asked for", () => {
    for (const host of ["127.0.0.1", "localhost", "::1", "127.1.2.3"]) {
      assert.isTrue(parse(["--host", host]).admin, host)
      assert.isUndefined(Cli.exposureWarning(parse(["--host", host])), host)
    }
    for (const host of ["0.0.0.0", "::", "192.168.1.20", "example.test"]) {
      assert.isFalse(parse(["--host", host]).admin, host)
      assert.isTrue(parse(["--host", host, "--admin"]).admin, host)
      assert.isTrue(parse(["--host", host], { CHECKOUT_MOCK_ADMIN: "true" }).admin, host)
    }
    assert.isFalse(parse(["--no-admin"]).admin)
    assert.throws(() => parse(["--admin", "--no-admin"]), Cli.UsageError)
  })

  it("binding beyond loopback warns on stderr and leaves /_mock/ off", async () => {
    const child = spawn(process.execPath, [bin, "--host", "0.0.0.0", "--port", "0", "--store", "memory", "--auth", "off", "--data-dir", dataDir])
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    try {
      while (!/listening on/.test(stdout)) await once(child.stdout, "data")
      const port = /:(\d+) \(/.exec(stdout)![1]
      assert.include(stdout, "admin: off")
      assert.match(stderr, /^checkout-mock-server: warning: listening on 0\.0\.0\.0, beyond this machine;.*--auth off.*\/_mock\/ test controls are off \(--admin turns them on\)\n$/)
      const reset = await fetch(`http://127.0.0.1:${port}/_mock/reset`, { method: "POST" })
      assert.strictEqual(reset.status, 404)
      assert.strictEqual(((await reset.json()) as { type: string }).type, "error")
    } finally {
      child.kill("SIGTERM")
      await once(child, "exit")
    }
  })
})
