/** A client of `/_mock/events` (server-sent events) that reads as far as a test needs, never on a timer. */
export const openEvents = async (url: string) => {
  const response = await fetch(`${url}/_mock/events`)
  if (response.body === null) throw new Error("no event stream")
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let text = ""
  const read = async () => {
    const { done, value } = await reader.read()
    if (!done) text += decoder.decode(value, { stream: true })
    return done
  }
  return {
    response,
    /** Resolves with everything received once it matches `pattern`; rejects if the stream ends first. */
    until: async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        if (await read()) throw new Error(`the event stream ended before ${pattern}; received: ${text}`)
      }
      return text
    },
    /** Resolves when the server ends the stream. */
    ended: async () => {
      while (!(await read()));
    },
    received: () => text,
    close: () => reader.cancel()
  }
}

/** The `data` of every `request` event received, parsed. */
export const requestEvents = (text: string): Array<Record<string, any>> =>
  [...text.matchAll(/^event: request\nid: \d+\ndata: (.*)$/gm)].map((match) => JSON.parse(match[1]))
