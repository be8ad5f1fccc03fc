// The benchmark's durable reference peer: the same room server as relay.mjs,
// made durable in the simplest honest way a Node programmer would write.
// Every record (a room's creation, every event, participant_joined included)
// is appended to one log file as a JSON line; syncs are grouped: while one
// round's write and fdatasync run, whatever arrives waits, and becomes the
// next round — one write and one fdatasync for all of it. Only when its round
// is on disk is an event broadcast to its room and acked to its sender (and a
// room's creation answered), in arrival order: nothing is shown or
// acknowledged before it is durable. The fs calls are node's asynchronous
// ones, so the event loop never waits for the disk. No SQLite, no validation.
//
// It never reads the log back: each benchmark run starts it on a fresh file.
//
// Usage: node durable-relay.mjs --log FILE [--port N] [--bind ADDRESS]

import fs from 'node:fs/promises';
import { parseArgs, serve } from './room-server.mjs';

const usage = 'node durable-relay.mjs --log FILE [--port N] [--bind ADDRESS]';
const opts = parseArgs(process.argv.slice(2), usage, { '--log': 'log' });
if (!opts.log) throw new Error(`--log is required (${usage})`);
const file = await fs.open(opts.log, 'a');

/** @type {{line: string, then: () => void}[]} records waiting for the next round */
let waiting = [];
let syncing = false;

async function writeAll(buffer) {
  for (let at = 0; at < buffer.length;) {
    const { bytesWritten } = await file.write(buffer, at, buffer.length - at);
    at += bytesWritten;
  }
}

async function syncRounds() {
  syncing = true;
  while (waiting.length > 0) {
    const round = waiting;
    waiting = [];
    await writeAll(Buffer.from(round.map((r) => r.line).join('')));
    await file.datasync();
    for (const r of round) r.then();
  }
  syncing = false;
}

function deliver(room, text, then) {
  // The record as sent, with its room's code in front: one JSON line.
  waiting.push({ line: `{"room":"${room.code}",${text.slice(1)}\n`, then });
  if (!syncing) {
    syncRounds().catch((error) => {
      // Nothing can be acknowledged any more: stop, as a durable server must.
      process.stderr.write(`durable-relay: the log failed: ${error.message}\n`);
      process.exit(1);
    });
  }
}

serve({ name: 'durable-relay', port: opts.port, bind: opts.bind, deliver });
