/**
 * Card rules, in one place: the scheme of a number by its prefix (one table
 * of BIN ranges and lengths per scheme), the Luhn check and check digit, the
 * card type of well-known test BINs, the BIN a session shows, and expiry.
 * The mock server derives a card's payment method with these and the
 * fixtures generate card numbers from the same table, so a generated number
 * always has the scheme it was generated for.
 *
 * @since 0.2.0
 */
import type { CardScheme, CardType } from "./PaymentMethod.ts"

/**
 * The Luhn (mod 10) check.
 *
 * @category luhn
 * @since 0.2.0
 */
export const isLuhnValid = (digits: string): boolean => digits.length > 0 && luhnSum(digits, 1) % 10 === 0

/**
 * The Luhn check digit that completes `body`.
 *
 * @category luhn
 * @since 0.2.0
 */
export const luhnCheckDigit = (body: string): string => String((10 - (luhnSum(body, 0) % 10)) % 10)

// The Luhn sum, doubling every second digit from the right starting at index `doubled` (0 or 1).
const luhnSum = (digits: string, doubled: 0 | 1): number => {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === doubled) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum
}

/**
 * A scheme's numbers: prefix ranges `[from, to]`, compared on the number's
 * first digits (as many as `from` has, `to` having as many), and the lengths
 * its numbers have.
 *
 * @category schemes
 * @since 0.2.0
 */
export interface SchemeRule {
  readonly ranges: ReadonlyArray<readonly [from: string, to: string]>
  readonly lengths: ReadonlyArray<number>
}

/**
 * The schemes a number's prefix identifies. No two ranges overlap, so the
 * order does not matter. Other schemes of `CardScheme` (co-badged domestic
 * networks such as cartes bancaires or eftpos) share these ranges and cannot
 * be told from the number: a number outside every range is `other`.
 *
 * @category schemes
 * @since 0.2.0
 */
export const schemes = {
  visa: { ranges: [["4", "4"]], lengths: [13, 16, 19] },
  mastercard: { ranges: [["51", "55"], ["2221", "2720"]], lengths: [16] },
  amex: { ranges: [["34", "34"], ["37", "37"]], lengths: [15] },
  discover: { ranges: [["6011", "6011"], ["644", "649"], ["65", "65"]], lengths: [16, 19] },
  jcb: { ranges: [["3528", "3589"]], lengths: [16] },
  "diners-club": { ranges: [["300", "305"], ["36", "36"], ["38", "39"]], lengths: [14] },
  unionpay: { ranges: [["62", "62"]], lengths: [16, 19] },
  maestro: { ranges: [["50", "50"], ["56", "58"], ["6304", "6304"], ["6759", "6759"], ["676", "676"]], lengths: [16, 18] },
  mir: { ranges: [["2200", "2204"]], lengths: [16] }
} as const satisfies { readonly [S in CardScheme]?: SchemeRule }

/**
 * A scheme of the table: one a card number identifies.
 *
 * @category schemes
 * @since 0.2.0
 */
export type KnownScheme = keyof typeof schemes

/**
 * The schemes of the table.
 *
 * @category schemes
 * @since 0.2.0
 */
export const knownSchemes = Object.keys(schemes) as ReadonlyArray<KnownScheme>

/**
 * The scheme of a card number or BIN, by prefix; `other` when unknown.
 *
 * @category schemes
 * @since 0.2.0
 */
export const schemeOf = (digits: string): CardScheme => {
  for (const scheme of knownSchemes) {
    for (const [from, to] of schemes[scheme].ranges) {
      const prefix = digits.slice(0, from.length)
      if (prefix.length === from.length && prefix >= from && prefix <= to) return scheme
    }
  }
  return "other"
}

// Card types of well-known test BINs; a mock has no BIN database.
const knownTypes: Readonly<Record<string, CardType>> = {
  "411111": "credit",
  "424242": "credit",
  "400005": "debit",
  "400000": "credit",
  "555555": "credit",
  "520082": "debit",
  "510510": "prepaid",
  "222300": "credit",
  "378282": "credit",
  "371449": "credit",
  "601111": "credit",
  "353011": "credit",
  "305693": "credit",
  "620000": "credit"
}

/**
 * The card type of a number or BIN, where known: well-known test BINs, and
 * every American Express card (all are credit).
 *
 * @category card types
 * @since 0.2.0
 */
export const cardTypeOf = (digits: string): CardType | undefined =>
  knownTypes[binOf(digits)] ?? (schemeOf(digits) === "amex" ? "credit" : undefined)

/**
 * The BIN shown on a session's card, `payment_method.details.bin`: the first
 * 6 digits (the spec: "The first 6 digit of the card"; every example is
 * `411111`). 6 to 8 digits is the `/card-details` request's rule only
 * (API-SEMANTICS.md § Secure fields and the payment method).
 *
 * @category bins
 * @since 0.2.0
 */
export const binOf = (number: string): string => number.slice(0, 6)

/**
 * Whether a card's expiry `MM/YY` (20YY) has passed at `now` (milliseconds
 * since the epoch, UTC): a card is valid through the last day of its expiry
 * month, so it has expired from the first instant of the next month.
 *
 * @category expiry
 * @since 0.2.0
 */
export const hasExpired = (expirationDate: string, now: number): boolean => {
  const month = Number(expirationDate.slice(0, 2))
  const year = 2000 + Number(expirationDate.slice(3, 5))
  return now >= Date.UTC(year, month, 1)
}

/**
 * The well-known test BINs (`411111`, `555555`, `378282`, ...): card numbers
 * under them are test cards, for fixtures and examples that must never hold a
 * real card number.
 *
 * @category card types
 * @since 0.2.0
 */
export const testBins: ReadonlyArray<string> = Object.keys(knownTypes)
