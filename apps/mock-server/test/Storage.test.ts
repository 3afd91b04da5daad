import { afterAll, assert, describe, it } from "@effect/vitest"
import { spawn } from "node:child_process"
import { once } from "node:events"
import { chmodSync, closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { DatabaseSync } from "node:sqlite"
import * as SqliteStore from "../src/SqliteStore.ts"
import { call, startServer } from "./support/server.ts"

const bin = new URL("../src/bin.ts", import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), "checkout-mock-storage-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// Runs the executable to its exit; answers its exit code and what it printed.
const runToExit = async (args: ReadonlyArray<string>) => {
  const child = spawn(process.execPath, [bin, ...args])
  let stdout = ""
  let stderr = ""
  child.stdout.on("data", (chunk) => (stdout += chunk))
  child.stderr.on("data", (chunk) => (stderr += chunk))
  const [code] = await once(child, "exit")
  return { code: code as number, stdout, stderr }
}

// A database of many pages, closed cleanly.
const populatedDatabase = (path: string) => {
  const { db } = SqliteStore.open(path)
  const insert = db.prepare("INSERT INTO sessions (merchant_account_id, id, expires_at, body) VALUES (?, ?, ?, ?)")
  for (let i = 0; i < 200; i++) insert.run("default", `session-${i}`, Date.now() + 3_600_000, "x".repeat(500))
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)")
  db.close()
}

describe("a corrupt database", () => {
  it("stops the server at start with two lines naming the file and what to do, no stack, exit 1", async () => {
    const path = join(dir, "corrupt.db")
    populatedDatabase(path)
    // Pages 3 to 6 overwritten with garbage.
    const fd = openSync(path, "r+")
    writeSync(fd, Buffer.alloc(4 * 4096, 0xa5), 0, 4 * 4096, 2 * 4096)
    closeSync(fd)
    const { code, stderr, stdout } = await runToExit(["--port", "0", "--data-dir", dir, "--store", `sqlite:${path}`, "--auth", "off"])
    assert.strictEqual(code, 1)
    assert.notInclude(stdout, "listening")
    const lines = stderr.trim().split("\n")
    assert.isAtMost(lines.length, 2, stderr)
    assert.include(lines[0], path)
    assert.include(lines[0], "corrupt")
    assert.match(stderr, /restore it from a backup/)
    assert.notMatch(stderr, /\n\s+at /)
  })

  it("a file that is not a database: the same", async () => {
    const path = join(dir, "text.db")
    const fd = openSync(path, "w")
    writeSync(fd, "this is not a database, ".repeat(400))
    closeSync(fd)
    const { code, stderr } = await runToExit(["--port", "0", "--data-dir", dir, "--store", `sqlite:${path}`, "--auth", "off"])
    assert.strictEqual(code, 1)
    assert.isAtMost(stderr.trim().split("\n").length, 2, stderr)
    assert.include(stderr, path)
  })
})

describe("a storage error at run time", () => {
  it("answers 500 in the API's shape and /health 503 until the store works again", async () => {
    const path = join(dir, "runtime.db")
    const server = await startServer({ store: { kind: "sqlite", path } })
    const other = new DatabaseSync(path)
    try {
      assert.strictEqual((await call(server.url, "POST", "/checkout/sessions", { body: {} })).status, 201)
      assert.strictEqual((await call(server.url, "GET", "/health")).status, 200)
      // Another connection takes the table away: every statement of the server fails.
      other.exec("ALTER TABLE sessions RENAME TO sessions_away")
      const failed = await call(server.url, "POST", "/checkout/sessions", { body: {} })
      assert.strictEqual(failed.status, 500)
      assert.deepStrictEqual(
        { type: failed.body.type, code: failed.body.code, status: failed.body.status, details: failed.body.details },
        { type: "error", code: "server_error", status: 500, details: [] }
      )
      const unhealthy = await call(server.url, "GET", "/health")
      assert.strictEqual(unhealthy.status, 503)
      assert.strictEqual(unhealthy.body.type, "error")
      assert.strictEqual(unhealthy.body.status, 503)
      // The table back: /health's probe finds the store working.
      other.exec("ALTER TABLE sessions_away RENAME TO sessions")
      assert.strictEqual((await call(server.url, "GET", "/health")).status, 200)
      assert.strictEqual((await call(server.url, "POST", "/checkout/sessions", { body: {} })).status, 201)
    } finally {
      other.close()
      await server.close()
    }
  })
})

describe("private files", () => {
  it("the database, its -wal and -shm files are 0600 and a new data directory 0700", async () => {
    const dataDir = join(dir, "fresh", "data")
    const path = join(dataDir, "sessions.db")
    const server = await startServer({ store: { kind: "sqlite", path } })
    try {
      assert.strictEqual((await call(server.url, "POST", "/checkout/sessions", { body: {} })).status, 201)
      assert.strictEqual(statSync(dataDir).mode & 0o777, 0o700)
      for (const file of [path, `${path}-wal`, `${path}-shm`]) assert.strictEqual(statSync(file).mode & 0o777, 0o600, file)
    } finally {
      await server.close()
    }
  })

  it("files of an earlier version are narrowed to 0600", () => {
    const path = join(dir, "old.db")
    const { db } = SqliteStore.open(path)
    db.close()
    chmodSync(path, 0o644)
    SqliteStore.open(path).db.close()
    assert.strictEqual(statSync(path).mode & 0o777, 0o600)
  })
})

describe("logs", () => {
  it("text by default: a request per line on stdout, a storage failure as one line on stderr naming the file", async () => {
    const path = join(dir, "logged.db")
    const child = spawn(process.execPath, [bin, "--port", "0", "--data-dir", dir, "--store", `sqlite:${path}`, "--auth", "off"])
    let stdout = ""
    let stderr = ""
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.stdout.on("data", (chunk) => (stdout += chunk))
    while (!/listening on/.test(stdout)) await once(child.stdout, "data")
    const url = /listening on (http:\/\/\S+)/.exec(stdout)![1]
    const other = new DatabaseSync(path)
    try {
      assert.strictEqual((await call(url, "POST", "/checkout/sessions", { body: {} })).status, 201)
      other.exec("ALTER TABLE sessions RENAME TO sessions_away")
      assert.strictEqual((await call(url, "POST", "/checkout/sessions", { body: {} })).status, 500)
    } finally {
      other.close()
      child.kill("SIGTERM")
      await once(child, "exit")
    }
    const requests = stdout.trim().split("\n").slice(1)
    assert.match(requests[0], /^info request method=POST path=\/checkout\/sessions status=201 merchant_account_id=default time=\S+ duration_ms=[\d.]+$/)
    assert.match(requests[1], /^info request method=POST path=\/checkout\/sessions status=500 /)
    const errors = stderr.trim().split("\n")
    assert.strictEqual(errors.length, 1, stderr)
    assert.match(errors[0], /^error request failed method=POST path=\/checkout\/sessions error=".*no such table: sessions"$/)
    assert.include(errors[0], path)
  })
})
