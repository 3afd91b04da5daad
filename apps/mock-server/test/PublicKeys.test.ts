import { afterAll, assert, describe, it } from "@effect/vitest"
import { spawn } from "node:child_process"
import { generateKeyPairSync } from "node:crypto"
import { once } from "node:events"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Cli from "../src/Cli.ts"
import { makeKeyPair } from "./support/keys.ts"

// `--public-key [<account>=]<pem>` and CHECKOUT_MOCK_PUBLIC_KEYS: ECDSA and RSA keys, bound to a merchant account
// or not (API-SEMANTICS.md § Authentication), and the `token` command signing with such a key.
const dir = mkdtempSync(join(tmpdir(), "public-keys-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const rsa = makeKeyPair("RSA")
const p256 = makeKeyPair("P-256")
const file = (name: string, content: string) => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}
const rsaPublic = file("rsa.pub.pem", rsa.publicKeyPem)
const rsaPrivate = file("rsa.pem", rsa.privateKeyPem)
const p256Public = file("p256.pub.pem", p256.publicKeyPem)
const common = ["--data-dir", join(dir, "data"), "--store", "memory"]

const usageError = (argv: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  try {
    Cli.parse([...common, ...argv], env)
  } catch (e) {
    assert.instanceOf(e, Cli.UsageError)
    return (e as Error).message
  }
  return assert.fail("no usage error")
}

describe("--public-key", () => {
  it("binds a key to a merchant account with <account>=, from a flag or the environment", () => {
    const expected = [{ pem: rsa.publicKeyPem, merchantAccountId: "acme" }, { pem: p256.publicKeyPem }]
    const fromFlags = Cli.parse([...common, "--public-key", `acme=${rsaPublic}`, "--public-key", p256Public], {})
    assert.deepStrictEqual(fromFlags !== "help" && fromFlags.auth, { kind: "jwt", publicKeys: expected })
    const fromEnv = Cli.parse(common, { CHECKOUT_MOCK_PUBLIC_KEYS: `acme=${rsaPublic}, ${p256Public}` })
    assert.deepStrictEqual(fromEnv !== "help" && fromEnv.auth, { kind: "jwt", publicKeys: expected })
  })

  it("refuses a key no algorithm fits, or a file that is no key, naming the file", () => {
    const small = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" })
    const smallFile = file("small.pem", small.toString())
    assert.include(usageError(["--public-key", smallFile]), `public key ${smallFile}: an RSA key of 1024 bits`)
    const junk = file("junk.pem", "not a key")
    assert.include(usageError(["--public-key", `acme=${junk}`]), `public key ${junk}: not a PEM public key`)
    assert.include(usageError(["--public-key", join(dir, "missing.pem")]), "cannot read public key")
  })
})

describe("the executable with an RSA key bound to a merchant account", () => {
  const bin = new URL("../src/bin.ts", import.meta.url).pathname
  const mint = async (...args: Array<string>) => {
    const minting = spawn(process.execPath, [bin, "token", ...args])
    let out = ""
    minting.stdout.on("data", (chunk) => (out += chunk))
    minting.stderr.on("data", (chunk) => (out += chunk))
    const [code] = await once(minting, "exit")
    return { code: code as number, out: out.trim() }
  }

  it("`token --private-key` signs RS256 (or --alg RS512); the token acts on the key's account", async () => {
    const child = spawn(process.execPath, [bin, ...common, "--port", "0", "--quiet", "--public-key", `acme=${rsaPublic}`])
    let stdout = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", () => /listening on/.test(stdout) && resolve())
        child.on("exit", (code) => reject(new Error(`exited with ${code}`)))
      })
      const url = /listening on (http:\/\/\S+)/.exec(stdout)![1]
      for (const alg of [[], ["--alg", "RS512"]]) {
        const { code, out: token } = await mint("--private-key", rsaPrivate, ...alg)
        assert.strictEqual(code, 0, token)
        const headers = (account?: string) => ({
          authorization: `Bearer ${token}`,
          ...(account === undefined ? {} : { "x-gr4vy-merchant-account-id": account })
        })
        const created = await fetch(`${url}/checkout/sessions`, { method: "POST", headers: headers() })
        assert.strictEqual(created.status, 201)
        const path = `${url}/checkout/sessions/${((await created.json()) as { id: string }).id}`
        assert.strictEqual((await fetch(path, { headers: headers("acme") })).status, 200)
        assert.strictEqual((await fetch(path, { headers: headers("default") })).status, 403)
      }
      const wrong = await mint("--private-key", rsaPrivate, "--alg", "ES512")
      assert.notStrictEqual(wrong.code, 0)
      assert.include(wrong.out, "this key signs RS256, RS384, RS512, not ES512")
      const pin = await mint("--private-key", rsaPrivate, "--session", "42")
      assert.strictEqual(pin.code, 2)
      assert.include(pin.out, `Invalid value for flag --session: "42". Expected: a checkout session id (a UUID)`)
    } finally {
      child.kill("SIGTERM")
      await once(child, "exit")
    }
  })
})
