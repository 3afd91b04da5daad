import { afterAll, assert, describe, it } from "@effect/vitest"
import { spawn } from "node:child_process"
import { once } from "node:events"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { makeKeyPair } from "./support/keys.ts"

// The real executable, as a user runs it: what it prints on stdout and stderr, and its exit code.
const bin = new URL("../src/bin.ts", import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), "checkout-mock-cli-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const run = async (args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  // Without the CHECKOUT_MOCK_* variables of the machine running the tests: only those a case sets.
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("CHECKOUT_MOCK_")))
  const child = spawn(process.execPath, [bin, ...args], { env: { ...base, NO_COLOR: "1", ...env } })
  let stdout = ""
  let stderr = ""
  child.stdout.on("data", (chunk) => (stdout += chunk))
  child.stderr.on("data", (chunk) => (stderr += chunk))
  const [code] = await once(child, "close")
  return { code: code as number, stdout, stderr }
}

// Every flag of the server and the environment variable that stands for it.
const serverFlags: ReadonlyArray<readonly [string, string]> = [
  ["--port", "CHECKOUT_MOCK_PORT"],
  ["--host", "CHECKOUT_MOCK_HOST"],
  ["--data-dir", "CHECKOUT_MOCK_DATA_DIR"],
  ["--store", "CHECKOUT_MOCK_STORE"],
  ["--pool-size", "CHECKOUT_MOCK_POOL_SIZE"],
  ["--auth", "CHECKOUT_MOCK_AUTH"],
  ["--public-key", "CHECKOUT_MOCK_PUBLIC_KEYS"],
  ["--admin", "CHECKOUT_MOCK_ADMIN=true"],
  ["--no-admin", "CHECKOUT_MOCK_ADMIN=false"],
  ["--quiet", "CHECKOUT_MOCK_LOG_REQUESTS=false"],
  ["--log-format", "CHECKOUT_MOCK_LOG_FORMAT"],
  ["--shutdown-grace", "CHECKOUT_MOCK_SHUTDOWN_GRACE"],
  ["--cors-origin", "CHECKOUT_MOCK_CORS_ORIGINS"],
  ["--journal-size", "CHECKOUT_MOCK_JOURNAL_SIZE"],
  ["--preload", "CHECKOUT_MOCK_PRELOAD"],
  ["--webhook", "CHECKOUT_MOCK_WEBHOOK"],
  ["--webhook-secret", "CHECKOUT_MOCK_WEBHOOK_SECRET"]
]

// The help entry of a flag: its line (flag, value, description), up to the next flag's.
const entryOf = (help: string, flag: string) => {
  const line = help.split("\n").find((l) => new RegExp(`^\\s+${flag}(\\s|,|$)`).test(l))
  return line ?? assert.fail(`${flag} is not in the help:\n${help}`)
}

const assertUsageError = (
  result: { code: number; stdout: string; stderr: string },
  message: RegExp,
  command = "checkout-mock-server"
) => {
  assert.strictEqual(result.code, 2, result.stderr)
  assert.strictEqual(result.stdout, "")
  const lines = result.stderr.trimEnd().split("\n")
  assert.lengthOf(lines, 2, result.stderr)
  assert.match(lines[0], message)
  assert.strictEqual(lines[1], `see '${command} --help'`)
}

describe("checkout-mock-server --help", () => {
  it("shows every flag with its environment variable, the global flags and the token subcommand; exit 0", async () => {
    const { code, stdout, stderr } = await run(["--help"])
    assert.strictEqual(code, 0, stderr)
    assert.strictEqual(stderr, "")
    for (const [flag, env] of serverFlags) assert.include(entryOf(stdout, flag), `env ${env}`, flag)
    for (const flag of ["--help", "--version", "--verbose"]) entryOf(stdout, flag)
    assert.match(stdout, /^\s+token\s+Mint a bearer token/m)
    // The variables that have no flag.
    assert.include(stdout, "CHECKOUT_MOCK_BATCH_RESPONSES=false")
    assert.include(stdout, "CHECKOUT_MOCK_TUNE_HEAP=false")
  })

  it("`token --help` shows the token's flags, --lifetime and its older name --expires-in", async () => {
    const { code, stdout } = await run(["token", "--help"])
    assert.strictEqual(code, 0)
    for (const flag of ["--scopes", "--session", "--lifetime", "--expires-in", "--private-key", "--alg", "--data-dir", "--json"]) {
      entryOf(stdout, flag)
    }
    assert.include(entryOf(stdout, "--data-dir"), "env CHECKOUT_MOCK_DATA_DIR")
  })

  it("--version prints the name and version", async () => {
    const { code, stdout } = await run(["--version"])
    assert.strictEqual(code, 0)
    assert.match(stdout, /^checkout-mock-server \d+\.\d+\.\d+\n$/)
  })
})

describe("token --json", () => {
  it("prints the token and its lifetime in seconds, for scripts", async () => {
    const key = join(dir, "p256.pem")
    writeFileSync(key, makeKeyPair("P-256").privateKeyPem)
    const { code, stdout, stderr } = await run(["token", "--private-key", key, "--lifetime", "90s", "--json"])
    assert.strictEqual(code, 0, stderr)
    const printed = JSON.parse(stdout) as { token: string; expires_in: number }
    assert.deepStrictEqual(Object.keys(printed), ["token", "expires_in"])
    assert.strictEqual(printed.expires_in, 90)
    const header = JSON.parse(Buffer.from(printed.token.split(".")[0], "base64url").toString("utf8"))
    assert.strictEqual(header.alg, "ES256")
  })
})

describe("usage errors: one line naming the error, the help to read, exit 2", () => {
  it("an unknown flag, a missing value, a bad value from a flag or from its environment variable", async () => {
    assertUsageError(await run(["--nope"]), /^checkout-mock-server: .*--nope/)
    assertUsageError(await run(["--port"]), /^checkout-mock-server: .*--port/)
    assertUsageError(
      await run(["--log-format", "xml"]),
      /^checkout-mock-server: Invalid value for flag --log-format: "xml"\. Expected: "text" \| "json"$/
    )
    assertUsageError(await run(["--port", "70000"]), /^checkout-mock-server: Invalid value for flag --port: "70000"\. Expected: a port from 0 to 65535$/)
    // A variable's bad value names the variable, checked as its flag's would be.
    assertUsageError(await run([], { CHECKOUT_MOCK_PORT: "http" }), /^checkout-mock-server: Invalid value for CHECKOUT_MOCK_PORT: "http"\. Expected .*number/)
    assertUsageError(
      await run([], { CHECKOUT_MOCK_JOURNAL_SIZE: "-1" }),
      /^checkout-mock-server: Invalid value for CHECKOUT_MOCK_JOURNAL_SIZE: "-1"\. Expected: a number of requests from 0 to 100000$/
    )
    assertUsageError(await run(["--admin", "--no-admin"]), /^checkout-mock-server: --admin and --no-admin contradict$/)
  })

  it("the token subcommand's: the help to read is its own", async () => {
    assertUsageError(await run(["token", "--nope"]), /^checkout-mock-server: .*--nope/, "checkout-mock-server token")
    assertUsageError(
      await run(["token", "--data-dir", dir, "--session", "42"]),
      /^checkout-mock-server: Invalid value for flag --session: "42"\. Expected: a checkout session id \(a UUID\)$/,
      "checkout-mock-server token"
    )
  })
})

describe("failures: one or two lines naming the cause and the fix, exit 1, no stack", () => {
  it("a token without a private key names the directory it looked in", async () => {
    const { code, stdout, stderr } = await run(["token", "--data-dir", dir])
    assert.strictEqual(code, 1, stderr)
    assert.strictEqual(stdout, "")
    const lines = stderr.trimEnd().split("\n")
    assert.isAtMost(lines.length, 2, stderr)
    assert.strictEqual(lines[0], `checkout-mock-server: no private key in ${dir}: start the server once to create it`)
    assert.notMatch(stderr, /\n\s+at /)
  })

  it("a token with a private key file that cannot be read, or is no key", async () => {
    const missing = await run(["token", "--private-key", join(dir, "missing.pem")])
    assert.strictEqual(missing.code, 1, missing.stderr)
    assert.include(missing.stderr, `cannot read private key ${join(dir, "missing.pem")}: no such file or directory`)
    const notAKey = await run(["token", "--private-key", bin])
    assert.strictEqual(notAKey.code, 1, notAKey.stderr)
    assert.include(notAKey.stderr, `${bin}: not a PEM private key`)
    assert.notMatch(notAKey.stderr, /\n\s+at /)
  })
})
