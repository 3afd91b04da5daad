/**
 * The contract runner: drives any server (the mock, or the real sandbox) with
 * fixtures and checks that it honours the contract on the wire.
 *
 * - valid bodies are accepted (201) and read back equal to what was sent,
 *   after the spec's defaults;
 * - invalid bodies (one constraint broken) are rejected with 400 and a
 *   `details[]` entry whose pointer is the broken field;
 * - unknown session ids answer 404;
 * - expired sessions answer 404, when the server offers `/_mock/clock`.
 *
 * Every mismatch is reported with the seed and the body, so it can be
 * replayed.
 *
 * @since 0.1.0
 */
import { CheckoutSession, sessionFields } from "@checkout-kit/domain/CheckoutSession"
import * as Defaults from "@checkout-kit/domain/Defaults"
import * as fc from "fast-check"
import { randomUUID } from "node:crypto"
import * as TokenSigner from "./TokenSigner.ts"

/**
 * A valid body and a broken one, as the fixtures package generates them.
 *
 * @category models
 * @since 0.1.0
 */
export interface Generators {
  readonly valid: fc.Arbitrary<unknown>
  readonly invalid: fc.Arbitrary<{ readonly value: unknown; readonly pointer: string; readonly constraint: string }>
}

/**
 * @category models
 * @since 0.1.0
 */
export interface ContractOptions {
  readonly server: string
  readonly runs: number
  readonly seed: number
  readonly privateKey?: string | undefined
  readonly merchantAccountId?: string | undefined
  readonly generators: Generators
  /** Called after each check with how many of `total` are done. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined
  /** Parallel requests; default 8. */
  readonly concurrency?: number | undefined
}

/**
 * One way the server broke the contract.
 *
 * @category models
 * @since 0.1.0
 */
export interface Mismatch {
  readonly check: string
  readonly seed: number
  /** The run within the check: with the seed, replays the body. */
  readonly index: number
  readonly message: string
  readonly body?: unknown
  readonly expected?: unknown
  readonly actual?: unknown
}

/**
 * @category models
 * @since 0.1.0
 */
export interface ContractReport {
  readonly server: string
  readonly seed: number
  readonly runs: number
  readonly checks: ReadonlyArray<{ readonly name: string; readonly passed: number; readonly failed: number; readonly skipped?: string }>
  readonly mismatches: ReadonlyArray<Mismatch>
}

const withDefaults = Defaults.make(CheckoutSession)

/**
 * What a session created from `body` reads back as, for the fields the body
 * sets: the body's session fields (nulls dropped), with the spec's defaults.
 *
 * @category checks
 * @since 0.1.0
 */
export const expectedFields = (body: Record<string, unknown>): Record<string, unknown> => {
  const session: Record<string, unknown> = {}
  for (const key of sessionFields) if (body[key] !== undefined && body[key] !== null) session[key] = body[key]
  const filled = withDefaults(session as never) as Record<string, unknown>
  return Object.fromEntries(sessionFields.filter((key) => filled[key] !== undefined).map((key) => [key, filled[key]]))
}

// The first path at which two JSON values differ, for a readable mismatch.
const firstDifference = (expected: unknown, actual: unknown, path = ""): string | undefined => {
  if (expected === actual) return undefined
  if (typeof expected !== "object" || typeof actual !== "object" || expected === null || actual === null) {
    return path || "/"
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) return path || "/"
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)])
  for (const key of keys) {
    const difference = firstDifference(
      (expected as Record<string, unknown>)[key],
      (actual as Record<string, unknown>)[key],
      `${path}/${key}`
    )
    if (difference !== undefined) return difference
  }
  return undefined
}

const mapLimit = async <A>(items: ReadonlyArray<A>, limit: number, f: (item: A, index: number) => Promise<void>) => {
  let next = 0
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++
      await f(items[index], index)
    }
  }))
}

/**
 * Runs every check against `options.server`.
 *
 * @category runner
 * @since 0.1.0
 */
export const run = async (options: ContractOptions): Promise<ContractReport> => {
  const base = options.server.replace(/\/+$/, "")
  const signer = options.privateKey === undefined ? undefined : TokenSigner.make(options.privateKey)
  const request = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { accept: "application/json" }
    if (body !== undefined) headers["content-type"] = "application/json"
    if (signer !== undefined) headers.authorization = `Bearer ${await signer.token()}`
    if (options.merchantAccountId !== undefined) headers["x-gr4vy-merchant-account-id"] = options.merchantAccountId
    const response = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
    const text = await response.text()
    let json: any
    try {
      json = text === "" ? undefined : JSON.parse(text)
    } catch {
      json = text
    }
    return { status: response.status, body: json }
  }

  const runs = options.runs
  const valid = fc.sample(options.generators.valid, { numRuns: runs, seed: options.seed })
  const invalid = fc.sample(options.generators.invalid, { numRuns: runs, seed: options.seed })
  const total = valid.length + invalid.length + 2
  let done = 0
  const progress = () => options.onProgress?.(++done, total)
  const mismatches: Array<Mismatch> = []
  const checks: Array<{ name: string; passed: number; failed: number; skipped?: string }> = []
  const concurrency = options.concurrency ?? 8

  // Valid bodies: accepted, and read back equal to what was sent (after defaults).
  const validCheck = { name: "valid bodies are accepted and read back", passed: 0, failed: 0 }
  checks.push(validCheck)
  await mapLimit(valid, concurrency, async (body, index) => {
    const fail = (message: string, extra: Partial<Mismatch> = {}) => {
      validCheck.failed++
      mismatches.push({ check: validCheck.name, seed: options.seed, index, message, body, ...extra })
    }
    try {
      const created = await request("POST", "/checkout/sessions", body)
      if (created.status !== 201) return fail(`POST answered ${created.status}`, { actual: created.body })
      const read = await request("GET", `/checkout/sessions/${created.body.id}`)
      if (read.status !== 200) return fail(`GET answered ${read.status}`, { actual: read.body })
      const expected = expectedFields(body as Record<string, unknown>)
      const actual = Object.fromEntries(sessionFields.filter((k) => read.body[k] !== undefined).map((k) => [k, read.body[k]]))
      const difference = firstDifference(expected, actual)
      if (difference !== undefined) return fail(`read back differs at ${difference}`, { expected, actual })
      validCheck.passed++
      await request("DELETE", `/checkout/sessions/${created.body.id}`)
    } catch (e) {
      fail(`request failed: ${(e as Error).message}`)
    } finally {
      progress()
    }
  })

  // Invalid bodies: 400, with the broken field's pointer in details[].
  const invalidCheck = { name: "invalid bodies are rejected with the pointer", passed: 0, failed: 0 }
  checks.push(invalidCheck)
  await mapLimit(invalid, concurrency, async (mutation, index) => {
    const fail = (message: string, actual?: unknown) => {
      invalidCheck.failed++
      mismatches.push({
        check: invalidCheck.name,
        seed: options.seed,
        index,
        message: `${message} (broken: ${mutation.pointer || "(body)"}, ${mutation.constraint})`,
        body: mutation.value,
        expected: { status: 400, pointer: mutation.pointer },
        actual
      })
    }
    try {
      const response = await request("POST", "/checkout/sessions", mutation.value)
      if (response.status !== 400) {
        if (response.status === 201) await request("DELETE", `/checkout/sessions/${response.body.id}`)
        return fail(`accepted with ${response.status}`, response.body)
      }
      const pointers = ((response.body?.details ?? []) as Array<{ pointer: string }>).map((d) => d.pointer)
      if (!pointers.includes(mutation.pointer)) return fail("400 without the broken field's pointer", pointers)
      invalidCheck.passed++
    } catch (e) {
      fail(`request failed: ${(e as Error).message}`)
    } finally {
      progress()
    }
  })

  // Unknown ids.
  const unknownCheck = { name: "unknown session ids answer 404", passed: 0, failed: 0 }
  checks.push(unknownCheck)
  for (const method of ["GET", "PUT", "DELETE"]) {
    const id = randomUUID()
    const response = await request(method, `/checkout/sessions/${id}`, method === "PUT" ? {} : undefined)
    if (response.status === 404) unknownCheck.passed++
    else {
      unknownCheck.failed++
      mismatches.push({ check: unknownCheck.name, seed: options.seed, index: 0, message: `${method} of an unknown id answered ${response.status}`, actual: response.body })
    }
  }
  progress()

  // Expiry, where the server lets the runner move its clock.
  const expiryCheck: { name: string; passed: number; failed: number; skipped?: string } = {
    name: "expired sessions answer 404",
    passed: 0,
    failed: 0
  }
  checks.push(expiryCheck)
  const probe = await request("POST", "/_mock/clock", { advance_seconds: 0 })
  if (probe.status !== 200) {
    expiryCheck.skipped = "the server offers no /_mock/clock"
  } else {
    const created = await request("POST", "/checkout/sessions", { expires_in: 3600 })
    await request("POST", "/_mock/clock", { advance_seconds: 3601 })
    const read = await request("GET", `/checkout/sessions/${created.body?.id}`)
    if (created.status === 201 && read.status === 404) expiryCheck.passed++
    else {
      expiryCheck.failed++
      mismatches.push({ check: expiryCheck.name, seed: options.seed, index: 0, message: `after expiry GET answered ${read.status}`, actual: read.body })
    }
  }
  progress()

  return { server: base, seed: options.seed, runs, checks, mismatches }
}

/**
 * The summary table of a report.
 *
 * @category output
 * @since 0.1.0
 */
export const summary = (report: ContractReport): string => {
  const width = Math.max(...report.checks.map((c) => c.name.length))
  const lines = [`contract of ${report.server} (seed ${report.seed}, ${report.runs} runs)`, ""]
  lines.push(`${"check".padEnd(width)}  passed  failed`)
  for (const check of report.checks) {
    lines.push(`${check.name.padEnd(width)}  ${String(check.passed).padStart(6)}  ${String(check.failed).padStart(6)}${check.skipped ? `  (skipped: ${check.skipped})` : ""}`)
  }
  lines.push("")
  if (report.mismatches.length === 0) lines.push("no mismatch: the server honours the contract")
  else {
    lines.push(`${report.mismatches.length} mismatch${report.mismatches.length === 1 ? "" : "es"}:`)
    for (const m of report.mismatches.slice(0, 20)) lines.push(`  [${m.check}] run ${m.index}: ${m.message}`)
    if (report.mismatches.length > 20) lines.push(`  … and ${report.mismatches.length - 20} more (see the report file)`)
  }
  return lines.join("\n")
}
