// The benchmark's first reference peer: the room server of room-server.mjs
// delivering every event at once — serialized once, sent to every socket in
// the room with the room's next seq, then acked to the sender. It persists
// nothing: it is the floor for the cost of fan-out in a mainstream stack,
// not a peer doing Debrief's work (durable-relay.mjs is that).
//
// Usage: node relay.mjs [--port N] [--bind ADDRESS]   (port 0 picks a free one)

import { parseArgs, serve } from './room-server.mjs';

const opts = parseArgs(process.argv.slice(2), 'node relay.mjs [--port N] [--bind ADDRESS]');
serve({ name: 'relay', port: opts.port, bind: opts.bind, deliver: (room, text, then) => then() });
