/** A Luhn-valid card number with the given prefix and length (the check digit computed). */
export const cardNumber = (prefix: string, length: number, filler = "0"): string => {
  const body = (prefix + filler.repeat(length)).slice(0, length - 1)
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return body + String((10 - (sum % 10)) % 10)
}
