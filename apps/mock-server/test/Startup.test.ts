import { afterAll, assert, describe, it } from "@effect/vitest"
import { type ChildProcess, spawn } from "node:child_process"
import { generateKeyPairSync } from "node:crypto"
import { once } from "node:events"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Keys from "../src/Keys.ts"
import { StartupError } from "../src/StartupError.ts"

const bin = new URL("../src/bin.ts", import.meta.url).pathname
const root = mkdtempSync(join(tmpdir(), "checkout-mock-startup-"))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let dirs = 0
const freshDir = () => join(root, `d${dirs++}`)

// Runs the executable until it listens (then stops it) or exits; answers what happened.
const run = (args: ReadonlyArray<string>) =>
  new Promise<{ code: number | null; listening: boolean; stdout: string; stderr: string }>((resolve) => {
    const child: ChildProcess = spawn(process.execPath, [bin, "--port", "0", ...args])
    let stdout = ""
    let stderr = ""
    let listening = false
    child.stdout!.on("data", (chunk) => {
      stdout += chunk
      if (!listening && /listening on/.test(stdout)) {
        listening = true
        child.kill("SIGTERM")
      }
    })
    child.stderr!.on("data", (chunk) => (stderr += chunk))
    child.on("exit", (code) => resolve({ code, listening, stdout, stderr }))
  })

// A user-caused failure: exit 1, one or two lines on stderr that name `names`, no stack trace.
const assertStartupFailure = (result: Awaited<ReturnType<typeof run>>, names: string) => {
  assert.strictEqual(result.code, 1, result.stderr)
  assert.isFalse(result.listening)
  const lines = result.stderr.trim().split("\n")
  assert.isAtMost(lines.length, 2, result.stderr)
  assert.match(lines[0], /^checkout-mock-server: /)
  assert.include(lines[0], names)
  assert.notMatch(result.stderr, /\n\s+at |Error:/)
}

describe("the key pair is never destroyed", () => {
  it("a missing public key is rebuilt from the private key, which stays as it was", () => {
    const dir = freshDir()
    const first = Keys.loadOrCreate(dir)
    const paths = Keys.keyPaths(dir)
    const privatePem = readFileSync(paths.privateKey, "utf8")
    unlinkSync(paths.publicKey)
    const again = Keys.loadOrCreate(dir)
    assert.strictEqual(readFileSync(paths.privateKey, "utf8"), privatePem)
    assert.strictEqual(again.publicKeyPem, first.publicKeyPem)
    assert.strictEqual(readFileSync(paths.publicKey, "utf8"), first.publicKeyPem)
    assert.isFalse(again.created)
  })

  it("a public key without its private key stops, and nothing is written", () => {
    const dir = freshDir()
    const { publicKeyPem } = Keys.loadOrCreate(dir)
    const paths = Keys.keyPaths(dir)
    unlinkSync(paths.privateKey)
    assert.throws(() => Keys.loadOrCreate(dir), StartupError)
    assert.isFalse(existsSync(paths.privateKey))
    assert.strictEqual(readFileSync(paths.publicKey, "utf8"), publicKeyPem)
  })

  it("a private key that is not a P-521 key stops, and nothing is written", () => {
    for (const content of ["not a key", generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString()]) {
      const dir = freshDir()
      mkdirSync(dir)
      const paths = Keys.keyPaths(dir)
      writeFileSync(paths.privateKey, content)
      assert.throws(() => Keys.loadOrCreate(dir), StartupError)
      assert.strictEqual(readFileSync(paths.privateKey, "utf8"), content)
      assert.isFalse(existsSync(paths.publicKey))
    }
  })

  it("a public key that is not the private key's stops the server with one clear line", async () => {
    const dir = freshDir()
    Keys.loadOrCreate(dir)
    const paths = Keys.keyPaths(dir)
    const privatePem = readFileSync(paths.privateKey, "utf8")
    const other = generateKeyPairSync("ec", { namedCurve: "P-521" }).publicKey.export({ type: "spki", format: "pem" }).toString()
    writeFileSync(paths.publicKey, other)
    const result = await run(["--data-dir", dir, "--store", "memory"])
    assertStartupFailure(result, paths.publicKey)
    assert.strictEqual(readFileSync(paths.privateKey, "utf8"), privatePem)
    assert.strictEqual(readFileSync(paths.publicKey, "utf8"), other)
  })

  it("a new pair: the private key 0600 in a data directory created 0700", () => {
    const dir = freshDir()
    Keys.loadOrCreate(dir)
    assert.strictEqual(statSync(dir).mode & 0o777, 0o700)
    assert.strictEqual(statSync(Keys.keyPaths(dir).privateKey).mode & 0o777, 0o600)
  })
})

// A path under a regular file: no one, root included, can create a directory there.
const blocked = () => {
  const file = join(root, `file${dirs++}`)
  writeFileSync(file, "")
  return join(file, "data")
}

describe("start-up errors: one or two lines naming the cause and the fix, exit 1", () => {

  it("a data directory that cannot be created", async () => {
    const dir = blocked()
    assertStartupFailure(await run(["--data-dir", dir]), dir)
  })

  it("the memory store with auth off starts without a writable data directory", async () => {
    const result = await run(["--data-dir", blocked(), "--store", "memory", "--auth", "off"])
    assert.isTrue(result.listening, result.stderr)
    assert.strictEqual(result.code, 0)
  })

  it("a port in use", async () => {
    const blocker = spawn(process.execPath, [bin, "--port", "0", "--store", "memory", "--auth", "off", "--data-dir", freshDir()])
    try {
      let out = ""
      blocker.stdout.on("data", (chunk) => (out += chunk))
      while (!/listening on/.test(out)) await once(blocker.stdout, "data")
      const port = /:(\d+) \(/.exec(out)![1]
      const result = await new Promise<Awaited<ReturnType<typeof run>>>((resolve) => {
        const child = spawn(process.execPath, [bin, "--port", port, "--store", "memory", "--auth", "off", "--data-dir", freshDir()])
        let stderr = ""
        child.stderr.on("data", (chunk) => (stderr += chunk))
        child.on("exit", (code) => resolve({ code, listening: false, stdout: "", stderr }))
      })
      assertStartupFailure(result, `127.0.0.1:${port}`)
      assert.include(result.stderr, "--port")
    } finally {
      blocker.kill("SIGTERM")
      await once(blocker, "exit")
    }
  })
})
