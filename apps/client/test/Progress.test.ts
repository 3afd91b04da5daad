import { assert, describe, it } from "@effect/vitest"
import * as Progress from "../src/Progress.ts"

describe("Progress", () => {
  it("labels the bar and estimates the time left from the pace so far", () => {
    assert.strictEqual(Progress.line("contract", 0, 10, 0, 10), "contract [          ] 0/10 ETA …")
    // 4 checks in 8 s: 2 s each, 6 left.
    assert.strictEqual(Progress.line("contract", 4, 10, 8_000, 10), "contract [####      ] 4/10 ETA 12s")
    assert.strictEqual(Progress.line("contract", 1, 100, 5_000, 10), "contract [          ] 1/100 ETA 8m15s")
    assert.strictEqual(Progress.line("contract", 10, 10, 61_000, 10), "contract [##########] 10/10 done in 1m01s")
  })

  it("redraws one line on a terminal and prints only the last line elsewhere", () => {
    let clock = 0
    const written: Array<string> = []
    const tty = Progress.make({ label: "run", stream: { isTTY: true, write: (c) => written.push(c) }, now: () => clock, width: 4 })
    tty.update(1, 2)
    clock = 3_000
    tty.update(2, 2)
    assert.deepStrictEqual(written, ["\r\x1b[2Krun [##  ] 1/2 ETA 0s", "\r\x1b[2Krun [####] 2/2 done in 3s\n"])

    const logged: Array<string> = []
    const log = Progress.make({ label: "run", stream: { write: (c) => logged.push(c) }, now: () => 0, width: 4 })
    log.update(1, 2)
    log.update(2, 2)
    assert.deepStrictEqual(logged, ["run [####] 2/2 done in 0s\n"])
  })
})
