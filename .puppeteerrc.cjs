// Puppeteer downloads a browser of its own only on Read the Docs (no system Chromium there).
// Everywhere else (developers, CI) the renderer uses Debian's /usr/bin/chromium, and the
// download would fail anyway: only package registries are reachable.
module.exports = {
  skipDownload: process.env.READTHEDOCS !== 'True',
};
