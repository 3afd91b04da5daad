/**
 * Start-up of the packed `checkout-mock-server` bin (`dist/bin.js`; run after
 * the build): from spawn to its first `/health` 200, against a bare
 * `node:http` server started the same way (a child process that prints its
 * URL), interleaved in one run. Target: within 6×. BENCH_ROUNDS (default 15).
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { compare, timeHealth } from "../../../scripts/startup.ts"

const bin = new URL("../dist/bin.js", import.meta.url).pathname
const rounds = Number(process.env.BENCH_ROUNDS ?? 15)
const dataDir = mkdtempSync(join(tmpdir(), "checkout-mock-startup-"))
const bare = `require("node:http").createServer((q, s) => s.end('{"status":"ok"}'))` +
  `.listen(0, "127.0.0.1", function () { console.log("listening on http://127.0.0.1:" + this.address().port) })`

try {
  await compare(
    "start-up to /health",
    {
      name: "checkout-mock-server",
      run: () => timeHealth(process.execPath, [bin, "--port", "0", "--store", "memory", "--quiet", "--data-dir", dataDir])
    },
    { name: "bare node:http", run: () => timeHealth(process.execPath, ["-e", bare]) },
    { rounds, target: 6 }
  )
} finally {
  rmSync(dataDir, { recursive: true, force: true })
}
