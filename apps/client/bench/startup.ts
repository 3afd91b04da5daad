/**
 * Start-up of the packed `checkout-kit` bin (`dist/bin.js`, what `npm install`
 * links; run after the build): `checkout-kit --help` against `node -e 0`,
 * interleaved in one run. Target: within 4×. BENCH_ROUNDS (default 15).
 */
import { compare, timeExit } from "../../../scripts/startup.ts"

const bin = new URL("../dist/bin.js", import.meta.url).pathname
const rounds = Number(process.env.BENCH_ROUNDS ?? 15)

await compare(
  "start-up",
  { name: "checkout-kit --help", run: () => timeExit(process.execPath, [bin, "--help"]) },
  { name: "node -e 0", run: () => timeExit(process.execPath, ["-e", "0"]) },
  { rounds, target: 4 }
)
