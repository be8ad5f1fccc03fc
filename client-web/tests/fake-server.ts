// A scripted server for the store tests: a fake WebSocket in the page lets a
// test say exactly what the server sends, to pin down seq, outbox, lobby and
// draft handling that a well-behaved real server rarely exercises.

import { expect, type Page } from '@playwright/test';

export const CODE = 'TESTC0DE0000';
export const KEY = 'f'.repeat(32);

export interface Sent {
  type: string;
  id?: string;
  [k: string]: unknown;
}

export function fakeWebSocket() {
  type Handler = ((e: unknown) => void) | null;
  class FakeWebSocket {
    static CONNECTING = 0;
    static OPEN = 1;
    static CLOSING = 2;
    static CLOSED = 3;
    readyState = 0;
    sent: unknown[] = [];
    onopen: Handler = null;
    onmessage: Handler = null;
    onclose: Handler = null;
    onerror: Handler = null;
    constructor(readonly url: string) {
      (window as any).__sockets.push(this);
      setTimeout(() => {
        this.readyState = 1;
        this.onopen?.({});
      }, 0);
    }
    send(text: string) {
      this.sent.push(JSON.parse(text));
    }
    close() {
      if (this.readyState === 3) return;
      this.readyState = 3;
      setTimeout(() => this.onclose?.({ code: 1000 }), 0);
    }
    serverSends(message: unknown) {
      this.onmessage?.({ data: JSON.stringify(message) });
    }
    serverDrops(code = 1006) {
      this.readyState = 3;
      this.onclose?.({ code });
    }
  }
  (window as any).__sockets = [];
  (window as any).WebSocket = FakeWebSocket;
}

export const template = {
  id: 't',
  name: 'Test protocol',
  phases: [
    { id: 'a', title: 'First phase', kind: 'opening', minutes: 3, prompts: ['Say hello.'] },
    { id: 'b', title: 'Second phase', kind: 'discussion', minutes: 5, prompts: [] },
    { id: 'c', title: 'Third phase', kind: 'reflection', minutes: 2, prompts: [] },
  ],
};

export const idle = (minutes: number) => ({
  status: 'idle',
  duration_ms: minutes * 60_000,
  remaining_ms: minutes * 60_000,
  ends_at: 0,
});

export const baseState = {
  session: CODE,
  title: 'Scripted',
  created_at: 1,
  status: 'live',
  phase: 0,
  timer: idle(3),
  participants: [{ id: 'p1', name: 'Jordan', role: 'presenter', online: true }],
  template,
};

export const welcome = (you: string | null, serverTime = Date.now()) => ({
  type: 'welcome',
  version: 2,
  session: CODE,
  server_time: serverTime,
  you,
});

/** What a connection that has not joined gets instead of a snapshot. */
export const lobbyOf = (state: typeof baseState, seq: number) => ({
  type: 'lobby',
  seq,
  session: CODE,
  title: state.title,
  template: state.template.name,
  status: state.status,
  phases: state.template.phases.map(({ title, kind, minutes }) => ({ title, kind, minutes })),
  participants: state.participants,
});

export const snapshot = (seq: number, change: Record<string, unknown> = {}) => ({
  type: 'snapshot',
  seq,
  server_time: Date.now(),
  state: { ...baseState, ...change },
});

export async function sockets(page: Page): Promise<number> {
  return page.evaluate(() => (window as any).__sockets.length as number);
}

export async function sent(page: Page, socket: number): Promise<Sent[]> {
  return page.evaluate((i) => (window as any).__sockets[i]?.sent ?? [], socket);
}

export async function serverSends(page: Page, socket: number, message: unknown) {
  await page.evaluate(([i, m]) => (window as any).__sockets[i as number].serverSends(m), [socket, message] as const);
}

export async function lastSent(page: Page, socket: number, type: string): Promise<Sent> {
  await expect.poll(async () => (await sent(page, socket)).some((m) => m.type === type)).toBe(true);
  return (await sent(page, socket)).filter((m) => m.type === type).pop()!;
}

/** Every test starts on a session page whose browser holds the facilitator key. */
export async function installFakeServer(page: Page) {
  await page.addInitScript(fakeWebSocket);
  await page.addInitScript(
    ([code, key]) => localStorage.setItem(`debrief:session:${code}`, JSON.stringify({ facilitator_key: key })),
    [CODE, KEY] as const,
  );
}
