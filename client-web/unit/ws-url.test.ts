// The socket's URL carries a routing hint for a proxy in front of several
// instances: the code's instance character, never the code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wsUrl } from '../src/connection';

const at = (href: string) => new URL(href) as unknown as Location;

test('a 13-character code puts its instance character, and nothing more of it, in the URL', () => {
  assert.equal(wsUrl(at('https://debrief.example/s/BK7M2Q9XP4TDA'), 'BK7M2Q9XP4TDA'), 'wss://debrief.example/ws?i=B');
});

test('a 12-character code (one server, or a room from before the instances) gets no hint', () => {
  assert.equal(wsUrl(at('http://localhost:8080/s/K7M2Q9XP4TDA'), 'K7M2Q9XP4TDA'), 'ws://localhost:8080/ws');
  assert.equal(wsUrl(at('http://localhost:8080/')), 'ws://localhost:8080/ws');
});
