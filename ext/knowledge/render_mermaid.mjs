// Render many Mermaid diagrams to PDF in ONE headless browser session.
//
// Input (stdin, JSON): {"browser": "/usr/bin/chromium" | null, "jobs": [{"code", "output", "config"}]}
// Output (stdout, JSON): {"rendered": N, "errors": [{"output", "message"}]}
//
// mermaid-cli's `mmdc` starts a browser per diagram (1.5-2.2 s each here); its
// renderMermaid() takes an open browser, so one launch serves the whole build.
// `browser` null means Puppeteer's own downloaded browser (Read the Docs).
import { writeFile } from 'node:fs/promises'
import { renderMermaid } from '@mermaid-js/mermaid-cli'
import puppeteer from 'puppeteer'

const readStdin = async () => {
  const chunks = []
  for await (const chunk of process.stdin) chunks.push(chunk)
  return JSON.parse(Buffer.concat(chunks).toString('utf8'))
}

const request = await readStdin()
const browser = await puppeteer.launch({
  headless: 'shell',
  executablePath: request.browser ?? undefined,
  // Root in CI containers cannot use Chromium's sandbox; the pages are our own diagrams.
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync']
})
const result = { rendered: 0, errors: [] }
try {
  for (const job of request.jobs) {
    try {
      const { data } = await renderMermaid(browser, job.code, 'pdf', {
        mermaidConfig: job.config,
        backgroundColor: 'white',
        pdfFit: true
      })
      await writeFile(job.output, data)
      result.rendered += 1
    } catch (error) {
      result.errors.push({ output: job.output, message: String(error?.message ?? error) })
    }
  }
} finally {
  await browser.close()
}
process.stdout.write(JSON.stringify(result))
