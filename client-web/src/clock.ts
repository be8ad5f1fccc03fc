// Estimates the offset between this browser's clock and the server's from
// ping/pong round trips (PROTOCOL.md §6). The sample with the smallest round
// trip is the most trustworthy; only recent samples count so that a drifting
// clock or a changed network path is followed.

const WINDOW = 8;

interface Sample {
  rtt: number;
  offset: number;
}

export interface ClockSync {
  /** Server time now, by the best estimate so far. */
  serverNow(): number;
  offset(): number;
  /** A rough offset from a server_time seen without a round trip (welcome, snapshot). */
  seed(serverTime: number): void;
  /** Feeds a pong: t0 is the ping's client time, t1 the client time of arrival. */
  addSample(t0: number, serverTime: number, t1: number): void;
}

export function createClockSync(now: () => number = Date.now): ClockSync {
  let samples: Sample[] = [];
  let current = 0;

  function best(): number {
    let pick = samples[0];
    for (const s of samples) if (s.rtt < pick.rtt) pick = s;
    return pick.offset;
  }

  return {
    serverNow: () => now() + current,
    offset: () => current,
    seed(serverTime) {
      if (samples.length === 0) current = serverTime - now();
    },
    addSample(t0, serverTime, t1) {
      const rtt = t1 - t0;
      if (!(rtt >= 0)) return;
      samples = [...samples, { rtt, offset: serverTime - (t0 + t1) / 2 }].slice(-WINDOW);
      current = best();
    },
  };
}
