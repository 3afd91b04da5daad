import { afterAll, assert, describe, it } from "@effect/vitest"
import { spawn } from "node:child_process"
import { once } from "node:events"
import { mkdtempSync, rmSync } from "node:fs"
import { connect } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"

const root = new URL("../../..", import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), "checkout-mock-start-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// Whether something accepts connections at the URL's port.
const listening = async (url: string) => {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  const [outcome] = await Promise.race([once(socket, "connect").then(() => ["connected"]), once(socket, "error")])
  socket.destroy()
  return outcome === "connected"
}

describe("the root start script", () => {
  it("`npx pnpm start` stopped with SIGTERM stops the server: no orphan holds the port", async () => {
    // As CI does it: `npx pnpm start & … kill $!`. The signal reaches npm's exec, not pnpm nor the server.
    const npx = spawn("npx", ["-y", "pnpm@12.21.0", "start", "--port", "0", "--store", "memory", "--quiet", "--data-dir", dir], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    npx.stdout.on("data", (chunk) => (stdout += chunk))
    // Every process of the chain (npm, pnpm, the script, the server) writes to this pipe: it closes once all have exited.
    const closed = once(npx.stdout, "close")
    while (!/listening on (http:\/\/\S+)/.test(stdout)) await once(npx.stdout, "data")
    const url = /listening on (http:\/\/\S+)/.exec(stdout)![1]
    assert.isTrue(await listening(url))

    npx.kill("SIGTERM")
    await closed
    assert.include(stdout, "shutting down")
    assert.isFalse(await listening(url))
  })
})
