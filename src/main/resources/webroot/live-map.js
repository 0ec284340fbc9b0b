// The live map: drivers, waiting riders and zones streamed over the /live WebSocket (see LiveMapFrame.java for
// the binary layout). Drivers move between frames: each frame gives a driver's segment (from, departure) to
// (to, arrival) and the canvas places it along that segment at the simulated time of every animation frame.
'use strict';

const STATES = ['offline', 'idle', 'to-pickup', 'on-trip'];
const DRIVER_COLOURS = [null, '#27ae60', '#f39c12', '#2e86de'];
const RIDER_WAITING = '#e74c3c';
const RIDER_MATCHED = '#8e44ad';
const KPI_ROWS = [
  ['served', k => k.servedPercent.toFixed(1) + ' %'],
  ['mean wait', k => seconds(k.meanWaitSeconds)],
  ['wait p50 / p95', k => seconds(k.waitP50Seconds) + ' / ' + seconds(k.waitP95Seconds)],
  ['cancelled', k => k.cancelledPercent.toFixed(1) + ' %'],
  ['utilisation', k => (k.utilisation * 100).toFixed(1) + ' %'],
  ['empty km', k => (k.emptyKmRatio * 100).toFixed(1) + ' %'],
  ['mean pickup ETA', k => seconds(k.meanPickupEtaSeconds)],
  ['mean surge', k => '×' + k.meanSurge.toFixed(2)],
];

const drivers = {
  slots: 0,
  status: new Uint8Array(0),
  fromLat: new Float32Array(0), fromLng: new Float32Array(0),
  toLat: new Float32Array(0), toLng: new Float32Array(0),
  depart: new Float64Array(0), arrive: new Float64Array(0),
};
const riders = { count: 0, total: 0, lat: new Float32Array(0), lng: new Float32Array(0), matched: new Uint8Array(0) };
const clock = { sim: 0, wall: 0, rate: 0, maxAhead: 1 };
const zones = new Map(); // hex id -> { polygon, waiting, idle, surge }

// what the browser test reads; people can look too
window.liveMap = {
  connected: false, frames: 0, driversDrawn: 0, drawMillis: 0, tiles: 'none', closeReason: '',
  positions(n) {
    const t = simNow(), out = [];
    for (let i = 0; i < drivers.slots && out.length < n; i++) {
      if (drivers.status[i] !== 0) out.push([i, ...positionOf(i, t)]);
    }
    return out;
  },
};

const map = L.map('map', { preferCanvas: true, zoomControl: true });
const zoneLayer = L.layerGroup().addTo(map);
let hello = null;
let zoneMode = 'balance';

function seconds(s) {
  return s >= 90 ? (s / 60).toFixed(1) + ' min' : Math.round(s) + ' s';
}

// ---- the WebSocket ---------------------------------------------------------------------------------------------

function connect() {
  const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/live');
  socket.binaryType = 'arraybuffer';
  socket.onopen = () => { window.liveMap.connected = true; status('connected'); };
  socket.onmessage = event => {
    if (typeof event.data === 'string') {
      const message = JSON.parse(event.data);
      if (message.type === 'hello') onHello(message);
      else if (message.type === 'stats') onStats(message);
    } else {
      onFrame(new DataView(event.data));
    }
  };
  socket.onclose = event => {
    window.liveMap.connected = false;
    window.liveMap.closeReason = event.reason;
    status('disconnected' + (event.reason ? ': ' + event.reason : '') + '; retrying', true);
    if (event.code !== 1008) setTimeout(connect, event.code === 1013 ? 10000 : 3000);
  };
}

function status(text, bad) {
  const el = document.getElementById('connection');
  el.textContent = text;
  el.classList.toggle('bad', !!bad);
}

function onHello(message) {
  const first = hello === null;
  hello = message;
  document.getElementById('scenario').textContent = message.scenario;
  clock.maxAhead = 2 / message.rateHz;
  if (first) {
    const a = message.area;
    map.fitBounds([[a.south, a.west], [a.north, a.east]]);
    addTiles(message.tiles);
  }
}

// OpenStreetMap when the browser reaches it; after a few failed tiles and none loaded, the plain background
function addTiles(url) {
  if (url === 'none') return;
  let loaded = 0, failed = 0;
  const tiles = L.tileLayer(url, {
    maxZoom: 19, attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
  });
  tiles.on('tileload', () => { loaded++; window.liveMap.tiles = 'on'; });
  tiles.on('tileerror', () => {
    if (++failed >= 4 && loaded === 0) {
      map.removeLayer(tiles);
      window.liveMap.tiles = 'off';
    }
  });
  tiles.addTo(map);
}

function onFrame(view) {
  let at = 0;
  const flags = view.getUint8(1);
  const sim = view.getFloat64(4);
  clock.rate = view.getFloat32(12);
  const slots = view.getUint32(16);
  const n = view.getUint32(20);
  at = 24;
  ensureDriverSlots(slots, (flags & 1) !== 0);
  for (let i = 0; i < n; i++, at += 32) {
    const slot = view.getUint32(at);
    drivers.status[slot] = view.getUint8(at + 4);
    drivers.fromLat[slot] = view.getFloat32(at + 8);
    drivers.fromLng[slot] = view.getFloat32(at + 12);
    drivers.toLat[slot] = view.getFloat32(at + 16);
    drivers.toLng[slot] = view.getFloat32(at + 20);
    drivers.depart[slot] = sim + view.getFloat32(at + 24);
    drivers.arrive[slot] = sim + view.getFloat32(at + 28);
  }
  if (flags & 2) {
    riders.total = view.getUint32(at);
    const m = view.getUint32(at + 4);
    at += 8;
    if (riders.lat.length < m) {
      riders.lat = new Float32Array(m * 2); riders.lng = new Float32Array(m * 2); riders.matched = new Uint8Array(m * 2);
    }
    for (let i = 0; i < m; i++, at += 9) {
      riders.lat[i] = view.getFloat32(at);
      riders.lng[i] = view.getFloat32(at + 4);
      riders.matched[i] = view.getUint8(at + 8);
    }
    riders.count = m;
  }
  clock.sim = sim;
  clock.wall = performance.now();
  window.liveMap.frames++;
}

function ensureDriverSlots(slots, reset) {
  if (reset || drivers.status.length < slots) {
    const size = Math.max(slots, reset ? 0 : drivers.status.length * 2, 64);
    for (const key of ['status', 'fromLat', 'fromLng', 'toLat', 'toLng', 'depart', 'arrive']) {
      const grown = new drivers[key].constructor(size);
      if (!reset) grown.set(drivers[key]);
      drivers[key] = grown;
    }
  }
  drivers.slots = slots;
}

// ---- time and positions ----------------------------------------------------------------------------------------

// the simulated time now: the last frame's, run forward at the measured rate, never far past the next frame
function simNow() {
  const ahead = Math.min((performance.now() - clock.wall) / 1000, clock.maxAhead);
  return clock.sim + ahead * clock.rate;
}

function positionOf(i, t) {
  const d0 = drivers.depart[i], d1 = drivers.arrive[i];
  let f = d1 > d0 ? (t - d0) / (d1 - d0) : 1;
  f = f < 0 ? 0 : f > 1 ? 1 : f;
  return [drivers.fromLat[i] + f * (drivers.toLat[i] - drivers.fromLat[i]),
          drivers.fromLng[i] + f * (drivers.toLng[i] - drivers.fromLng[i])];
}

// ---- drawing ---------------------------------------------------------------------------------------------------

const canvas = document.createElement('canvas');
canvas.className = 'live-layer';
map.getContainer().appendChild(canvas);
const ctx = canvas.getContext('2d');
map.on('zoomstart', () => { canvas.style.visibility = 'hidden'; });
map.on('zoomend', () => { canvas.style.visibility = 'visible'; });

function draw() {
  requestAnimationFrame(draw);
  if (hello === null) return; // the map has no view until the server says where the city is
  const started = performance.now();
  const size = map.getSize(), ratio = window.devicePixelRatio || 1;
  if (canvas.width !== size.x * ratio || canvas.height !== size.y * ratio) {
    canvas.width = size.x * ratio; canvas.height = size.y * ratio;
    canvas.style.width = size.x + 'px'; canvas.style.height = size.y + 'px';
  }
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, size.x, size.y);
  // Web Mercator by hand: 20,000 latLngToContainerPoint calls a frame would allocate 40,000 objects
  const scale = 256 * Math.pow(2, map.getZoom());
  const origin = map.getPixelOrigin(), corner = map.containerPointToLayerPoint([0, 0]);
  const offsetX = origin.x + corner.x, offsetY = origin.y + corner.y;
  const x = lng => (lng + 180) / 360 * scale - offsetX;
  const y = lat => (0.5 - Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)) / (2 * Math.PI)) * scale - offsetY;
  const dot = Math.max(2, Math.min(5, map.getZoom() - 9));

  if (document.getElementById('show-riders').checked) {
    // waiting: a red dot; a driver on the way: a purple ring
    ctx.fillStyle = RIDER_WAITING;
    ctx.strokeStyle = RIDER_MATCHED;
    ctx.lineWidth = 1.5;
    for (let i = 0; i < riders.count; i++) {
      ctx.beginPath();
      ctx.arc(x(riders.lng[i]), y(riders.lat[i]), dot * 0.9, 0, 2 * Math.PI);
      if (riders.matched[i]) ctx.stroke(); else ctx.fill();
    }
  }
  const counts = [0, 0, 0, 0];
  const t = simNow();
  const showDrivers = document.getElementById('show-drivers').checked;
  for (let state = 1; state <= 3; state++) {
    ctx.fillStyle = DRIVER_COLOURS[state];
    for (let i = 0; i < drivers.slots; i++) {
      if (drivers.status[i] !== state) continue;
      counts[state]++;
      if (!showDrivers) continue;
      const [lat, lng] = positionOf(i, t);
      ctx.fillRect(x(lng) - dot / 2, y(lat) - dot / 2, dot, dot);
    }
  }
  window.liveMap.driversDrawn = counts[1] + counts[2] + counts[3];
  window.liveMap.drawMillis = performance.now() - started;
  showCounts(counts, t);
}

let lastCounts = 0;
function showCounts(counts, t) {
  const now = performance.now();
  if (now - lastCounts < 250) return;
  lastCounts = now;
  let matched = 0;
  for (let i = 0; i < riders.count; i++) matched += riders.matched[i];
  text('count-idle', counts[1]);
  text('count-to-pickup', counts[2]);
  text('count-on-trip', counts[3]);
  text('count-matched', matched);
  text('count-waiting', riders.total - matched);
  text('drivers-drawn', window.liveMap.driversDrawn);
  if (hello && clock.sim > 0) {
    const time = new Date(t * 1000).toLocaleTimeString('en-GB', { timeZone: hello.timezone });
    const day = new Date(t * 1000).toLocaleDateString('en-GB', { timeZone: hello.timezone, weekday: 'short' });
    text('clock', day + ' ' + time);
  }
}

function text(id, value) {
  const el = document.getElementById(id);
  const s = typeof value === 'number' ? value.toLocaleString('en-US') : value;
  if (el.textContent !== s) el.textContent = s;
}

// ---- KPIs and zones, once a second -----------------------------------------------------------------------------

function onStats(message) {
  const k = message.stats.kpis, o = message.stats.outcomes;
  const rows = KPI_ROWS.map(([name, format]) => `<tr><td>${name}</td><td class="num">${format(k)}</td></tr>`);
  rows.push(`<tr class="total"><td>requested / completed</td><td class="num">${o.requested.toLocaleString('en-US')}`
    + ` / ${o.completed.toLocaleString('en-US')}</td></tr>`);
  document.getElementById('kpis').innerHTML = rows.join('');
  text('footer', `${message.stats.events.toLocaleString('en-US')} events · ${message.viewers} viewer(s) · `
    + `×${Math.round(clock.rate)} real time`);
  for (const [id, shape] of Object.entries(message.shapes)) {
    const polygon = L.polygon(shape, { weight: 0.5, color: '#555', fillOpacity: 0 });
    polygon.bindTooltip('');
    zones.set(id, { polygon, waiting: 0, idle: 0, surge: 1 });
  }
  const seen = new Set();
  for (const z of message.zones) {
    const zone = zones.get(z.id);
    if (!zone) continue;
    Object.assign(zone, z);
    seen.add(z.id);
  }
  for (const [id, zone] of zones) {
    if (!seen.has(id)) Object.assign(zone, { waiting: 0, idle: 0, surge: 1 });
    styleZone(zone);
  }
}

function styleZone(zone) {
  const { polygon, waiting, idle, surge } = zone;
  let fill = null, opacity = 0;
  if (zoneMode === 'balance' && waiting + idle > 0) {
    // red where riders wait with no idle driver near, green where idle drivers wait for riders
    const balance = (waiting - idle) / (waiting + idle);
    fill = balance > 0 ? '#c0392b' : '#1e8449';
    opacity = 0.08 + 0.35 * Math.abs(balance) * Math.min(1, (waiting + idle) / 10);
  } else if (zoneMode === 'surge' && surge > 1) {
    fill = surge >= 2 ? '#6c3483' : '#d35400';
    opacity = Math.min(0.6, 0.15 + (surge - 1) * 0.3);
  }
  const show = fill !== null;
  if (show && !zoneLayer.hasLayer(polygon)) zoneLayer.addLayer(polygon);
  if (!show && zoneLayer.hasLayer(polygon)) zoneLayer.removeLayer(polygon);
  if (show) {
    polygon.setStyle({ fillColor: fill, fillOpacity: opacity });
    polygon.setTooltipContent(`${waiting} waiting · ${idle} idle · surge ×${surge.toFixed(1)}`);
  }
}

function zoneLegend() {
  const el = document.getElementById('zone-legend');
  if (zoneMode === 'balance') {
    el.style.background = 'linear-gradient(to right, #1e8449, #eee, #c0392b)';
    el.title = 'green: idle drivers outnumber waiting riders; red: riders wait without idle drivers';
  } else if (zoneMode === 'surge') {
    el.style.background = 'linear-gradient(to right, #eee, #d35400, #6c3483)';
    el.title = 'surge multiplier from ×1 (clear) through ×1.5 (orange) to ×2 and more (purple)';
  } else {
    el.style.background = 'none';
    el.title = '';
  }
}

for (const radio of document.querySelectorAll('input[name=zones]')) {
  radio.addEventListener('change', () => {
    zoneMode = radio.value;
    zoneLegend();
    zones.forEach(styleZone);
  });
}

zoneLegend();
connect();
requestAnimationFrame(draw);
