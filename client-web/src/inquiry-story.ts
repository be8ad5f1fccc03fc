// The inquiry's story as GET /api/inquiries/{id} sends it (PROTOCOL.md,
// "Inquiries"): the sessions by date, each adaptation's and question's
// history across check-ins, each assumption's path, and the learner's words
// over time. normaliseStory() fills what an older or newer server leaves out,
// so the page renders whatever it is given.
// (Shape: to be aligned with the story JSON once it is published.)

export interface StorySession {
  position: number;
  code: string;
  title: string;
  template: string;
  template_name: string;
  day: string;
  status: string;
}

export interface StoryQuote {
  ref: string;
  text: string;
  speaker: string;
  role: string;
}

export interface StoryCheckIn {
  position: number;
  day: string;
  tried: string;
  happened: string;
  evidence: StoryQuote[];
  note: string;
  decision: string;
  adjusted: string;
}

export interface StoryItem {
  thread: string;
  text: string;
  for_whom: string;
  check_in: string;
  /** Where it was decided (first written). */
  position: number;
  day: string;
  evidence: StoryQuote[];
  follow_ups: string[];
  check_ins: StoryCheckIn[];
  /** carried on (open) or dropped. */
  state: string;
}

export interface StoryStep {
  position: number;
  day: string;
  status: string;
  evidence: StoryQuote[];
}

export interface StoryAssumption {
  thread: string;
  text: string;
  path: StoryStep[];
}

export interface StoryWords {
  position: number;
  day: string;
  speaker: string;
  text: string;
}

export interface InquiryStory {
  id: string;
  title: string;
  learners: string[];
  sessions: StorySession[];
  adaptations: StoryItem[];
  questions: StoryItem[];
  assumptions: StoryAssumption[];
  learner_words: StoryWords[];
}

type Raw = Record<string, unknown>;

const obj = (v: unknown): Raw => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function quote(v: unknown): StoryQuote {
  if (typeof v === 'string') return { ref: '', text: v, speaker: '', role: '' };
  const q = obj(v);
  return { ref: str(q.ref), text: str(q.text ?? q.quote), speaker: str(q.speaker), role: str(q.role) };
}

function checkIn(v: unknown): StoryCheckIn {
  const c = obj(v);
  return {
    position: num(c.position),
    day: str(c.day ?? c.date),
    tried: str(c.tried),
    happened: str(c.happened),
    evidence: arr(c.evidence).map(quote),
    note: str(c.note),
    decision: str(c.decision),
    adjusted: str(c.adjusted),
  };
}

function item(v: unknown): StoryItem {
  const i = obj(v);
  const decided = obj(i.decided);
  return {
    thread: str(i.thread),
    text: str(i.text ?? i.change),
    for_whom: str(i.for_whom),
    check_in: str(i.check_in),
    position: num(i.position ?? decided.position),
    day: str(i.day ?? decided.day ?? i.from),
    evidence: arr(i.evidence ?? decided.evidence).map(quote),
    follow_ups: arr(i.follow_ups).map(str),
    check_ins: arr(i.check_ins).map(checkIn),
    state: str(i.state ?? i.status),
  };
}

function step(v: unknown): StoryStep {
  const s = obj(v);
  return {
    position: num(s.position),
    day: str(s.day ?? s.date),
    status: str(s.status),
    evidence: arr(s.evidence).map(quote),
  };
}

export function normaliseStory(raw: unknown): InquiryStory {
  const r = obj(raw);
  const info = obj(r.inquiry);
  return {
    id: str(info.id ?? r.id),
    title: str(info.title ?? r.title),
    learners: arr(info.learners ?? r.learners).map(str),
    sessions: arr(r.sessions)
      .map((v) => {
        const s = obj(v);
        return {
          position: num(s.position),
          code: str(s.code ?? s.session),
          title: str(s.title),
          template: str(s.template),
          template_name: str(s.template_name),
          day: str(s.day ?? s.date),
          status: str(s.status),
        };
      })
      .sort((a, b) => a.day.localeCompare(b.day) || a.position - b.position),
    adaptations: arr(r.adaptations).map(item),
    questions: arr(r.questions).map(item),
    assumptions: arr(r.assumptions).map((v) => {
      const a = obj(v);
      return { thread: str(a.thread), text: str(a.text), path: arr(a.path ?? a.steps).map(step) };
    }),
    learner_words: arr(r.learner_words ?? r.learners_words ?? r.words).map((v) => {
      const w = obj(v);
      return { position: num(w.position), day: str(w.day ?? w.date), speaker: str(w.speaker), text: str(w.text) };
    }),
  };
}
