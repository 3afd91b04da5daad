import { luhnCheckDigit } from "@checkout-kit/domain/Cards"

/** A Luhn-valid card number with the given prefix and length. */
export const cardNumber = (prefix: string, length: number, filler = "0"): string => {
  const body = (prefix + filler.repeat(length)).slice(0, length - 1)
  return body + luhnCheckDigit(body)
}
