import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Stateful from "../src/Stateful.ts"
import { makeKeyPair, startMock } from "./support.ts"

const merchant = makeKeyPair()
let mock: Awaited<ReturnType<typeof startMock>>

beforeAll(async () => {
  mock = await startMock({ auth: { kind: "jwt", publicKeys: [merchant.publicKeyPem] } })
})
afterAll(() => mock.close())

describe("Stateful", () => {
  it("the memory store agrees with the model", async () => {
    const report = await Stateful.check({ baseUrl: mock.url, privateKey: merchant.privateKeyPem, runs: 30, seed: 1 })
    console.log(Stateful.summary(report))
    assert.isTrue(report.passed)
  })
})
