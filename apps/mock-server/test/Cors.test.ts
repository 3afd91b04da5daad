import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { randomUUID } from "node:crypto"
import * as Cli from "../src/Cli.ts"
import * as Cors from "../src/Cors.ts"
import { startServer, type TestServer } from "./support/server.ts"

// Preflights and actual requests as a browser sends them, over real HTTP (fetch lets Node set `Origin`).
const preflight = (url: string, path: string, origin: string, method = "PUT", headers = "authorization, content-type") =>
  fetch(`${url}${path}`, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": method, "access-control-request-headers": headers }
  })

describe("CORS with the default origins (pages of this machine)", () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(() => server.close())

  it("a preflight from a local page on any port is answered 204 with the path's methods, the headers and a max-age", async () => {
    for (const origin of ["http://localhost:5173", "http://127.0.0.1:8080", "http://[::1]:3000", "https://localhost"]) {
      const response = await preflight(server.url, `/checkout/sessions/${randomUUID()}/fields`, origin)
      assert.strictEqual(response.status, 204, origin)
      assert.strictEqual(response.headers.get("access-control-allow-origin"), origin)
      assert.deepStrictEqual(response.headers.get("access-control-allow-methods")?.split(", "), ["PUT", "OPTIONS"])
      const allowed = response.headers.get("access-control-allow-headers")?.split(", ")
      assert.includeMembers(allowed ?? [], ["authorization", "content-type", "x-gr4vy-merchant-account-id"])
      assert.strictEqual(response.headers.get("access-control-max-age"), String(Cors.maxAgeSeconds))
      assert.include(response.headers.get("vary") ?? "", "origin")
      // No cookies: the API's credentials are bearer tokens the page sends itself.
      assert.isNull(response.headers.get("access-control-allow-credentials"))
    }
    const session = await preflight(server.url, `/checkout/sessions/${randomUUID()}`, "http://localhost:5173", "GET")
    assert.deepStrictEqual(session.headers.get("access-control-allow-methods")?.split(", "), ["GET", "PUT", "DELETE", "OPTIONS"])
  })

  it("a preflight from another origin is refused 403 in the API's shape, naming the flag; no allow-origin", async () => {
    const response = await preflight(server.url, "/checkout/sessions", "https://shop.example", "POST")
    assert.strictEqual(response.status, 403)
    assert.isNull(response.headers.get("access-control-allow-origin"))
    const body = (await response.json()) as any
    assert.strictEqual(body.code, "forbidden")
    assert.include(body.message, "--cors-origin https://shop.example")
  })

  it("a look-alike of a local origin is not local", async () => {
    for (const origin of ["http://localhost.evil.example", "http://localhost:80.evil.example", "http://127.0.0.1.nip.io:80"]) {
      assert.strictEqual((await preflight(server.url, "/checkout/sessions", origin, "POST")).status, 403, origin)
    }
  })

  it("actual responses carry the allow-origin header for allowed origins only, errors included", async () => {
    const local = await fetch(`${server.url}/checkout/sessions`, { method: "POST", headers: { origin: "http://localhost:5173" } })
    assert.strictEqual(local.status, 201)
    assert.strictEqual(local.headers.get("access-control-allow-origin"), "http://localhost:5173")
    assert.include(local.headers.get("access-control-expose-headers") ?? "", "retry-after")
    const missing = await fetch(`${server.url}/checkout/sessions/${randomUUID()}`, { headers: { origin: "http://localhost:5173" } })
    assert.strictEqual(missing.status, 404)
    assert.strictEqual(missing.headers.get("access-control-allow-origin"), "http://localhost:5173")
    const forced = await fetch(`${server.url}/health`, { headers: { origin: "http://localhost:5173", prefer: "code=503" } })
    assert.strictEqual(forced.status, 503)
    assert.strictEqual(forced.headers.get("access-control-allow-origin"), "http://localhost:5173")

    const foreign = await fetch(`${server.url}/checkout/sessions`, { method: "POST", headers: { origin: "https://shop.example" } })
    assert.strictEqual(foreign.status, 201)
    assert.isNull(foreign.headers.get("access-control-allow-origin"))
    const none = await fetch(`${server.url}/health`)
    assert.isNull(none.headers.get("access-control-allow-origin"))
  })

  it("OPTIONS without Origin answers the path's methods; an unknown path 404", async () => {
    const plain = await fetch(`${server.url}/checkout/sessions`, { method: "OPTIONS" })
    assert.strictEqual(plain.status, 204)
    assert.strictEqual(plain.headers.get("allow"), "POST, OPTIONS")
    assert.strictEqual((await preflight(server.url, "/nowhere", "http://localhost:5173")).status, 404)
  })

  it("the /_mock/ controls refuse calls from pages of another origin; same-origin and Origin-less calls pass", async () => {
    const own = new URL(server.url).origin
    for (const origin of ["http://localhost:5173", "https://evil.example", "null"]) {
      const response = await fetch(`${server.url}/_mock/clock`, {
        method: "POST",
        headers: { origin, "content-type": "text/plain" },
        body: JSON.stringify({ advance_seconds: 60 })
      })
      assert.strictEqual(response.status, 403, origin)
      assert.strictEqual(((await response.json()) as any).code, "forbidden")
    }
    assert.strictEqual((await fetch(`${server.url}/_mock/clock`)).status, 200)
    assert.strictEqual(((await (await fetch(`${server.url}/_mock/clock`)).json()) as any).offset_seconds, 0)
    assert.strictEqual((await fetch(`${server.url}/_mock/reset`, { method: "POST", headers: { origin: own } })).status, 200)
  })

  it("the /_mock/ controls get no CORS headers: only the inspector, on their own origin, may call them", async () => {
    const controls = await fetch(`${server.url}/_mock/clock`, { headers: { origin: "http://localhost:5173" } })
    assert.strictEqual(controls.status, 403)
    assert.isNull(controls.headers.get("access-control-allow-origin"))
    const options = await preflight(server.url, "/_mock/reset", "http://localhost:5173", "POST")
    assert.strictEqual(options.status, 403)
    assert.isNull(options.headers.get("access-control-allow-origin"))
  })
})

describe("--cors-origin", () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ corsOrigins: ["https://shop.example", "http://checkout.test:*"] })
  })
  afterAll(() => server.close())

  it("allows exactly the configured origins, and replaces the default", async () => {
    for (const origin of ["https://shop.example", "http://checkout.test", "http://checkout.test:8443"]) {
      const response = await preflight(server.url, "/checkout/sessions", origin, "POST")
      assert.strictEqual(response.status, 204, origin)
      assert.strictEqual(response.headers.get("access-control-allow-origin"), origin)
    }
    for (const origin of ["http://shop.example", "https://shop.example:444", "https://checkout.test", "http://localhost:5173"]) {
      assert.strictEqual((await preflight(server.url, "/checkout/sessions", origin, "POST")).status, 403, origin)
    }
  })

  it("* allows any origin, without Vary", async () => {
    const any = await startServer({ corsOrigins: ["*"] })
    try {
      const response = await fetch(`${any.url}/health`, { headers: { origin: "https://anywhere.example" } })
      assert.strictEqual(response.headers.get("access-control-allow-origin"), "*")
      assert.isNull(response.headers.get("vary"))
    } finally {
      await any.close()
    }
  })

  it("is parsed from flags (repeatable) and the environment, normalised; a malformed origin is a usage error", () => {
    const base = ["--store", "memory", "--auth", "off"]
    const parse = (argv: Array<string>, env: Record<string, string> = {}) => {
      const options = Cli.parse([...base, ...argv], env)
      return options === "help" ? undefined : options.corsOrigins
    }
    assert.isUndefined(parse([]))
    assert.deepStrictEqual(parse(["--cors-origin", "https://Shop.example/", "--cors-origin", "http://localhost:*"]), [
      "https://shop.example",
      "http://localhost:*"
    ])
    assert.deepStrictEqual(parse([], { CHECKOUT_MOCK_CORS_ORIGINS: "https://a.example:443, http://b.example:80" }), [
      "https://a.example",
      "http://b.example"
    ])
    assert.deepStrictEqual(parse(["--cors-origin", "*"], { CHECKOUT_MOCK_CORS_ORIGINS: "https://a.example" }), ["*"])
    for (const bad of ["shop.example", "https://shop.example/path", "ftp://x.example", "https://*.example"]) {
      assert.throws(() => parse(["--cors-origin", bad]), Cli.UsageError, "invalid CORS origin")
    }
  })
})
