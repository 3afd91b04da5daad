import { afterAll, assert, beforeAll } from "@effect/vitest"
import * as Server from "@checkout-kit/mock-server/Server"
import { Effect, ManagedRuntime } from "effect"
import { HttpServer } from "effect/http"
import { spawn } from "node:child_process"
import { generateKeyPairSync } from "node:crypto"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

/** A merchant key pair (P-521 unless asked for RSA): PEM private key for the client, SPKI PEM public key for the server. */
export const makeKeyPair = (kind: "P-521" | "RSA" = "P-521") => {
  const { privateKey, publicKey } = kind === "RSA"
    ? generateKeyPairSync("rsa", { modulusLength: 2048 })
    : generateKeyPairSync("ec", { namedCurve: "P-521" })
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString()
  }
}

/** A merchant key pair with its private key in `private-key.pem` of a fresh temporary directory (`remove` deletes it). */
export const makeKeyFile = (prefix: string) => {
  const merchant = makeKeyPair()
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const keyFile = join(dir, "private-key.pem")
  writeFileSync(keyFile, merchant.privateKeyPem)
  return { merchant, dir, keyFile, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** The environment without the CLI's own variables (`CHECKOUT_KIT_*`, `CHECKOUT_MOCK_*`): each test says which it sets. */
export const baseEnv = (): Record<string, string | undefined> =>
  Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("CHECKOUT_KIT_") && !name.startsWith("CHECKOUT_MOCK_"))
  )

/** How a call that must fail failed: its rejection. */
export const rejection = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (e) {
    return e
  }
  throw new Error("expected the call to fail")
}

/** The real mock server on an ephemeral port, in this process. */
export const startMock = async (options: Partial<Server.ServerOptions> = {}) => {
  const runtime = ManagedRuntime.make(Server.layer({
    port: 0,
    host: "127.0.0.1",
    admin: true,
    logRequests: false,
    store: { kind: "memory" },
    auth: { kind: "off" },
    fingerprintSecret: "client-tests",
    ...options
  }))
  const url = await runtime.runPromise(HttpServer.addressFormattedWith((address) => Effect.succeed(address)))
  return {
    url,
    close: () => runtime.dispose(),
    /** The requests the mock saw since the last reset: [method, path, status]. */
    journal: async () => {
      const body = (await (await fetch(`${url}/_mock/requests`)).json()) as { items: Array<Record<string, unknown>> }
      return body.items.map((e) => [e.method, e.path, e.status] as [string, string, number])
    },
    reset: () => fetch(`${url}/_mock/reset`, { method: "POST" })
  }
}

/** What the real `checkout-kit` bin printed and its exit code. */
export interface BinRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs the real `checkout-kit` bin as a subprocess (asynchronously: a mock in this process keeps answering), with
 * `env` as its whole environment and `cwd` as its directory; resolves once its output is closed.
 */
export const runBin = (
  args: ReadonlyArray<string>,
  options: { readonly env: Record<string, string | undefined>; readonly cwd?: string | undefined }
) =>
  new Promise<BinRun>((resolve) => {
    const child = spawn(process.execPath, [new URL("../src/bin.ts", import.meta.url).pathname, ...args], {
      env: options.env,
      ...(options.cwd === undefined ? {} : { cwd: options.cwd })
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })

/** A run's JSON on stdout, once it has exited 0. */
export const binJson = (result: BinRun) => {
  assert.strictEqual(result.code, 0, result.stderr)
  return JSON.parse(result.stdout)
}

/** A failure: exit 1, the cause on the first line of stderr, no stack trace, nothing on stdout. */
export const assertBinFailure = (result: BinRun, ...expected: Array<string>) => {
  assert.strictEqual(result.code, 1, result.stderr)
  assert.match(result.stderr, /^checkout-kit: /)
  for (const text of expected) assert.include(result.stderr, text)
  assert.notMatch(result.stderr, /^\s+at /m)
  assert.strictEqual(result.stdout, "")
}

/** A usage error: exit 2, two lines on stderr (the first naming it, then which help to read), nothing on stdout. */
export const assertUsageError = (result: BinRun, args: ReadonlyArray<string>, expected: string) => {
  assert.strictEqual(result.code, 2, `${args.join(" ")}: ${result.stderr}`)
  const lines = result.stderr.trimEnd().split("\n")
  assert.lengthOf(lines, 2, result.stderr)
  assert.include(lines[0], expected)
  assert.include(lines[1], "--help")
  assert.strictEqual(result.stdout, "")
}

/**
 * The file's mock (JWT auth, a fresh merchant key in a temporary directory; started before its tests, closed
 * after) and the real bin against it: `cli` with the mock's URL and the key and none of the CLI's other
 * variables, `inAccount` the same in one merchant account.
 */
export const cliAgainstMock = (prefix: string) => {
  const { dir, keyFile, merchant, remove } = makeKeyFile(prefix)
  let mock: Awaited<ReturnType<typeof startMock>>
  beforeAll(async () => {
    mock = await startMock({ auth: { kind: "jwt", publicKeys: [merchant.publicKeyPem] } })
  })
  afterAll(async () => {
    await mock.close()
    remove()
  })
  const env = () => ({ ...baseEnv(), CHECKOUT_KIT_URL: mock.url, CHECKOUT_KIT_PRIVATE_KEY: keyFile })
  return {
    dir,
    keyFile,
    merchant,
    /** The mock's URL (once it started). */
    url: () => mock.url,
    env,
    cli: (...args: Array<string>) => runBin(args, { env: env(), cwd: dir }),
    inAccount: (account: string) => (...args: Array<string>) =>
      runBin(args, { env: { ...env(), CHECKOUT_KIT_MERCHANT_ACCOUNT: account }, cwd: dir })
  }
}
