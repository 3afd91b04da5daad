/**
 * What the journal and the inspector may show of a request: card numbers
 * reduced to BIN and last four, security codes removed, bearer tokens
 * replaced by their decoded claims. The API itself never echoes a card number
 * or a security code; nothing the mock shows of a request does either.
 *
 * @since 0.2.0
 */

/**
 * A card number as the journal keeps it: its first six digits (the BIN) and
 * last four (`411111…1111`); a shorter value is withheld whole.
 *
 * @category redaction
 * @since 0.2.0
 */
export const maskCardNumber = (number: string): string => {
  if (/^\d{6}…\d{4}$/.test(number)) return number
  const digits = number.replace(/[^0-9]/g, "")
  return digits.length >= 13 ? `${digits.slice(0, 6)}…${digits.slice(-4)}` : "[redacted]"
}

// A run of 13 to 19 digits, possibly grouped by spaces or dashes: the shape of a card number.
const panLike = /\d(?:[ -]?\d){12,18}/g

const luhn = (digits: string): boolean => {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/**
 * A text with every card-number-like run of digits (13–19 digits passing
 * Luhn) reduced to BIN and last four.
 *
 * @category redaction
 * @since 0.2.0
 */
export const maskCardNumbersIn = (text: string): string =>
  text.replace(panLike, (match) => {
    const digits = match.replace(/[ -]/g, "")
    return luhn(digits) ? maskCardNumber(digits) : match
  })

// Removed wherever they are: security codes, and a merchant account's private and secret keys.
const secretKeys = new Set([
  "security_code",
  "cvv",
  "cvc",
  "account_updater_response_decryption_key",
  "loon_secret_key"
])

// Lists of a payment service's credentials (`[{ key, value }]`): their values are withheld.
const credentialLists = new Set(["fields", "reporting_fields"])

const withheldCredential = (item: unknown): unknown =>
  typeof item === "object" && item !== null && "value" in item ? { ...item, value: "[redacted]" } : redactJson(item)

/**
 * A parsed JSON body with security codes and a merchant account's secret
 * keys removed (at any depth), the values of a payment service's credentials
 * (`fields`, `reporting_fields`) withheld, the `number` of a payment method
 * reduced to BIN and last four, and any other card-number-like string masked.
 *
 * @category redaction
 * @since 0.2.0
 */
export const redactJson = (value: unknown, key?: string): unknown => {
  if (typeof value === "string") return key === "number" ? maskCardNumber(value) : maskCardNumbersIn(value)
  if (Array.isArray(value)) {
    return value.map((item) => (key !== undefined && credentialLists.has(key) ? withheldCredential(item) : redactJson(item)))
  }
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      if (!secretKeys.has(k)) out[k] = redactJson(v, k)
    }
    return out
  }
  return value
}

/**
 * A request or response body as the journal shows it: parsed and redacted
 * when it is JSON; otherwise its text with card-number-like digits masked —
 * except for a secure-fields call, whose unparseable body is withheld whole
 * (it could hold a security code in any form).
 *
 * @category redaction
 * @since 0.2.0
 */
export const body = (text: string | undefined, options: { readonly cardData: boolean }): unknown => {
  if (text === undefined || text === "") return null
  try {
    return redactJson(JSON.parse(text))
  } catch {
    return options.cardData ? "[a body that is not JSON, withheld: it may hold card data]" : maskCardNumbersIn(text)
  }
}

/**
 * The claims of a bearer token as the inspector shows them, decoded (not
 * verified: the response's status says whether the server accepted it).
 *
 * @category models
 * @since 0.2.0
 */
export interface TokenSummary {
  readonly alg: string | null
  readonly kid: string | null
  readonly scopes: unknown
  readonly checkout_session_id: unknown
  readonly expires_at: string | null
  readonly issued_at: string | null
}

const decodeSegment = (segment: string | undefined): Record<string, unknown> | undefined => {
  if (segment === undefined) return undefined
  try {
    const value = JSON.parse(Buffer.from(segment, "base64url").toString("utf8")) as unknown
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined
  } catch {
    return undefined
  }
}

const dateOf = (seconds: unknown) =>
  typeof seconds === "number" && Number.isFinite(seconds) && Math.abs(seconds) < 8.64e12
    ? new Date(seconds * 1000).toISOString()
    : null

const stringOrNull = (value: unknown) => (typeof value === "string" ? value : null)

/**
 * The decoded claims of an `Authorization: Bearer` header, or `null` when it
 * holds no readable JWT.
 *
 * @category redaction
 * @since 0.2.0
 */
export const tokenSummary = (authorization: string | undefined): TokenSummary | null => {
  const match = authorization === undefined ? null : /^Bearer\s+([^.\s]+)\.([^.\s]+)\.[^.\s]*$/i.exec(authorization)
  if (match === null) return null
  const header = decodeSegment(match[1])
  const claims = decodeSegment(match[2])
  if (header === undefined || claims === undefined) return null
  return {
    alg: stringOrNull(header.alg),
    kid: stringOrNull(header.kid),
    scopes: claims.scopes ?? null,
    checkout_session_id: claims.checkout_session_id ?? null,
    expires_at: dateOf(claims.exp),
    issued_at: dateOf(claims.iat)
  }
}

const hiddenHeaders = new Set(["authorization", "cookie", "proxy-authorization"])

/**
 * Request headers as the journal shows them: `authorization` (and cookies)
 * replaced by a mark, every value a string.
 *
 * @category redaction
 * @since 0.2.0
 */
export const headers = (input: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>) => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined) continue
    if (hiddenHeaders.has(name)) {
      const scheme = typeof value === "string" ? /^(\S+)\s/.exec(value)?.[1] : undefined
      out[name] = scheme === undefined ? "[redacted]" : `${scheme} [redacted]`
    } else out[name] = maskCardNumbersIn(typeof value === "string" ? value : value.join(", "))
  }
  return out
}
