// The inquiry's story as GET /api/inquiries/{id} and the JSON download give
// it (PROTOCOL.md, "Inquiries"; protocol/src/inquiry_export_json.cpp): the
// sessions by date, each adaptation's, question's and assumption's thread
// told step by step (decided, carried in, checked in on, left on the board),
// and the learner's words quoted as evidence over time. Quotes and evidence
// have the session export's shapes.

export interface StoryTime {
  at: number;
  text: string;
}

export interface StoryQuote {
  first_line: number | null;
  last_line: number | null;
  speaker: string | null;
  text: string;
}

export type StoryEvidence =
  | { kind: 'line'; line: StoryQuote }
  | { kind: 'annotation'; annotation: { tag: string; quote: StoryQuote; comment: string; author: string | null } }
  | { kind: 'item'; text: string }
  | { kind: 'missing' };

export interface StorySession {
  position: number;
  code: string;
  title: string;
  template_id: string;
  /** The template's name. */
  template: string;
  day: string;
  status: 'lobby' | 'live' | 'ended' | string;
}

export type ThreadKind = 'adaptation' | 'question' | 'assumption';

export interface StoryStep {
  kind: 'decided' | 'carried_in' | 'check_in' | 'on_board';
  /** null for carried_in: the session that decided it is gone. */
  position: number | null;
  day: string;
  session_title: string | null;
  text?: string;
  for_whom?: string | null;
  check_in?: string | null;
  status?: string | null;
  evidence?: StoryEvidence[];
  tried?: string;
  happened?: string;
  note?: string;
  decision?: string;
  adjusted?: string | null;
}

export interface StoryThread {
  thread: string;
  kind: ThreadKind;
  /** As last adjusted (an assumption: as last worded). */
  text: string;
  for_whom: string | null;
  check_in: string | null;
  /** A question's adaptation thread. */
  adaptation: string | null;
  /** An assumption's status as last marked. */
  status: string | null;
  /** The next session starts from it. */
  carried: boolean;
  steps: StoryStep[];
}

export interface StoryWords {
  position: number;
  day: string;
  session_title: string;
  quote: StoryQuote;
  cited_by: { kind: ThreadKind; check_in: boolean; thread: string; text: string }[];
}

export interface InquiryStory {
  title: string;
  learners: string[];
  time_zone: string;
  sessions: StorySession[];
  adaptations: StoryThread[];
  questions: StoryThread[];
  assumptions: StoryThread[];
  learner_words: StoryWords[];
}

const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** The story with every list present, whatever an older or newer server left out. */
export function normaliseStory(raw: unknown): InquiryStory {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<InquiryStory>;
  const threads = (v: unknown) =>
    list<StoryThread>(v).map((t) => ({ ...t, steps: list<StoryStep>(t.steps).map((s) => ({ ...s })) }));
  return {
    title: typeof r.title === 'string' ? r.title : '',
    learners: list<string>(r.learners),
    time_zone: typeof r.time_zone === 'string' ? r.time_zone : '',
    sessions: list<StorySession>(r.sessions),
    adaptations: threads(r.adaptations),
    questions: threads(r.questions),
    assumptions: threads(r.assumptions),
    learner_words: list<StoryWords>(r.learner_words).map((w) => ({ ...w, cited_by: list(w.cited_by) })),
  };
}

/** "Line 4" / "Lines 4–6", or '' when the lines are gone. */
export function linesOf(q: StoryQuote): string {
  if (!q.first_line) return '';
  return q.last_line && q.last_line > q.first_line ? `Lines ${q.first_line}–${q.last_line}` : `Line ${q.first_line}`;
}
