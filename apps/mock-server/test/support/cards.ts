import { luhnCheckDigit } from "@checkout-kit/domain/Cards"

/** A Luhn-valid card number with the given prefix and length. */
export const cardNumber = (prefix: string, length: number, filler = "0"): string => {
  const body = (prefix + filler.repeat(length)).slice(0, length - 1)
  return body + luhnCheckDigit(body)
}

/**
 * `text` without the values the server makes at random or from the clock (UUIDs, date-times, fingerprints and other
 * long tokens), each replaced by `<…>`: a security code of three or four digits may turn up inside those by chance,
 * so a check that one was not echoed looks at what is left.
 */
export const withoutRandomValues = (text: string): string =>
  text
    .replace(/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g, "<uuid>")
    .replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?/g, "<time>")
    .replace(/[A-Za-z0-9_-]{16,}/g, "<token>")
