/**
 * What a mock can honestly derive from a card number: the scheme from its
 * prefix, the BIN, the last four digits, the card type for well-known test
 * BINs, and a fingerprint — an HMAC of the number under the installation's
 * secret, the same for the same number in every merchant account of one mock
 * and revealing nothing of the number.
 *
 * @since 0.1.0
 */
import type { CardScheme, CardType } from "@checkout-kit/domain/PaymentMethod"
import { createHmac } from "node:crypto"

/**
 * The Luhn (mod 10) check.
 *
 * @category cards
 * @since 0.1.0
 */
export const isLuhnValid = (digits: string): boolean => {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return digits.length > 0 && sum % 10 === 0
}

// Prefix ranges, most specific first: [from, to] compared on the number's
// first digits (as many as `from` has).
const ranges: ReadonlyArray<readonly [from: string, to: string, scheme: CardScheme]> = [
  ["34", "34", "amex"],
  ["37", "37", "amex"],
  ["300", "305", "diners-club"],
  ["36", "36", "diners-club"],
  ["38", "39", "diners-club"],
  ["3528", "3589", "jcb"],
  ["6011", "6011", "discover"],
  ["644", "649", "discover"],
  ["65", "65", "discover"],
  ["62", "62", "unionpay"],
  ["2200", "2204", "mir"],
  ["2221", "2720", "mastercard"],
  ["51", "55", "mastercard"],
  ["50", "50", "maestro"],
  ["56", "58", "maestro"],
  ["6304", "6304", "maestro"],
  ["6759", "6759", "maestro"],
  ["676", "676", "maestro"],
  ["4", "4", "visa"]
]

/**
 * The scheme of a card number or BIN, by prefix; `other` when unknown.
 *
 * @category cards
 * @since 0.1.0
 */
export const schemeOf = (digits: string): CardScheme => {
  for (const [from, to, scheme] of ranges) {
    const prefix = digits.slice(0, from.length)
    if (prefix.length === from.length && prefix >= from && prefix <= to) return scheme
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
 * The card type of a BIN, where known (all American Express cards are credit).
 *
 * @category cards
 * @since 0.1.0
 */
export const cardTypeOf = (digits: string): CardType | undefined =>
  knownTypes[digits.slice(0, 6)] ?? (schemeOf(digits) === "amex" ? "credit" : undefined)

/**
 * The BIN shown on a session's card, `payment_method.details.bin`: the first
 * 6 digits (the spec: "The first 6 digit of the card"; every example is
 * `411111`). 6 to 8 digits is the `/card-details` request's rule only
 * (API-SEMANTICS.md § Secure fields and the payment method).
 *
 * @category cards
 * @since 0.1.0
 */
export const binOf = (number: string): string => number.slice(0, 6)

/**
 * A stable, non-reversible fingerprint of a card number: an HMAC-SHA256 of
 * the number under the installation's secret. The same number has the same
 * fingerprint in every merchant account (docs.gr4vy.com,
 * guides/features/cards/fingerprints: "Fingerprints are the same for every
 * unique card number used"); two installations, with different secrets, do
 * not share fingerprints.
 *
 * @category cards
 * @since 0.1.0
 */
export const fingerprint = (secret: string, number: string): string =>
  createHmac("sha256", secret).update(number).digest("hex")

/**
 * Whether a card's expiry `MM/YY` (20YY) has passed at `now` (milliseconds
 * since the epoch, UTC): a card is valid through the last day of its expiry
 * month, so it has expired from the first instant of the next month.
 *
 * @category cards
 * @since 0.2.0
 */
export const hasExpired = (expirationDate: string, now: number): boolean => {
  const month = Number(expirationDate.slice(0, 2))
  const year = 2000 + Number(expirationDate.slice(3, 5))
  return now >= Date.UTC(year, month, 1)
}
