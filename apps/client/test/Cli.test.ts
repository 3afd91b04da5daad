import { assert, describe, it } from "@effect/vitest"
import { errorDetailTypes } from "@checkout-kit/domain/Errors"
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { baseEnv, cliAgainstMock, runBin } from "./support.ts"

const { dir, env: mockEnv, keyFile, merchant, url: mockUrl } = cliAgainstMock("checkout-kit-cli-")

// Runs the real bin (asynchronously: the mock answers from this process), by default against the mock with the key.
const run = (
  args: ReadonlyArray<string>,
  options: { readonly env?: Record<string, string>; readonly cwd?: string } = {}
) => runBin(args, { env: options.env === undefined ? mockEnv() : { ...baseEnv(), ...options.env }, cwd: options.cwd ?? dir })
const cli = (...args: Array<string>) => run(args)

const bodyFile = (name: string, body: unknown) => {
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify(body))
  return path
}

describe("checkout-kit sessions", () => {
  it("create --file, get, update, fields and delete, in human and JSON output", async () => {
    const created = await cli("sessions", "create", "--json", "--file", bodyFile("create.json", {
      cart_items: [{ name: "GoPro", quantity: 2, unit_amount: 37999 }],
      metadata: { order: "42" }
    }))
    assert.strictEqual(created.code, 0, created.stderr)
    const session = JSON.parse(created.stdout)
    assert.deepStrictEqual(session.cart_items, [{ name: "GoPro", quantity: 2, unit_amount: 37999, discount_amount: 0, tax_amount: 0 }])

    const got = await cli("sessions", "get", session.id)
    assert.strictEqual(got.code, 0)
    assert.include(got.stdout, `Found checkout session ${session.id}`)
    assert.include(got.stdout, "cart items     1")

    const updated = await cli("sessions", "update", session.id, "--json", "--file", bodyFile("update.json", { metadata: { order: "43" } }))
    assert.deepStrictEqual(JSON.parse(updated.stdout).metadata, { order: "43" })

    const fields = await cli("sessions", "fields", session.id, "--card-number", "4111111111111111", "--expiry", "12/99", "--cvv", "123")
    assert.strictEqual(fields.code, 0, fields.stderr)
    assert.include(fields.stdout, "visa ····1111")
    assert.notInclude(fields.stdout + fields.stderr, "4111111111111111")

    const deleted = await cli("sessions", "delete", session.id)
    assert.strictEqual(deleted.code, 0)
    const gone = await cli("sessions", "get", session.id)
    assert.strictEqual(gone.code, 1)
    assert.include(gone.stderr, "checkout-kit: NotFound")
  })

  it("prints every details[] entry and exits 1 on a validation error", async () => {
    const created = JSON.parse((await cli("sessions", "create", "--json")).stdout)
    const rejected = await cli("sessions", "fields", created.id, "--card-number", "4111111111111112", "--expiry", "12/99")
    assert.strictEqual(rejected.code, 1)
    assert.include(rejected.stderr, `/payment_method/number  ${errorDetailTypes.luhn}`)
    const invalidFile = await cli("sessions", "update", created.id, "--file", bodyFile("bad.json", {
      cart_items: [{ name: "", quantity: 0, unit_amount: 1 }],
      unknown: true
    }))
    assert.strictEqual(invalidFile.code, 1)
    for (const pointer of ["/cart_items/0/name", "/cart_items/0/quantity", "/unknown"]) {
      assert.include(invalidFile.stderr, pointer)
    }
  })
})

describe("checkout-kit token", () => {
  it("mints a token the server accepts, with the scopes asked for", async () => {
    const token = (await cli("token")).stdout.trim()
    const created = await fetch(`${mockUrl()}/checkout/sessions`, { method: "POST", headers: { authorization: `Bearer ${token}` } })
    assert.strictEqual(created.status, 201)
    const reader = (await cli("token", "--scopes", "checkout-sessions.read")).stdout.trim()
    const denied = await fetch(`${mockUrl()}/checkout/sessions`, { method: "POST", headers: { authorization: `Bearer ${reader}` } })
    assert.strictEqual(denied.status, 403)
  })
})

// A URL where nothing listens: a port the system handed out, then closed.
const stoppedServer = () =>
  new Promise<string>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(`http://127.0.0.1:${port}`))
    })
  })

// A user-caused failure: exit 1, one or two lines on stderr, no stack trace, no help text.
const assertFailure = (result: { code: number; stderr: string }, ...expected: Array<string>) => {
  assert.strictEqual(result.code, 1, result.stderr)
  const lines = result.stderr.trimEnd().split("\n")
  assert.isAtMost(lines.length, 2, result.stderr)
  assert.match(lines[0], /^checkout-kit: /)
  for (const text of expected) assert.include(result.stderr, text)
  assert.notMatch(result.stderr, /^\s+at /m)
}

describe("checkout-kit failures speak", () => {
  it("names a missing --file and a --file that is not JSON", async () => {
    assertFailure(await cli("sessions", "create", "--file", join(dir, "missing.json")), `cannot read ${join(dir, "missing.json")}: no such file or directory`)
    const broken = join(dir, "broken.json")
    writeFileSync(broken, "{ \"cart_items\": [")
    assertFailure(await cli("sessions", "update", "some-id", "--file", broken), `${broken} is not JSON`)
  })

  it("says the server is unreachable, for a call and for a contract run", async () => {
    const url = await stoppedServer()
    const env = { CHECKOUT_KIT_URL: url, CHECKOUT_KIT_PRIVATE_KEY: keyFile }
    assertFailure(await run(["sessions", "get", "some-id"], { env }), `server unreachable at ${url} — is the mock running?`)
    const contract = await run(["contract", "--runs", "2"], { env })
    assertFailure(contract, `server unreachable at ${url} — is the mock running?`)
    assert.strictEqual(contract.stdout, "")
  })

  it("says where it looked for a key instead of skipping signing, and finds the mock's in a parent directory", async () => {
    const project = mkdtempSync(join(tmpdir(), "checkout-kit-project-"))
    try {
      const deeper = join(project, "src", "deeper")
      mkdirSync(deeper, { recursive: true })
      const env = { CHECKOUT_KIT_URL: mockUrl() }
      assertFailure(await run(["sessions", "create"], { env, cwd: deeper }), `no private key`, `in ${deeper} or its parents`, "--private-key")
      assertFailure(await run(["token"], { env, cwd: deeper }), `in ${deeper} or its parents`)
      assertFailure(
        await run(["token", "--private-key", join(project, "nope.pem")], { env, cwd: deeper }),
        `cannot read the private key ${join(project, "nope.pem")}`
      )

      mkdirSync(join(project, ".checkout-mock"))
      writeFileSync(join(project, ".checkout-mock", "private-key.pem"), merchant.privateKeyPem)
      const created = await run(["sessions", "create", "--json"], { env, cwd: deeper })
      assert.strictEqual(created.code, 0, created.stderr)
      assert.isString(JSON.parse(created.stdout).id)
    } finally {
      rmSync(project, { recursive: true, force: true })
    }
  })

  it("exits 2 on a usage error with one line naming it and the help to read, not the whole help", async () => {
    for (
      const [args, expected] of [
        [["sessions", "get"], "Missing required argument: id"],
        [["sessions", "bogus"], "Unknown subcommand \"bogus\""],
        [["token", "--lifetime", "soon"], "--lifetime takes seconds or a duration"],
        [["contract", "--server", "not a url"], "--server takes a URL"],
        [["sessions", "get", "x", "--colour"], "Unrecognized flag: --colour"]
      ] as const
    ) {
      const result = await cli(...args)
      assert.strictEqual(result.code, 2, `${args.join(" ")}: ${result.stderr}`)
      const lines = result.stderr.trimEnd().split("\n")
      assert.lengthOf(lines, 2, result.stderr)
      assert.include(lines[0], expected)
      assert.match(lines[1], /^see 'checkout-kit .*--help'$/)
      assert.strictEqual(result.stdout, "")
    }
  })
})
