import { afterAll, assert, describe, it } from "@effect/vitest"
import { execFileSync, spawn } from "node:child_process"
import { randomUUID } from "node:crypto"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { sessionFields } from "@checkout-kit/domain/CheckoutSession"
import * as Preload from "../src/Preload.ts"
import { StartupError } from "../src/StartupError.ts"
import { call, startServer } from "./support/server.ts"

const bin = new URL("../src/bin.ts", import.meta.url).pathname
const fixturesBin = new URL("../../../packages/fixtures/src/bin.ts", import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), "mock-preload-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let files = 0
const file = (text: string) => {
  const path = join(dir, `preload-${files++}.json`)
  writeFileSync(path, text)
  return path
}

// Runs the executable until it listens (then lists its sessions and stops it) or exits.
const run = (args: ReadonlyArray<string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string; sessions: Array<any> | undefined }>((resolve) => {
    const child = spawn(process.execPath, [bin, "--port", "0", "--store", "memory", "--auth", "off", "--quiet", ...args])
    let stdout = ""
    let stderr = ""
    let sessions: Array<any> | undefined
    child.stdout.on("data", (chunk) => {
      const before = stdout
      stdout += chunk
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1]
      if (url !== undefined && !/listening on/.test(before)) {
        call(url, "GET", "/_mock/sessions?limit=100").then((response) => {
          sessions = response.body.items
          child.kill("SIGTERM")
        })
      }
    })
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.on("exit", (code) => resolve({ code, stdout, stderr, sessions }))
  })

const session = (overrides: Record<string, unknown> = {}) => ({
  type: "checkout-session",
  id: randomUUID(),
  // Far from any year these tests run in: the session is live whatever the date.
  expires_at: "2999-01-01T00:00:00.000Z",
  metadata: { source: "preload" },
  ...overrides
})

describe("--preload", () => {
  it("loads the NDJSON the fixtures CLI samples, each record created as POST /checkout/sessions would", async () => {
    const ndjson = execFileSync(process.execPath, [
      fixturesBin,
      "sample",
      "CheckoutSessionUpdate",
      "--count",
      "25",
      "--seed",
      "7",
      "--format",
      "ndjson"
    ], { encoding: "utf8" })
    const records = ndjson.trim().split("\n").map((line) => JSON.parse(line))
    const result = await run(["--preload", file(ndjson)])
    assert.strictEqual(result.code, 0, result.stderr)
    assert.include(result.stdout, "preloaded 25 sessions from")
    assert.strictEqual(result.sessions?.length, 25)
    // Newest first: the file's last record is the first listed.
    const newest = result.sessions![0].session
    const last = records.at(-1)!
    for (const key of sessionFields) {
      if (last[key] !== undefined && last[key] !== null) assert.deepStrictEqual(newest[key], last[key], key)
    }
  })

  it("a bad record stops the server: one line naming the file, the line and the field's pointer; exit 1", async () => {
    const path = file(`{}\n\n{"metadata":{"order":42}}\n`)
    const result = await run(["--preload", path])
    assert.strictEqual(result.code, 1, result.stderr)
    assert.isUndefined(result.sessions)
    const lines = result.stderr.trim().split("\n")
    assert.strictEqual(lines.length, 1, result.stderr)
    assert.match(lines[0], new RegExp(`^checkout-mock-server: --preload ${path} line 3: /metadata/order: .+ \\(type_error\\.str\\)$`))
  })

  it("a JSON array of whole sessions and /_mock/sessions items: stored as given, under their merchant accounts", async () => {
    const plain = session()
    const listed = session({ metadata: { source: "listing" } })
    const server = await startServer({
      preload: Preload.read(file(JSON.stringify([plain, { merchant_account_id: "acme", created_at: null, session: listed }])))
    })
    try {
      const items = (await call(server.url, "GET", "/_mock/sessions")).body.items
      assert.deepStrictEqual(items.map((item: any) => [item.merchant_account_id, item.session]), [
        ["acme", listed],
        ["default", plain]
      ])
      assert.strictEqual((await call(server.url, "GET", `/checkout/sessions/${plain.id}`)).status, 200)
      assert.strictEqual(
        (await call(server.url, "GET", `/checkout/sessions/${listed.id}`, { headers: { "x-gr4vy-merchant-account-id": "acme" } }))
          .status,
        200
      )
    } finally {
      await server.close()
    }
  })

  it("a listing saved from one mock preloads another with the same sessions", async () => {
    const first = await startServer()
    let listing: Array<any>
    try {
      for (const account of ["default", "acme", "globex"]) {
        await call(first.url, "POST", "/checkout/sessions", {
          body: { metadata: { account } },
          headers: { "x-gr4vy-merchant-account-id": account }
        })
      }
      listing = (await call(first.url, "GET", "/_mock/sessions")).body.items
    } finally {
      await first.close()
    }
    const second = await startServer({ preload: Preload.read(file(JSON.stringify(listing))) })
    try {
      const again = (await call(second.url, "GET", "/_mock/sessions")).body.items
      assert.sameDeepMembers(
        again.map((item: any) => [item.merchant_account_id, item.session]),
        listing.map((item: any) => [item.merchant_account_id, item.session])
      )
    } finally {
      await second.close()
    }
  })

  it("names the item and the pointer in an array; a whole session is held to the session schema", async () => {
    const bad = file(JSON.stringify([session(), session({ id: "not-a-uuid", surprise: true })]))
    const error = await startServer({ preload: Preload.read(bad) }).then(() => undefined, (e: unknown) => e)
    assert.instanceOf(error, StartupError)
    assert.match((error as Error).message, new RegExp(`^--preload ${bad} item 1: /\\w+: .+ \\(and 1 more\\)$`))
    const item = file(JSON.stringify([{ merchant_account_id: "acme", session: session({ metadata: { n: 1 } }) }]))
    const itemError = await startServer({ preload: Preload.read(item) }).then(() => undefined, (e: unknown) => e)
    assert.include((itemError as Error).message, `--preload ${item} item 0: /session/metadata/n: `)
  })

  it("a file that cannot be read, or is not JSON, is named with the line", () => {
    assert.throws(() => Preload.read(join(dir, "missing.ndjson")), StartupError, "missing.ndjson: cannot read it: no such file")
    const broken = file(`{}\n{"metadata":\n`)
    assert.throws(() => Preload.read(broken), StartupError, `--preload ${broken} line 2: not valid JSON`)
    assert.throws(() => Preload.read(file("[{}, ")), StartupError, "not valid JSON")
  })
})
