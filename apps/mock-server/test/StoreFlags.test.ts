import { afterAll, assert, describe, it } from "@effect/vitest"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Cli from "../src/Cli.ts"
import { defaultPoolSize } from "../src/PgStore.ts"

const dataDir = mkdtempSync(join(tmpdir(), "checkout-mock-store-flags-"))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const parse = (args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  const options = Cli.parse(["--auth", "off", "--data-dir", dataDir, ...args], env)
  if (options === "help") throw new Error("help")
  return options
}
const usageError = (args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  try {
    parse(args, env)
  } catch (e) {
    assert.instanceOf(e, Cli.UsageError)
    return (e as Error).message
  }
  return assert.fail("parsed")
}

describe("--store postgres://… and --pool-size", () => {
  it("a postgres:// or postgresql:// URL, from the flag or CHECKOUT_MOCK_STORE, with the default pool size", () => {
    const url = "postgres://mock@db.internal:6543/checkout"
    assert.deepStrictEqual(parse(["--store", url]).store, { kind: "postgres", url, poolSize: defaultPoolSize })
    assert.deepStrictEqual(parse([], { CHECKOUT_MOCK_STORE: "postgresql://db/x" }).store, {
      kind: "postgres",
      url: "postgresql://db/x",
      poolSize: defaultPoolSize
    })
  })

  it("the pool size from --pool-size or CHECKOUT_MOCK_POOL_SIZE, the flag winning", () => {
    const store = "postgres://db/x"
    assert.deepStrictEqual(parse(["--store", store], { CHECKOUT_MOCK_POOL_SIZE: "4" }).store, { kind: "postgres", url: store, poolSize: 4 })
    assert.deepStrictEqual(parse(["--store", store, "--pool-size", "25"], { CHECKOUT_MOCK_POOL_SIZE: "4" }).store, {
      kind: "postgres",
      url: store,
      poolSize: 25
    })
  })

  it("a bad pool size, or one for another store, is a usage error", () => {
    for (const size of ["0", "1.5", "x", "1001"]) {
      assert.include(usageError(["--store", "postgres://db/x", "--pool-size", size]), `Invalid value for flag --pool-size: "${size}"`)
      assert.include(usageError(["--store", "postgres://db/x"], { CHECKOUT_MOCK_POOL_SIZE: size }), `Invalid value for CHECKOUT_MOCK_POOL_SIZE: "${size}"`)
    }
    // The variable applies to a postgres:// store only: another store ignores it.
    assert.deepStrictEqual(parse(["--store", "memory"], { CHECKOUT_MOCK_POOL_SIZE: "x" }).store, { kind: "memory" })
    assert.strictEqual(usageError(["--store", "memory", "--pool-size", "3"]), "--pool-size applies to a postgres:// store only")
  })

  it("the listening line names host, port and database, never the user's password", () => {
    const options = parse(["--store", "postgres://mock:hunter2@db.internal:6543/checkout", "--pool-size", "3"])
    assert.strictEqual(Cli.describeStore(options.store), "postgres://db.internal:6543/checkout (pool 3)")
    assert.notInclude(usageError(["--store", "postgres://mock:hunter2@[bad/x"]), "hunter2")
  })
})
