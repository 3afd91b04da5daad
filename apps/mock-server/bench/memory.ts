/**
 * RSS growth of the memory store holding 100,000 full seed sessions, created
 * through the sessions service (validation and defaults included), against
 * the size of their wire JSON. Run with --expose-gc (bench/http.ts does).
 *
 * The heap is set up as the `checkout-mock-server` executable sets it up
 * (`Heap.tune`), unless CHECKOUT_MOCK_TUNE_HEAP=false: bench/http.ts runs it
 * both ways, V8's default young generation being the baseline.
 */
import * as Heap from "../src/Heap.ts"
import { Effect, Layer, ManagedRuntime } from "effect"
import { fullSeedBody } from "../test/support/seeds.ts"
import { CheckoutSessions, FingerprintSecret } from "../src/CheckoutSessions.ts"
import * as Server from "../src/Server.ts"

const tuned = Heap.tuneFromEnv(process.env)

const count = Number(process.env.BENCH_SESSIONS ?? 100_000)
const body = fullSeedBody()

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})
const runtime = ManagedRuntime.make(
  CheckoutSessions.layerNoDeps.pipe(
    Layer.provide([Server.stateLayer(), Layer.succeed(FingerprintSecret, "bench")])
  )
)
const sessions = await runtime.runPromise(Effect.gen(function*() {
  return yield* CheckoutSessions
}))

gc()
const before = process.memoryUsage().rss
const heapBefore = process.memoryUsage().heapUsed
let bytes = 0
for (let i = 0; i < count; i++) {
  // A fresh body each time, as a request would bring.
  const wire = await runtime.runPromise(sessions.create("default", JSON.parse(JSON.stringify(body))))
  bytes += Buffer.byteLength(wire)
}
gc()
await new Promise((resolve) => setTimeout(resolve, 100))
gc()
const after = process.memoryUsage().rss
const growth = after - before
const heapGrowth = process.memoryUsage().heapUsed - heapBefore
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`
const heapSettings = tuned ? Heap.description : "V8 defaults"
// One JSON line for bench/http.ts, which prints the comparison.
console.log(JSON.stringify({ tuned, heapSettings, count, bytes, rss: growth, heap: heapGrowth }))
if (process.env.BENCH_MEMORY_TEXT !== "false") {
  console.log(`memory store, ${count.toLocaleString("en-US")} full seed sessions, heap: ${heapSettings}:`)
  console.log(`  wire JSON ${mb(bytes)} (${(bytes / count).toFixed(0)} B each), heap used +${mb(heapGrowth)}, RSS growth ${mb(growth)} = ${(growth / bytes).toFixed(2)}× the JSON`)
}
await runtime.dispose()
