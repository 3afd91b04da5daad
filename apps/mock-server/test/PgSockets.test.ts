import { afterEach, assert, describe, it } from "@effect/vitest"
import { once } from "node:events"
import * as Net from "node:net"
import { batchWrites, connect as connectTo, tcpAddressOf } from "../src/PgSockets.ts"

// A TCP server on loopback that collects what each connection sends, and when the connection ended.
interface Peer {
  readonly port: number
  readonly received: () => Promise<{ readonly bytes: string; readonly ended: boolean }>
}
const servers: Array<Net.Server> = []
const sockets: Array<Net.Socket> = []
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  for (const server of servers.splice(0)) {
    server.close()
    await once(server, "close")
  }
})

// Each accepted connection's bytes, resolved when it has sent `length` bytes or ended.
const listen = async (length: number): Promise<Peer> => {
  let resolve!: (value: { bytes: string; ended: boolean }) => void
  const done = new Promise<{ bytes: string; ended: boolean }>((r) => (resolve = r))
  const server = Net.createServer((connection) => {
    sockets.push(connection)
    let bytes = ""
    connection.setEncoding("latin1")
    connection.on("data", (chunk: string) => {
      bytes += chunk
      if (bytes.length >= length) resolve({ bytes, ended: false })
    })
    connection.on("end", () => resolve({ bytes, ended: true }))
  })
  servers.push(server)
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  return { port: (server.address() as Net.AddressInfo).port, received: () => done }
}

const connect = async (port: number, batched: boolean) => {
  const socket = Net.connect({ host: "127.0.0.1", port, noDelay: true })
  sockets.push(socket)
  await once(socket, "connect")
  return batched ? batchWrites(socket) : socket
}

// `events.once` would reject on the socket's error: these wait for the close alone.
const closed = (socket: Net.Socket) => new Promise<void>((resolve) => socket.once("close", () => resolve()))

const written = (socket: Net.Socket, chunk: string | Uint8Array) =>
  new Promise<Error | null | undefined>((resolve) => socket.write(chunk, (error) => resolve(error)))

describe("tcpAddressOf", () => {
  it("reads the host and port of a plain TCP URL as the driver does", () => {
    assert.deepStrictEqual(tcpAddressOf("postgres://u:p@127.0.0.1:6543/db"), { host: "127.0.0.1", port: 6543 })
    assert.deepStrictEqual(tcpAddressOf("postgresql://u@db.example/db"), { host: "db.example", port: 5432 })
    assert.deepStrictEqual(tcpAddressOf("postgres://u@[::1]:5433/db"), { host: "::1", port: 5433 })
    assert.deepStrictEqual(tcpAddressOf("postgres://u@localhost/db?application_name=x"), { host: "localhost", port: 5432 })
  })

  it("leaves every other URL to the driver", () => {
    for (
      const url of [
        "postgres://u@/db?host=/var/run/postgresql",
        "postgres://u@localhost/db?host=10.0.0.1",
        "postgres://u@localhost/db?port=6000",
        "postgres://u@localhost/db?hostaddr=10.0.0.1",
        "postgres://u@localhost/db?sslmode=require",
        "postgres://u@%2Fvar%2Frun%2Fpostgresql/db",
        "mysql://u@localhost/db",
        "not a url"
      ]
    ) assert.strictEqual(tcpAddressOf(url), undefined, url)
  })
})

describe("batchWrites", () => {
  it("keeps the writes of one turn in the socket until the turn ends, then sends them in order", async () => {
    const peer = await listen(6)
    const plain = await connect((await listen(1)).port, false)
    const socket = await connect(peer.port, true)

    // Node's socket hands a write to the kernel at once; the batched one holds the turn's writes.
    plain.write("x")
    assert.strictEqual(plain.writableLength, 0)
    const callbacks: Array<string> = []
    socket.write("ab", () => callbacks.push("ab"))
    socket.write(Buffer.from("cd"), () => callbacks.push("cd"))
    socket.write("ef", "latin1", () => callbacks.push("ef"))
    assert.strictEqual(socket.writableCorked, 1)
    assert.strictEqual(socket.writableLength, 6)
    assert.deepStrictEqual(callbacks, [])

    assert.deepStrictEqual(await peer.received(), { bytes: "abcdef", ended: false })
    assert.deepStrictEqual(callbacks, ["ab", "cd", "ef"])
    assert.strictEqual(socket.writableCorked, 0)
    assert.strictEqual(socket.writableLength, 0)
  })

  it("corks again in a later turn, once per turn", async () => {
    const peer = await listen(4)
    const socket = await connect(peer.port, true)
    assert.isNull(await written(socket, "ab"))
    assert.strictEqual(socket.writableCorked, 0)
    socket.write("c")
    socket.write("d")
    assert.strictEqual(socket.writableCorked, 1)
    assert.strictEqual(socket.writableLength, 2)
    assert.deepStrictEqual(await peer.received(), { bytes: "abcd", ended: false })
  })

  it("answers backpressure as a corked Node socket does, and drains once the batch is written", async () => {
    const big = Buffer.alloc(4 * 16384, 0x61)
    const peer = await listen(big.length + 5)
    const socket = await connect(peer.port, true)
    assert.isTrue(socket.write("small"))
    // Beyond the high-water mark while the turn's batch waits; the driver writes on regardless, and Node keeps it.
    assert.isFalse(socket.write(big))
    await once(socket, "drain")
    assert.strictEqual(socket.writableLength, 0)
    assert.strictEqual((await peer.received()).bytes.length, big.length + 5)
  })

  it("end() in the same turn sends the batch first, then ends the connection", async () => {
    const peer = await listen(Number.MAX_SAFE_INTEGER)
    const socket = await connect(peer.port, true)
    socket.write("terminate")
    let ended = false
    socket.end("X", () => (ended = true))
    assert.deepStrictEqual(await peer.received(), { bytes: "terminateX", ended: true })
    await once(socket, "close")
    assert.isTrue(ended)
  })

  it("a write after end() fails as Node's does", async () => {
    const results: Array<string | undefined> = []
    for (const batched of [false, true]) {
      const socket = await connect((await listen(Number.MAX_SAFE_INTEGER)).port, batched)
      socket.end()
      socket.on("error", () => {})
      results.push(((await written(socket, "late")) as NodeJS.ErrnoException | undefined)?.code)
    }
    assert.deepStrictEqual(results, ["ERR_STREAM_WRITE_AFTER_END", "ERR_STREAM_WRITE_AFTER_END"])
  })

  it("a socket destroyed with a batch waiting fails its writes with the error, emits it once, and closes", async () => {
    const outcomes: Array<Array<string>> = []
    for (const batched of [false, true]) {
      const socket = await connect((await listen(Number.MAX_SAFE_INTEGER)).port, batched)
      if (!batched) socket.cork()
      const errors: Array<string> = []
      socket.on("error", (error) => errors.push(`error event: ${error.message}`))
      const pending = written(socket, "never sent")
      const close = closed(socket)
      socket.destroy(new Error("gone"))
      errors.push(`write: ${(await pending)?.message}`)
      await close
      outcomes.push(errors)
    }
    // Node's own socket, corked by hand, does the same.
    assert.deepStrictEqual(outcomes[1], outcomes[0])
    assert.sameMembers(outcomes[1]!, ["write: gone", "error event: gone"])
  })
})

describe("connect", () => {
  it("opens a no-delay connection whose writes are batched per turn", async () => {
    const peer = await listen(2)
    const socket = connectTo({ host: "127.0.0.1", port: peer.port })
    sockets.push(socket)
    // Written before the connection is up, as the driver does: Node keeps it until then.
    socket.write("h")
    assert.strictEqual(socket.writableCorked, 1)
    socket.write("i")
    await once(socket, "connect")
    assert.deepStrictEqual(await peer.received(), { bytes: "hi", ended: false })
    socket.write("!")
    assert.strictEqual(socket.writableCorked, 1)
  })

  it("a refused connection reports Node's error", async () => {
    const server = Net.createServer()
    server.listen(0, "127.0.0.1")
    await once(server, "listening")
    const port = (server.address() as Net.AddressInfo).port
    server.close()
    await once(server, "close")
    const socket = connectTo({ host: "127.0.0.1", port })
    const [error] = await once(socket, "error")
    assert.strictEqual((error as NodeJS.ErrnoException).code, "ECONNREFUSED")
  })
})
