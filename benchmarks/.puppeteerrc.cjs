// The benchmark drives the system Chromium (see puppeteer-config.json): never download a browser.
module.exports = { skipDownload: true };
