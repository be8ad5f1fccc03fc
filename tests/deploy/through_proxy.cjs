// Two debrief-server instances behind HAProxy (deploy/haproxy/debrief.cfg) on
// loopback, over TLS with a throwaway certificate: run by proxy_test.sh.
//
// Checks: HTTP redirects to HTTPS; WebSockets work over wss://; the server
// counts the client's address from the proxy's X-Forwarded-For (and a
// client's own header changes nothing); sessions created through the proxy
// land on both instances and every member of every room meets in the same
// room; each instance's database holds only its own rooms; a room survives
// its instance's restart; HAProxy's log never shows a code.
'use strict';

const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const path = require('node:path');
const WebSocket = require('ws');

const env = process.env;
const server = env.DEBRIEF_SERVER;
const work = env.DEBRIEF_DEPLOY_WORK; // a fresh folder for databases and logs
const cfg = path.join(__dirname, '../../deploy/haproxy/debrief.cfg');
const map = path.join(__dirname, '../../deploy/haproxy/instances.map');
const base = Number(env.DEBRIEF_DEPLOY_PORT ?? 18240);
const ports = { http: base, https: base + 1, A: base + 2, B: base + 3 };
const origin = `https://127.0.0.1:${ports.https}`;
const WEBSOCKETS_PER_ADDRESS = 2;
const ROOMS = 6;
const MEMBERS = 3;

const children = new Set();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

function step(text) {
  console.log(`- ${text}`);
}

function start(name, args, extraEnv = {}) {
  const log = fs.openSync(path.join(work, `${name}.log`), 'a');
  const child = spawn(args[0], args.slice(1), { stdio: ['ignore', log, log], env: { ...env, ...extraEnv } });
  children.add(child);
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.exited.then(() => children.delete(child));
  return child;
}

function startInstance(letter) {
  const db = path.join(work, `${letter}.db`);
  return start(`instance-${letter}`, [
    server,
    '--bind', '127.0.0.1',
    '--port', String(ports[letter]),
    '--db', db,
    '--static-dir', path.join(work, 'static'),
    '--code-prefix', letter,
    '--trusted-proxy', '127.0.0.1',
    '--websockets-per-address', String(WEBSOCKETS_PER_ADDRESS),
  ]);
}

function request(url, { method = 'GET', body, headers = {} } = {}) {
  const lib = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    // A connection each (agent: false): HAProxy balances per request, but keeps
    // a kept-alive client on the server it last used.
    const req = lib.request(url, { method, headers, rejectUnauthorized: false, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    if (body !== undefined) req.end(JSON.stringify(body));
    else req.end();
  });
}

async function until(what, check, ms = 15000) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ready = (port) =>
  until(`127.0.0.1:${port}/readyz`, async () => (await request(`http://127.0.0.1:${port}/readyz`)).status === 200);

// One WebSocket client that keeps every message it receives, in order.
class Client {
  constructor(query, localAddress, headers = {}) {
    this.messages = [];
    this.waiters = [];
    this.ws = new WebSocket(`wss://127.0.0.1:${ports.https}/ws${query}`, {
      rejectUnauthorized: false,
      localAddress,
      headers,
      origin,
    });
    this.opened = new Promise((resolve, reject) => {
      this.ws.on('open', () => resolve(true));
      this.ws.on('unexpected-response', (req, res) => {
        resolve(res.statusCode);
        req.destroy(); // ws leaves a refused upgrade's connection to its listener
      });
      this.ws.on('error', reject);
    });
    this.closed = new Promise((resolve) => this.ws.on('close', (code) => resolve(code)));
    this.ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)));
      for (const w of this.waiters.splice(0)) w();
    });
  }

  send(message) {
    this.ws.send(JSON.stringify(message));
  }

  // The first message received (from `from` on) that matches.
  async next(match, from = 0, ms = 10000) {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(this.messages)}`);
      await new Promise((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }

  close() {
    this.ws.close();
    return this.closed;
  }
}

const ofType = (type) => (m) => m.type === type;

async function join(code, name, localAddress) {
  const c = new Client(`?i=${code[0]}`, localAddress);
  assert.equal(await c.opened, true, `${name} could not open a WebSocket`);
  c.send({ type: 'hello', version: 2, session: code });
  const lobby = await c.next((m) => m.type === 'lobby' || m.type === 'error');
  assert.equal(lobby.type, 'lobby', `${name}: ${JSON.stringify(lobby)}`);
  assert.equal(lobby.session, code);
  const id = `join-${name}`;
  c.send({ type: 'join', id, name, role: 'colleague', client_secret: crypto.randomBytes(16).toString('hex') });
  const ack = await c.next((m) => (m.type === 'ack' && m.id === id) || m.type === 'error');
  assert.equal(ack.type, 'ack', `${name}: ${JSON.stringify(ack)}`);
  const snapshot = await c.next(ofType('snapshot'));
  return { client: c, you: ack.you, token: ack.token, snapshot };
}

function storedCodes(letter) {
  const out = execFileSync('sqlite3', ['-readonly', path.join(work, `${letter}.db`), 'SELECT id FROM sessions ORDER BY id']);
  return String(out).split('\n').filter(Boolean);
}

async function main() {
  fs.mkdirSync(path.join(work, 'static'), { recursive: true });
  fs.writeFileSync(path.join(work, 'static', 'index.html'), '<!doctype html><title>Debrief</title>');
  let instances = { A: startInstance('A'), B: startInstance('B') };
  await Promise.all([ready(ports.A), ready(ports.B)]);
  const haproxy = start('haproxy', ['haproxy', '-db', '-f', cfg], {
    DEBRIEF_HAPROXY_UNPRIVILEGED: '1',
    DEBRIEF_HAPROXY_MAXCONN: '200', // within even a 1024 open-file limit
    DEBRIEF_HTTP_BIND: `127.0.0.1:${ports.http}`,
    DEBRIEF_HTTPS_BIND: `127.0.0.1:${ports.https}`,
    DEBRIEF_CERT: env.DEBRIEF_DEPLOY_CERT,
    DEBRIEF_INSTANCES_MAP: map,
    DEBRIEF_INSTANCE_A: `127.0.0.1:${ports.A}`,
    DEBRIEF_INSTANCE_B: `127.0.0.1:${ports.B}`,
  });
  await until('HAProxy', async () => (await request(`${origin}/healthz`)).status === 200);
  // Not someone else's, still listening on our ports.
  for (const c of [haproxy, instances.A, instances.B]) assert.equal(c.exitCode, null, `${c.spawnargs.join(' ')} exited`);

  step('plain HTTP is redirected to HTTPS');
  const plain = await request(`http://127.0.0.1:${ports.http}/s/AK7M2Q9XP4TDA`);
  assert.equal(plain.status, 301);
  assert.match(plain.headers.location, /^https:\/\/127\.0\.0\.1:\d+\/s\/AK7M2Q9XP4TDA$/);

  step('sessions created through the proxy land on both instances, with 13-character codes');
  const rooms = [];
  for (let i = 0; i < ROOMS; i++) {
    const res = await request(`${origin}/api/sessions`, {
      method: 'POST',
      body: { template: 'learning-partnership', title: `Room ${i}` },
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.status, 201, res.text);
    const created = JSON.parse(res.text);
    assert.match(created.session, /^[AB][0-9A-HJKMNP-TV-Z]{12}$/);
    rooms.push({ code: created.session, key: created.facilitator_key, members: [] });
  }
  const letters = new Set(rooms.map((r) => r.code[0]));
  assert.deepEqual([...letters].sort(), ['A', 'B'], `round-robin should use both: ${rooms.map((r) => r.code)}`);

  step('the page and the API paths reach the room\'s instance');
  for (const r of rooms) {
    const page = await request(`${origin}/s/${r.code}`);
    assert.equal(page.status, 200);
    const exported = await request(`${origin}/api/sessions/${r.code}/export?format=json`, {
      headers: { authorization: `Bearer ${r.key}` },
    });
    assert.equal(exported.status, 200, `${r.code}: ${exported.text}`);
  }

  step(`every member of every room meets in the same room over wss:// (${ROOMS} rooms x ${MEMBERS})`);
  for (const [i, r] of rooms.entries()) {
    for (let m = 0; m < MEMBERS; m++) {
      // Each person from an address of their own: the per-address limit is low.
      r.members.push(await join(r.code, `Member ${i}.${m}`, `127.0.${i + 1}.${m + 1}`));
    }
    const everyone = r.members.map((p) => p.you).sort();
    const last = r.members[MEMBERS - 1].snapshot.state.participants.map((p) => p.id).sort();
    assert.deepEqual(last, everyone, `${r.code}: the last to join sees everyone`);
    for (const p of r.members.slice(0, -1)) {
      // The others hear of each later arrival, live.
      for (const later of r.members.slice(r.members.indexOf(p) + 1)) {
        await p.client.next((msg) => msg.type === 'event' && msg.event.type === 'participant_joined' &&
          msg.event.participant.id === later.you);
      }
    }
  }

  step('each instance\'s database holds only its own rooms');
  for (const letter of ['A', 'B']) {
    const mine = rooms.filter((r) => r.code[0] === letter).map((r) => r.code).sort();
    assert.deepEqual(storedCodes(letter), mine, `instance ${letter}`);
  }

  step('the server counts each client by the address the proxy saw (X-Forwarded-For)');
  const held = [];
  for (let n = 0; n < WEBSOCKETS_PER_ADDRESS; n++) {
    held.push(new Client('', '127.0.9.1'));
    assert.equal(await held[n].opened, true);
  }
  const over = new Client('', '127.0.9.1');
  assert.equal(await over.opened, 429, 'one more from the same client address is refused');
  const other = new Client('', '127.0.9.2');
  assert.equal(await other.opened, true, 'another client address is its own count, not the proxy\'s');
  const spoofer = new Client('', '127.0.9.1', { 'X-Forwarded-For': '127.0.9.3' });
  assert.equal(await spoofer.opened, 429, 'a client\'s own X-Forwarded-For does not change its address');
  await Promise.all([...held, other].map((c) => c.close()));

  step('a room survives its instance\'s restart');
  const onB = rooms.filter((r) => r.code[0] === 'B');
  const onA = rooms.filter((r) => r.code[0] === 'A');
  const droppedB = onB.flatMap((r) => r.members.map((p) => p.client.closed));
  instances.B.kill('SIGTERM');
  assert.deepEqual(await instances.B.exited, { code: 0, signal: null });
  assert.ok((await Promise.all(droppedB)).every((code) => code === 1001), 'B\'s people were told it is going away');
  instances = { ...instances, B: startInstance('B') };
  await ready(ports.B);
  for (const r of onB) {
    for (const p of r.members) {
      const c = new Client(`?i=${r.code[0]}`, `127.0.${rooms.indexOf(r) + 1}.${r.members.indexOf(p) + 1}`);
      assert.equal(await c.opened, true);
      c.send({ type: 'hello', version: 2, session: r.code, token: p.token });
      const welcome = await c.next((m) => m.type === 'welcome' || m.type === 'error');
      assert.equal(welcome.you, p.you, `${r.code}: ${JSON.stringify(welcome)}`);
      const snapshot = await c.next(ofType('snapshot'));
      assert.deepEqual(snapshot.state.participants.map((q) => q.id).sort(), r.members.map((q) => q.you).sort());
      p.client = c;
    }
  }
  // Instance A's people were not disturbed.
  for (const r of onA) {
    for (const p of r.members) assert.equal(p.client.ws.readyState, WebSocket.OPEN);
  }

  for (const r of rooms) await Promise.all(r.members.map((p) => p.client.close()));
  haproxy.kill('SIGTERM');
  await haproxy.exited;
  instances.A.kill('SIGTERM');
  instances.B.kill('SIGTERM');
  await Promise.all([instances.A.exited, instances.B.exited]);

  step('HAProxy\'s log has lines, and no session code in any of them');
  const log = fs.readFileSync(path.join(work, 'haproxy.log'), 'utf8');
  assert.match(log, /instance_[ab]\/[ab] /, 'HAProxy logged the requests');
  for (const r of rooms) assert.ok(!log.includes(r.code.slice(1)), `${r.code} is in HAProxy's log`);
  console.log('ok');
}

// A failure must not wait on the children's open sockets; nor may a hang.
const fail = (e) => {
  console.error(e);
  process.exit(1); // 'exit' kills the children
};
setTimeout(() => fail(new Error('timed out after 90 s')), 90_000).unref();
main().then(() => process.exit(0), fail);
