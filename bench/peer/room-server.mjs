// The reference peers' shared plumbing: a minimal room server on Node and
// `ws` that speaks just enough of Debrief's wire protocol
// (protocol/PROTOCOL.md) for debrief-load to drive it unchanged. POST
// /api/sessions makes a room, hello -> welcome + snapshot, join ->
// participant_joined + ack, and any other command -> one event, serialized
// once with the room's next seq. It checks nothing beyond the facilitator key.
//
// What happens between an event's arrival and its broadcast is the peer's
// own: every record (a room's creation, each event) goes through
// deliver(room, text, then), which calls then() once the record may be shown
// — at once for relay.mjs, after its fdatasync for durable-relay.mjs. Records
// are delivered in the order they were given. A room's seq is assigned at
// arrival; its snapshot stands at the last delivered seq, so events still
// waiting for delivery follow the snapshot as events.

import http from 'node:http';
import crypto from 'node:crypto';
import { WebSocketServer } from 'ws';

const MAX_BYTES = 64 * 1024;

/**
 * Parses --port and --bind, and the peer's own flags (each takes a value).
 * @param {string[]} argv
 * @param {string} usage
 * @param {Record<string, string>} extra  flag -> option name, e.g. {'--log': 'log'}
 */
export function parseArgs(argv, usage, extra = {}) {
  const opts = { port: 8090, bind: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') {
      process.stdout.write(`Usage: ${usage}\n`);
      process.exit(0);
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`missing value for ${flag}`);
    if (flag === '--port') opts.port = Number.parseInt(value, 10);
    else if (flag === '--bind') opts.bind = value;
    else if (Object.hasOwn(extra, flag)) opts[extra[flag]] = value;
    else throw new Error(`unknown option: ${flag}`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('--port needs 0..65535');
  return opts;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function sessionCode() {
  const bytes = crypto.randomBytes(12);
  let code = '';
  for (const b of bytes) code += CROCKFORD[b & 31];
  return code;
}

function json(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function send(ws, message) {
  ws.send(JSON.stringify(message));
}

/**
 * Starts the room server.
 * @param {{name: string, port: number, bind: string,
 *          deliver: (room: {code: string}, text: string, then: () => void) => void}} peer
 */
export function serve({ name, port, bind, deliver }) {
  /**
   * seq: the last seq given out; shownSeq: the last one delivered (what a
   * snapshot stands at); participants: those whose join was delivered.
   * @type {Map<string, {code: string, key: string, seq: number, shownSeq: number, sockets: Set<any>,
   *                     joined: number, participants: any[]}>}
   */
  const rooms = new Map();

  // Assigns the room's next seq now, and shows the event to the room's
  // sockets (those there at delivery) once it is delivered.
  function commit(room, event, then) {
    room.seq += 1;
    const seq = room.seq;
    const text = JSON.stringify({ type: 'event', seq, time: Date.now(), event });
    deliver(room, text, () => {
      room.shownSeq = seq;
      for (const s of room.sockets) s.send(text);
      then(seq);
    });
  }

  function handleHttp(req, res) {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return json(res, 200, { status: 'ok', sessions: rooms.size });
    if (path !== '/api/sessions') return json(res, 404, { error: { code: 'not_found', message: 'Nothing here.' } });
    if (req.method !== 'POST') return json(res, 400, { error: { code: 'invalid', message: 'Use POST.' } });
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BYTES) req.destroy();
    });
    req.on('end', () => {
      const room = { code: sessionCode(), key: crypto.randomBytes(16).toString('hex'), seq: 1, shownSeq: 1,
                     sockets: new Set(), joined: 0, participants: [] };
      deliver(room, JSON.stringify({ type: 'session_created', key: room.key }), () => {
        rooms.set(room.code, room);
        json(res, 201, { session: room.code, facilitator_key: room.key, join_path: `/s/${room.code}` });
      });
    });
  }

  function onHello(ws, state, msg) {
    const room = rooms.get(msg.session);
    if (!room) {
      send(ws, { type: 'error', code: 'not_found', message: 'There is no session with that code.' });
      return ws.close(1008, 'no such session');
    }
    state.room = room;
    room.sockets.add(ws);
    const now = Date.now();
    send(ws, { type: 'welcome', version: 1, session: room.code, server_time: now, you: null });
    send(ws, { type: 'snapshot', seq: room.shownSeq, server_time: now,
               state: { session: room.code, status: 'lobby', phase: 0, participants: room.participants } });
  }

  function onJoin(ws, state, msg) {
    const room = state.room;
    if (msg.role === 'facilitator' && msg.facilitator_key !== room.key) {
      return send(ws, { type: 'error', id: msg.id, code: 'forbidden', message: 'Wrong facilitator key.' });
    }
    room.joined += 1;
    const participant = { id: `p${room.joined}`, name: String(msg.name), role: msg.role, online: true };
    state.participant = participant.id;
    commit(room, { type: 'participant_joined', participant }, (seq) => {
      room.participants.push(participant);
      send(ws, { type: 'ack', id: msg.id, seq, you: participant.id, token: crypto.randomBytes(16).toString('hex') });
    });
  }

  function onMessage(ws, state, data, isBinary) {
    if (isBinary) return send(ws, { type: 'error', code: 'bad_message', message: 'Only text frames are accepted.' });
    let msg;
    try {
      msg = JSON.parse(data.toString());
    } catch {
      return send(ws, { type: 'error', code: 'bad_message', message: 'Not JSON.' });
    }
    if (msg === null || typeof msg !== 'object' || typeof msg.type !== 'string') {
      return send(ws, { type: 'error', code: 'bad_message', message: 'Not a message.' });
    }
    if (msg.type === 'ping') return send(ws, { type: 'pong', t: msg.t, server_time: Date.now() });
    if (msg.type === 'hello') return state.room ? undefined : onHello(ws, state, msg);
    if (!state.room) return send(ws, { type: 'error', id: msg.id, code: 'not_joined', message: 'Send hello first.' });
    if (msg.type === 'join') return onJoin(ws, state, msg);
    // Any other command: the event is the command itself, relayed to the room.
    const { id, ...event } = msg;
    commit(state.room, event, (seq) => send(ws, { type: 'ack', id, seq }));
  }

  const server = http.createServer(handleHttp);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BYTES, perMessageDeflate: false,
                                    clientTracking: false });
  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] !== '/ws') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      const state = { room: null, participant: null };
      ws.on('message', (data, isBinary) => onMessage(ws, state, data, isBinary));
      ws.on('close', () => state.room?.sockets.delete(ws));
      ws.on('error', () => {});
    });
  });
  server.listen(port, bind, () => {
    const { address, port: bound } = server.address();
    process.stderr.write(`${name}: listening on http://${address}:${bound}\n`);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
}
