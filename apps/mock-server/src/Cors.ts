/**
 * Cross-origin requests from browsers (CORS) on the API's routes, so a page
 * on another origin — a checkout page with Gr4vy Embed or Secure Fields
 * pointed at the mock — can call it.
 *
 * - Origins are allowed by pattern: `*` (any), an exact origin
 *   (`https://shop.example:8443`), or an origin with any port
 *   (`http://localhost:*`). By default, pages served from this machine:
 *   `defaultOrigins`.
 * - A preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`)
 *   from an allowed origin is answered 204 with the methods of the path,
 *   `allowedHeaders` and a max-age; from another origin, 403 in the API's
 *   error shape, naming the flag that would allow it.
 * - Actual responses carry `Access-Control-Allow-Origin` for allowed origins
 *   only.
 * - Credentials: never (`Access-Control-Allow-Credentials` is not sent). The
 *   API authenticates with bearer tokens in `Authorization`, which a page sends
 *   itself; there are no cookies to carry, and a `fetch` with
 *   `credentials: "include"` is refused by the browser.
 *
 * The `/_mock/` controls get no CORS headers: the inspector calls them from
 * their own origin, and no other page should.
 *
 * @since 0.2.0
 */

/**
 * The origins allowed when none are configured: pages served from this
 * machine on any port, over http or https.
 *
 * @category constants
 * @since 0.2.0
 */
export const defaultOrigins: ReadonlyArray<string> = [
  "http://localhost:*",
  "http://127.0.0.1:*",
  "http://[::1]:*",
  "https://localhost:*",
  "https://127.0.0.1:*",
  "https://[::1]:*"
]

/**
 * The request headers a cross-origin page may send.
 *
 * @category constants
 * @since 0.2.0
 */
export const allowedHeaders = "authorization, content-type, prefer, x-gr4vy-merchant-account-id"

/**
 * The response headers a cross-origin page may read, beyond the safelisted ones.
 *
 * @category constants
 * @since 0.2.0
 */
export const exposedHeaders = "allow, retry-after"

/**
 * How long a browser may keep a preflight's answer, in seconds.
 *
 * @category constants
 * @since 0.2.0
 */
export const maxAgeSeconds = 600

const patternSyntax = /^(\*|null|https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:(\d{1,5}|\*))?)$/

/**
 * A normalised origin pattern, or an error message for a malformed one.
 *
 * @category parsing
 * @since 0.2.0
 */
export const parsePattern = (text: string): { readonly pattern: string } | { readonly error: string } => {
  const value = text.trim().toLowerCase().replace(/\/$/, "")
  if (!patternSyntax.test(value)) {
    return {
      error: `invalid CORS origin ${JSON.stringify(text)}: use *, an origin such as https://shop.example:8443, ` +
        `or one with any port such as http://localhost:*`
    }
  }
  // The default port is not part of a serialised origin.
  return { pattern: value.replace(/^(http:\/\/[^/]+):80$/, "$1").replace(/^(https:\/\/[^/]+):443$/, "$1") }
}

/**
 * @category models
 * @since 0.2.0
 */
export interface Policy {
  /** The value of `Access-Control-Allow-Origin` for a request's `Origin`, or `undefined` when it is not allowed. */
  readonly allowOrigin: (origin: string) => string | undefined
  /** Whether the answer depends on the request's origin (then responses carry `Vary: Origin`). */
  readonly varies: boolean
}

/**
 * The policy of a list of origin patterns (see `parsePattern`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const make = (patterns: ReadonlyArray<string>): Policy => {
  if (patterns.includes("*")) return { allowOrigin: () => "*", varies: false }
  const exact = new Set<string>()
  const anyPort: Array<string> = []
  for (const pattern of patterns) {
    if (pattern.endsWith(":*")) anyPort.push(pattern.slice(0, -2))
    else exact.add(pattern)
  }
  return {
    allowOrigin: (origin) => {
      if (exact.has(origin)) return origin
      for (const prefix of anyPort) {
        if (origin === prefix || (origin.startsWith(prefix) && /^:\d{1,5}$/.test(origin.slice(prefix.length)))) {
          return origin
        }
      }
      return undefined
    },
    varies: true
  }
}
