// The client's reducer (src/session-state.ts) against the server's evolve():
// tests/golden/reducer-vectors.json holds a whole debrief as each viewer's
// client sees it (written by tests/unit/protocol/reducer_vectors_test.cpp).
// For every vector, the snapshot state before, plus the event as sent to that
// viewer, must give exactly the snapshot state after.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { EVENT_NAMES } from '../src/generated/contract';
import type { SessionEvent, SessionState } from '../src/protocol';
import { applyEvent, normaliseState } from '../src/session-state';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type PatchOp = { op: 'add' | 'remove' | 'replace'; path: string; value?: Json };

interface Vector {
  step: string;
  viewer: string;
  time: number;
  before: number | null;
  event: SessionEvent;
  after: number;
}

interface Golden {
  states: PatchOp[][];
  vectors: Vector[];
}

const dir = process.env.DEBRIEF_GOLDEN_DIR ?? join(process.cwd(), '../tests/golden');
const golden = JSON.parse(readFileSync(join(dir, 'reducer-vectors.json'), 'utf8')) as Golden;

// --- the state table -------------------------------------------------------
// Each state is stored as a JSON Patch from the one before it, made by
// nlohmann::json::diff, which uses only add, remove and replace.

const unescape = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~');

function applyPatch(doc: Json, patch: PatchOp[]): Json {
  let root = structuredClone(doc);
  for (const { op, path, value } of patch) {
    if (path === '') {
      assert.notEqual(op, 'remove', 'a patch never removes the whole document');
      root = structuredClone(value as Json);
      continue;
    }
    const tokens = path.slice(1).split('/').map(unescape);
    const last = tokens.pop() as string;
    let parent: Json = root;
    for (const t of tokens) parent = Array.isArray(parent) ? parent[Number(t)] : (parent as Record<string, Json>)[t];
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last);
      if (op === 'add') parent.splice(i, 0, structuredClone(value as Json));
      else if (op === 'remove') parent.splice(i, 1);
      else parent[i] = structuredClone(value as Json);
    } else {
      const object = parent as Record<string, Json>;
      if (op === 'remove') delete object[last];
      else object[last] = structuredClone(value as Json);
    }
  }
  return root;
}

const states: Json[] = [];
for (const patch of golden.states) states.push(applyPatch(states.at(-1) ?? {}, patch));

// --- what the client keeps -------------------------------------------------
// The client's SessionState holds exactly the fields the server's snapshot
// state has (protocol/src/state.cpp, to_json(session_state)), with the same
// names and shapes, so the projection keeps every field as it is. It is
// spelled out so that a field on one side only fails here instead of being
// skipped: the Record makes the compiler insist on every SessionState field.
const clientKeeps: Record<keyof SessionState, true> = {
  session: true,
  title: true,
  created_at: true,
  status: true,
  phase: true,
  timer: true,
  participants: true,
  participants_ever_joined: true,
  template: true,
  date: true,
  learners: true,
  carried: true,
  board: true,
  proposals: true,
  entries: true,
  adaptations: true,
  transcript: true,
  annotations: true,
  check_ins: true,
  done: true,
  revealed: true,
  focus_line: true,
  ids_issued: true,
  phase_timers: true,
  notices: true,
};
const keptFields = Object.keys(clientKeeps).sort();

function asClientKeepsIt(state: object, what: string): Record<string, unknown> {
  assert.deepEqual(Object.keys(state).sort(), keptFields, `${what} has the fields the client keeps`);
  const out: Record<string, unknown> = {};
  for (const key of keptFields) out[key] = (state as Record<string, unknown>)[key];
  return out;
}

// --- the vectors -----------------------------------------------------------

test('the vectors cover a whole debrief', () => {
  assert.ok(golden.vectors.length > 150, `${golden.vectors.length} vectors`);
  const types = new Set(golden.vectors.map((v) => v.event.type));
  // Every event of the contract, except `scrubbed`: it stands in for a
  // withdrawn transcript's events only when they are sent again (catch-up),
  // never as a live event of the session the vectors record.
  for (const type of EVENT_NAMES.filter((name) => name !== 'scrubbed')) {
    assert.ok(types.has(type), `an event of type ${type}`);
  }
});

test('the client reducer gives the state evolve gives, for every viewer and event', () => {
  const failed: string[] = [];
  for (const [i, v] of golden.vectors.entries()) {
    const what = `vector ${i}: ${v.step}, ${v.event.type} as ${v.viewer || 'nobody'} sees it`;
    // As the store takes a snapshot (store.ts onSnapshot).
    const before = v.before === null ? null : normaliseState(states[v.before] as unknown as SessionState);
    const frozen = structuredClone(before);
    const after = applyEvent(before, v.event);
    assert.deepEqual(before, frozen, `${what}: applyEvent left its input alone`);
    assert.ok(after !== null, `${what}: a state after the event`);
    try {
      assert.deepEqual(
        asClientKeepsIt(after, 'the client state'),
        asClientKeepsIt(states[v.after] as object, 'evolve'),
      );
    } catch (e) {
      // The first few in full, then only which.
      failed.push(failed.length < 5 ? `${what}\n${(e as Error).message}` : what);
    }
  }
  assert.equal(failed.length, 0, `${failed.length} vectors differ:\n${failed.join('\n')}`);
});
