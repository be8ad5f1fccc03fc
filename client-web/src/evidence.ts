// Evidence references (`item:<id>`, `annotation:<id>`, `line:<id>`) turned
// into words a person can read, and the candidates a picker offers.

import { isHidden, type Annotation, type SessionState } from './protocol';

export interface EvidenceOption {
  ref: string;
  group: 'annotation' | 'item' | 'line';
  label: string;
}

const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function lineRange(state: SessionState, a: Pick<Annotation, 'from_line' | 'to_line'>): string {
  const lines = state.transcript?.lines ?? [];
  const from = lines.findIndex((l) => l.id === a.from_line) + 1;
  const to = lines.findIndex((l) => l.id === a.to_line) + 1;
  if (from <= 0) return 'Unplaced';
  return to > from ? `Lines ${from}–${to}` : `Line ${from}`;
}

export function describeEvidence(state: SessionState, ref: string): string {
  const [kind, id] = [ref.slice(0, ref.indexOf(':')), ref.slice(ref.indexOf(':') + 1)];
  if (kind === 'item') {
    const item = state.board.find((i) => i.id === id);
    return item ? `Board: ${clip(item.text)}` : 'A board item that was removed';
  }
  if (kind === 'annotation') {
    const a = state.annotations.find((x) => x.id === id);
    if (!a || isHidden(a)) return 'An annotation';
    return `${lineRange(state, a)}: ${clip(a.comment || a.quote)}`;
  }
  if (kind === 'line') {
    const lines = state.transcript?.lines ?? [];
    const i = lines.findIndex((l) => l.id === id);
    return i === -1 ? 'A transcript line' : `Line ${i + 1}, ${lines[i].speaker}: ${clip(lines[i].text)}`;
  }
  return ref;
}

export function evidenceOptions(state: SessionState, exclude?: string): EvidenceOption[] {
  const out: EvidenceOption[] = [];
  for (const a of state.annotations) {
    if (isHidden(a)) continue;
    out.push({ ref: `annotation:${a.id}`, group: 'annotation', label: describeEvidence(state, `annotation:${a.id}`) });
  }
  for (const item of state.board) {
    if (item.id === exclude) continue;
    out.push({ ref: `item:${item.id}`, group: 'item', label: clip(item.text) });
  }
  for (const [i, l] of (state.transcript?.lines ?? []).entries()) {
    out.push({ ref: `line:${l.id}`, group: 'line', label: `${i + 1}. ${l.speaker}: ${clip(l.text, 60)}` });
  }
  return out;
}
