import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { type ChildProcess, spawn } from "node:child_process"
import { once } from "node:events"
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { call } from "./support/server.ts"
import { freePort, startPostgres, type TestPostgres } from "@checkout-kit/test-postgres"

// Replicas of the executable on one PostgreSQL database of a throwaway cluster.
const bin = new URL("../src/bin.ts", import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), "checkout-mock-replicas-"))
let postgres: TestPostgres
let database: string
beforeAll(async () => {
  postgres = await startPostgres()
  database = await postgres.createDatabase("replicas")
})
afterAll(async () => {
  await postgres?.dispose()
  rmSync(dir, { recursive: true, force: true })
})

interface Replica {
  readonly child: ChildProcess
  readonly url: string
  readonly output: () => string
  readonly errors: () => string
  readonly stop: () => Promise<void>
}

// The replicas share the data directory: the same fingerprint secret, as the README's deployment notes ask.
const start = (url = database, extra: ReadonlyArray<string> = []) =>
  new Promise<Replica>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "--port", "0", "--data-dir", dir, "--store", url, "--auth", "off", ...extra])
    let stdout = ""
    let stderr = ""
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.stdout.on("data", (chunk) => {
      stdout += chunk
      const match = /listening on (http:\/\/\S+)/.exec(stdout)
      if (match) {
        resolve({
          child,
          url: match[1],
          output: () => stdout,
          errors: () => stderr,
          stop: async () => {
            if (child.exitCode !== null || child.signalCode !== null) return
            const exited = once(child, "exit")
            child.kill("SIGTERM")
            await exited
          }
        })
      }
    })
    child.on("exit", (code) => reject(new Error(`exited with ${code} before listening: ${stdout}${stderr}`)))
  })

const json = { "content-type": "application/json" }

describe("two replicas on one PostgreSQL database", () => {
  let a: Replica
  let b: Replica
  beforeAll(async () => {
    // Both start (and migrate) at once: the Migrator's lock lets one migrate and the other wait.
    ;[a, b] = await Promise.all([start(), start()])
  })
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
  })

  it("agree on create, update, delete and merchant isolation", async () => {
    const created = await call(a.url, "POST", "/checkout/sessions", {
      body: { metadata: { order: "1" } },
      headers: { "x-gr4vy-merchant-account-id": "m-1" }
    })
    assert.strictEqual(created.status, 201)
    const id = created.body.id as string
    const m1 = { "x-gr4vy-merchant-account-id": "m-1" }
    assert.deepStrictEqual((await call(b.url, "GET", `/checkout/sessions/${id}`, { headers: m1 })).body, created.body)
    // Another merchant account, through either replica: no such session.
    for (const replica of [a, b]) {
      const other = await call(replica.url, "GET", `/checkout/sessions/${id}`, { headers: { "x-gr4vy-merchant-account-id": "m-2" } })
      assert.strictEqual(other.status, 404)
    }
    const updated = await call(b.url, "PUT", `/checkout/sessions/${id}`, { body: { metadata: { order: "2" } }, headers: m1 })
    assert.strictEqual(updated.status, 200)
    assert.deepStrictEqual(updated.body.metadata, { order: "2" })
    assert.deepStrictEqual((await call(a.url, "GET", `/checkout/sessions/${id}`, { headers: m1 })).body, updated.body)
    assert.strictEqual((await call(a.url, "DELETE", `/checkout/sessions/${id}`, { headers: m1 })).status, 204)
    assert.strictEqual((await call(b.url, "GET", `/checkout/sessions/${id}`, { headers: m1 })).status, 404)
    assert.strictEqual((await call(b.url, "DELETE", `/checkout/sessions/${id}`, { headers: m1 })).status, 404)
  })

  it("share the clock: a move through one expires sessions on both, and a reset through either moves it back", async () => {
    const created = await call(a.url, "POST", "/checkout/sessions", { body: { expires_in: 3600 } })
    assert.strictEqual(created.status, 201)
    const id = created.body.id as string
    const moved = await call(b.url, "POST", "/_mock/clock", { body: { advance_seconds: 3601 } })
    assert.strictEqual(moved.status, 200)
    assert.strictEqual(moved.body.purged_sessions, 1)
    for (const replica of [a, b]) {
      assert.strictEqual((await call(replica.url, "GET", `/checkout/sessions/${id}`)).status, 404)
      assert.strictEqual((await call(replica.url, "GET", "/_mock/clock")).body.offset_seconds, 3601)
    }
    // A session created through A after the move expires relative to the moved clock.
    const later = await call(a.url, "POST", "/checkout/sessions", { body: { expires_in: 3600 } })
    assert.isAtLeast(Date.parse(later.body.expires_at), Date.parse(created.body.expires_at) + 3_601_000)
    assert.strictEqual((await call(a.url, "POST", "/_mock/reset")).status, 200)
    assert.strictEqual((await call(b.url, "GET", "/_mock/clock")).body.offset_seconds, 0)
    assert.strictEqual((await call(b.url, "GET", `/checkout/sessions/${later.body.id}`)).status, 404)
  })

  it("keep one clock per merchant account: a move of one account's clock through one replica leaves the others' on both", async () => {
    const qa = { "x-gr4vy-merchant-account-id": "qa" }
    const mine = await call(a.url, "POST", "/checkout/sessions", { body: { expires_in: 3600 }, headers: qa })
    const theirs = await call(a.url, "POST", "/checkout/sessions", { body: { expires_in: 3600 } })
    assert.strictEqual(mine.status, 201)
    assert.strictEqual(theirs.status, 201)
    const moved = await call(b.url, "POST", "/_mock/clock", { body: { offset_seconds: 3601 }, headers: qa })
    assert.strictEqual(moved.status, 200)
    assert.strictEqual(moved.body.offset_seconds, 3601)
    assert.strictEqual(moved.body.purged_sessions, 1)
    for (const replica of [a, b]) {
      assert.strictEqual((await call(replica.url, "GET", "/_mock/clock", { headers: qa })).body.offset_seconds, 3601)
      assert.strictEqual((await call(replica.url, "GET", "/_mock/clock")).body.offset_seconds, 0)
      assert.strictEqual((await call(replica.url, "GET", `/checkout/sessions/${mine.body.id}`, { headers: qa })).status, 404)
      assert.strictEqual((await call(replica.url, "GET", `/checkout/sessions/${theirs.body.id}`)).status, 200)
    }
    // Back to real time through the other replica: the row goes, both read 0.
    assert.strictEqual((await call(a.url, "POST", "/_mock/clock", { body: { offset_seconds: 0 }, headers: qa })).status, 200)
    assert.strictEqual((await call(b.url, "GET", "/_mock/clock", { headers: qa })).body.offset_seconds, 0)
    // A time before real time is refused, a time ahead sets the offset.
    const past = await call(b.url, "POST", "/_mock/clock", { body: { time: "2000-01-01T00:00:00Z" }, headers: qa })
    assert.strictEqual(past.status, 400)
    assert.strictEqual(past.body.details[0].pointer, "/time")
    // A day past the server's own time just before the move: the offset is at most the day (real time moved on
    // meanwhile), and the account's clock reads at least that time through either replica — no allowance for how
    // long the calls take.
    const before = Date.parse((await call(b.url, "GET", "/_mock/clock", { headers: qa })).body.now)
    const target = before + 86_400_000
    const set = await call(b.url, "POST", "/_mock/clock", { body: { time: new Date(target).toISOString() }, headers: qa })
    assert.strictEqual(set.status, 200)
    const after = (await call(a.url, "GET", "/_mock/clock", { headers: qa })).body
    assert.isAbove(after.offset_seconds, 0)
    assert.isAtMost(after.offset_seconds, 86_400)
    assert.isAtLeast(Date.parse(after.now), target)
    assert.strictEqual((await call(a.url, "POST", "/_mock/reset")).status, 200)
    assert.strictEqual((await call(b.url, "GET", "/_mock/clock", { headers: qa })).body.offset_seconds, 0)
  })

  it("serialise concurrent updates of one session through both replicas: one body wins whole", async () => {
    const created = await call(a.url, "POST", "/checkout/sessions")
    const id = created.body.id as string
    const bodies = Array.from({ length: 20 }, (_, n) => ({
      metadata: { writer: String(n), a: `a${n}`, b: `b${n}` },
      cart_items: [{ name: `item ${n}`, quantity: n + 1, unit_amount: n * 100 }]
    }))
    const answers = await Promise.all(
      bodies.map((body, n) => call(n % 2 === 0 ? a.url : b.url, "PUT", `/checkout/sessions/${id}`, { body }))
    )
    for (const answer of answers) assert.strictEqual(answer.status, 200)
    const final = (await call(b.url, "GET", `/checkout/sessions/${id}`)).body
    const winner = bodies[Number(final.metadata.writer)]
    assert.deepStrictEqual(final.metadata, winner.metadata)
    assert.strictEqual(final.cart_items[0].name, winner.cart_items[0].name)
  })

  it("never hold the card number or security code, in the tables or the database's files, nor log them", async () => {
    const number = "5555555555554444"
    const created = await call(a.url, "POST", "/checkout/sessions")
    const id = created.body.id as string
    const fields = await fetch(`${b.url}/checkout/sessions/${id}/fields`, {
      method: "PUT",
      headers: json,
      body: JSON.stringify({ payment_method: { number, expiration_date: "12/99", security_code: "987" } })
    })
    assert.strictEqual(fields.status, 204)
    const session = (await call(a.url, "GET", `/checkout/sessions/${id}`)).body
    assert.strictEqual(session.payment_method.label, "4444")
    // Every table, as text; then every file of the cluster (tables, indexes, write-ahead log), as bytes.
    const dump = await postgres.client("pg_dump", ["--data-only", "replicas"])
    assert.include(dump, id)
    assert.include(dump, session.payment_method.fingerprint)
    assert.notInclude(dump, number)
    assert.notInclude(dump, "\"987\"")
    await postgres.client("psql", ["-c", "CHECKPOINT", "replicas"])
    const files: Array<string> = []
    const walk = (path: string) => {
      for (const name of readdirSync(path)) {
        const child = join(path, name)
        if (statSync(child).isDirectory()) walk(child)
        else files.push(child)
      }
    }
    walk(postgres.dataDir)
    let sawId = false
    for (const file of files) {
      const bytes = readFileSync(file).toString("latin1")
      sawId ||= bytes.includes(id)
      assert.notInclude(bytes, number, file)
      assert.notInclude(bytes, "\"987\"", file)
    }
    assert.isTrue(sawId, "the session's id is somewhere in the cluster's files: the search looked at the right place")
    for (const replica of [a, b]) assert.notInclude(replica.output(), number)
  })
})

describe("a replica killed (-9) during a burst of creates", () => {
  it("loses no acknowledged session: every one reads back through the other, equal", async () => {
    const [first, second] = await Promise.all([start(), start()])
    try {
      const exited = once(first.child, "exit")
      const acknowledged = new Map<string, unknown>()
      const killAfter = 150
      const state = { killed: false }
      let sent = 0
      // 25 workers create sessions through the first replica until it dies; the kill comes once 150 are acknowledged.
      const worker = async (w: number) => {
        while (!state.killed && sent < 2000) {
          const n = sent++
          try {
            const response = await fetch(`${first.url}/checkout/sessions`, {
              method: "POST",
              headers: json,
              body: JSON.stringify({
                cart_items: [{ name: `item ${n}`, quantity: 1 + (n % 7), unit_amount: n }],
                metadata: { worker: String(w), n: String(n) }
              })
            })
            if (response.status !== 201) continue
            const body = await response.json() as { id: string }
            acknowledged.set(body.id, body)
            if (acknowledged.size >= killAfter && !state.killed) {
              state.killed = true
              first.child.kill("SIGKILL")
            }
          } catch {
            // The connection died with the replica: this one was never acknowledged.
          }
        }
      }
      await Promise.all(Array.from({ length: 25 }, (_, w) => worker(w)))
      await exited
      assert.isTrue(state.killed)
      assert.isAtLeast(acknowledged.size, killAfter)
      for (const [id, body] of acknowledged) {
        const response = await fetch(`${second.url}/checkout/sessions/${id}`)
        assert.strictEqual(response.status, 200, id)
        assert.deepStrictEqual(await response.json(), body)
      }
    } finally {
      await Promise.all([first.stop(), second.stop()])
    }
  })
})

describe("the database going away", () => {
  it("/health answers 503 on every replica while PostgreSQL is stopped, requests fail fast, and both recover by themselves", async () => {
    const [a, b] = await Promise.all([start(), start()])
    try {
      const created = await call(a.url, "POST", "/checkout/sessions")
      assert.strictEqual(created.status, 201)
      for (const replica of [a, b]) assert.strictEqual((await call(replica.url, "GET", "/health")).status, 200)

      await postgres.stop()
      for (const replica of [a, b]) {
        const health = await call(replica.url, "GET", "/health")
        assert.strictEqual(health.status, 503)
        assert.strictEqual(health.headers.get("retry-after"), "1")
        // A session call answers (a 500 in the API's shape), it does not wait for the database.
        const read = await call(replica.url, "GET", `/checkout/sessions/${created.body.id}`)
        assert.strictEqual(read.status, 500)
        assert.strictEqual(read.body.type, "error")
      }

      await postgres.start()
      for (const replica of [a, b]) {
        assert.strictEqual((await call(replica.url, "GET", "/health")).status, 200)
        assert.deepStrictEqual((await call(replica.url, "GET", `/checkout/sessions/${created.body.id}`)).body, created.body)
      }
      assert.strictEqual((await call(b.url, "POST", "/checkout/sessions")).status, 201)
    } finally {
      await Promise.all([a.stop(), b.stop()])
    }
  })

  // A plain URL gets the store's own connections (writes batched per turn); a URL that names its host and port in
  // parameters keeps the driver's. Both end a request at the operation's timeout.
  it.each([
    ["the store's own connections", () => ({ url: database, where: new URL(database).host + "/replicas" })],
    ["the driver's connections", () => {
      const { hostname, port } = new URL(database)
      return { url: `postgres://postgres@localhost/replicas?host=${hostname}&port=${port}`, where: `${hostname}:${port}/replicas` }
    }]
  ])("a database that stops answering fails requests after the timeout (a 500, /health 503), and recovers: %s", async (_, target) => {
    const { url, where } = target()
    const replica = await start(url)
    try {
      const created = await call(replica.url, "POST", "/checkout/sessions")
      assert.strictEqual(created.status, 201)
      postgres.signal("SIGSTOP")
      try {
        // The connections stay open and nothing answers: the operation's timeout ends each request, a read, a
        // create and an update alike.
        const path = `/checkout/sessions/${created.body.id}`
        const answers = await Promise.all([
          call(replica.url, "GET", path),
          call(replica.url, "POST", "/checkout/sessions"),
          call(replica.url, "PUT", path, { body: { amount: 1, currency: "EUR" } })
        ])
        assert.deepStrictEqual(answers.map((answer) => [answer.status, answer.body.type]), [
          [500, "error"],
          [500, "error"],
          [500, "error"]
        ])
        assert.strictEqual((await call(replica.url, "GET", "/health")).status, 503)
        assert.include(replica.errors(), `PostgreSQL ${where}: no answer within 5s`)
      } finally {
        postgres.signal("SIGCONT")
      }
      assert.strictEqual((await call(replica.url, "GET", "/health")).status, 200)
      assert.deepStrictEqual((await call(replica.url, "GET", `/checkout/sessions/${created.body.id}`)).body, created.body)
    } finally {
      await replica.stop()
    }
  })

  it("a replica that cannot reach the database does not start: one line naming the host and port, exit 1", async () => {
    const port = await freePort()
    const child = spawn(process.execPath, [
      bin, "--port", "0", "--data-dir", dir, "--store", `postgres://postgres:hunter2@127.0.0.1:${port}/replicas`, "--auth", "off"
    ])
    let stderr = ""
    child.stderr.on("data", (chunk) => (stderr += chunk))
    const [code] = await once(child, "exit")
    assert.strictEqual(code, 1)
    assert.strictEqual(
      stderr,
      `checkout-mock-server: cannot use the PostgreSQL database at 127.0.0.1:${port}/replicas: connection refused\n` +
        "check that it runs and accepts this user, or choose another store with --store\n"
    )
    assert.notInclude(stderr, "hunter2")
  })
})
