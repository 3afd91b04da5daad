import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type BrowserContext, chromium } from "playwright-core"

/** Debian's Chromium (`apt-get install -y chromium`; `.ci/run` installs it where it is missing). */
export const chromiumPath = "/usr/bin/chromium"

/** Chromium, headless, on a fresh profile that is removed on close. */
export const launchBrowser = async (): Promise<{ readonly context: BrowserContext; readonly close: () => Promise<void> }> => {
  if (!existsSync(chromiumPath)) {
    throw new Error(`the browser tests need Chromium at ${chromiumPath}: apt-get install -y chromium (.ci/run does it)`)
  }
  const userDataDir = mkdtempSync(join(tmpdir(), "mock-chromium-"))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync"
    ]
  })
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(userDataDir, { recursive: true, force: true })
    }
  }
}

/** A plain node:http server answering every GET with one HTML page: a page on another origin than the mock. */
export const servePage = async (html: string): Promise<{ readonly port: number; readonly close: () => Promise<void> }> => {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" })
    response.end(html)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
