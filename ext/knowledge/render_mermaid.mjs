// Render many Mermaid diagrams to PDF in ONE headless browser session and ONE page.
//
// Input (stdin, JSON): {"browser": "/usr/bin/chromium" | null, "nodeModules": "/…/node_modules",
//                       "jobs": [{"code", "output", "config"}]}
// Output (stdout, JSON): {"rendered": N, "errors": [{"output", "message"}]}
//
// `mmdc` starts a browser per diagram (1.5-2.2 s each here), and mermaid-cli's
// renderMermaid() still opens a page and loads Mermaid anew per diagram. This script
// uses mermaid-cli's own host page and its PDF method (fit the page to the SVG), but
// loads the Mermaid bundle once: the same `mermaid` package the HTML pages use.
// `browser` null means Puppeteer's own downloaded browser (Read the Docs).
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import puppeteer from 'puppeteer'

const readStdin = async () => {
  const chunks = []
  for await (const chunk of process.stdin) chunks.push(chunk)
  return JSON.parse(Buffer.concat(chunks).toString('utf8'))
}

const request = await readStdin()
const hostPage = path.join(request.nodeModules, '@mermaid-js', 'mermaid-cli', 'dist', 'index.html')
const mermaidBundle = path.join(request.nodeModules, 'mermaid', 'dist', 'mermaid.js')

const browser = await puppeteer.launch({
  headless: 'shell',
  executablePath: request.browser ?? undefined,
  // Root in CI containers cannot use Chromium's sandbox; the pages are our own diagrams.
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync']
})
const result = { rendered: 0, errors: [] }
try {
  const page = await browser.newPage()
  await page.goto(pathToFileURL(hostPage).href)
  await page.addScriptTag({ path: mermaidBundle })
  for (const [index, job] of request.jobs.entries()) {
    try {
      await page.$eval('#container', async (container, code, config, id) => {
        await Promise.all(Array.from(document.fonts, (font) => font.load()))
        globalThis.mermaid.initialize({ startOnLoad: false, ...config })
        const { svg } = await globalThis.mermaid.render(id, code, container)
        container.innerHTML = svg
        container.querySelector('svg').style.backgroundColor = 'white'
      }, job.code, job.config, `diagram-${index}`)
      const clip = await page.$eval('#container svg', (svg) => {
        const box = svg.getBoundingClientRect()
        return { x: box.left, y: box.top, width: box.width, height: box.height }
      })
      const data = await page.pdf({
        width: `${Math.ceil(clip.width) + clip.x * 2}px`,
        height: `${Math.ceil(clip.height) + clip.y * 2}px`,
        pageRanges: '1-1'
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
