// Checks the live map of a running ridematch in Debian's headless Chromium:
//   node check-live-map.mjs http://127.0.0.1:8080 [--screenshot FILE] [--seconds N]
// The page must load without console errors, connect, draw as many drivers as /api/stats counts online, move
// them, fall back to the plain background when the tiles cannot be reached, and refuse what a viewer sends.
// It prints how long drawing a frame takes (the smoothness figure in BENCHMARKS.md). Exit 0 when all hold.
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const base = args[0];
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const screenshot = option('--screenshot', null);
const measureSeconds = Number(option('--seconds', '3'));
if (!base) {
  console.error('usage: node check-live-map.mjs BASE_URL [--screenshot FILE] [--seconds N]');
  process.exit(2);
}

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  // as root Chromium needs --no-sandbox; the rest keep it from calling home on a closed network
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-quic', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  const tileHost = 'tile.openstreetmap.org';
  page.on('console', m => {
    // a refused tile is the network's doing, and the fallback below is what should follow it
    if (m.type() === 'error' && !(m.location().url ?? '').includes(tileHost)) {
      errors.push(`${m.text()} (${m.location().url ?? ''})`);
    }
  });
  page.on('pageerror', e => errors.push(String(e)));
  // the tile server made unreachable on purpose, whatever the machine's network
  await page.route(`https://${tileHost}/**`, route => route.abort('internetdisconnected'));

  await page.goto(base + '/');
  await page.waitForFunction(() => window.liveMap?.connected && window.liveMap.frames >= 3, null,
    { timeout: 30000 });
  check(true, 'the page connected to /live and received frames');

  // the page and the API read the same city a moment apart: compare when the API says the same twice around it
  let matched = false, last = '';
  for (let attempt = 0; attempt < 40 && !matched; attempt++) {
    const before = await onlineDrivers(base);
    await page.waitForTimeout(400); // a frame period or two, so the page has what the API had
    const drawn = await page.evaluate(() => window.liveMap.driversDrawn);
    const after = await onlineDrivers(base);
    last = `api ${before}/${after}, page ${drawn}`;
    matched = before === after && drawn === before && drawn > 0;
    if (!matched) await page.waitForTimeout(200);
  }
  check(matched, `drivers drawn equal drivers online in /api/stats (${last})`);

  const first = await page.evaluate(() => window.liveMap.positions(500));
  await page.waitForTimeout(2500);
  const second = await page.evaluate(() => window.liveMap.positions(500));
  const before = new Map(first.map(([slot, lat, lng]) => [slot, `${lat},${lng}`]));
  const moved = second.filter(([slot, lat, lng]) => before.has(slot) && before.get(slot) !== `${lat},${lng}`).length;
  check(moved > 0, `drivers move: ${moved} of ${second.length} changed position in 2.5 s`);

  await page.waitForFunction(() => window.liveMap.tiles === 'off', null, { timeout: 15000 }).catch(() => {});
  check(await page.evaluate(() => window.liveMap.tiles) === 'off',
    'with the tile server unreachable the map shows its plain background');

  await page.waitForFunction(() => document.querySelectorAll('#kpis tr').length > 0, null, { timeout: 5000 })
    .catch(() => {});
  check(await page.evaluate(() => document.querySelectorAll('#kpis tr').length) > 0, 'the sidebar shows the KPIs');

  const refused = await page.evaluate(() => new Promise(resolve => {
    const socket = new WebSocket(`ws://${location.host}/live`);
    socket.onopen = () => socket.send('{"type":"RideRequested"}');
    socket.onclose = e => resolve({ code: e.code, reason: e.reason });
  }));
  check(refused.code === 1008 && refused.reason.includes('read-only'),
    `a viewer that sends is closed with a reason (${refused.code} "${refused.reason}")`);

  const samples = [];
  const end = Date.now() + measureSeconds * 1000;
  const framesBefore = await page.evaluate(() => window.liveMap.frames);
  while (Date.now() < end) {
    samples.push(await page.evaluate(() => window.liveMap.drawMillis));
    await page.waitForTimeout(100);
  }
  const framesAfter = await page.evaluate(() => window.liveMap.frames);
  samples.sort((a, b) => a - b);
  const drawn = await page.evaluate(() => window.liveMap.driversDrawn);
  console.log(`draw time with ${drawn} drivers: median ${samples[samples.length >> 1].toFixed(1)} ms, `
    + `max ${samples[samples.length - 1].toFixed(1)} ms over ${samples.length} samples; `
    + `${((framesAfter - framesBefore) / measureSeconds).toFixed(1)} frames/s received`);

  if (screenshot) {
    await page.screenshot({ path: screenshot });
    console.log(`screenshot: ${screenshot}`);
  }
  check(errors.length === 0, `no console errors${errors.length ? ': ' + errors.join(' | ') : ''}`);
} finally {
  await browser.close();
}
if (failures.length > 0) {
  console.log(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('live map: all checks passed');

async function onlineDrivers(url) {
  const stats = await (await fetch(url + '/api/stats')).json();
  return stats.drivers.idle + stats.drivers['to-pickup'] + stats.drivers['on-trip'];
}
