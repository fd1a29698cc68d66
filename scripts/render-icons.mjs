// Renders resources/icon.svg to the PNGs electron-builder needs: resources/icon.png (1024 px; it derives the
// Windows .ico and macOS .icns from it) and resources/icons/<n>x<n>.png for Linux. Uses the Chromium the e2e tests
// use. Run after editing the SVG: node scripts/render-icons.mjs
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const svg = readFileSync('resources/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium' });
try {
  await mkdir('resources/icons', { recursive: true });
  for (const size of [1024, 512, 256, 128, 64, 48, 32, 16]) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const sized = svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`resources/icons/${size}x${size}.png`, png);
    if (size === 1024) await writeFile('resources/icon.png', png);
    await page.close();
  }
  console.log('wrote resources/icon.png and resources/icons/*.png');
} finally {
  await browser.close();
}
