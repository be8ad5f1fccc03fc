// The inquiries' HTTP routes (PROTOCOL.md, "Inquiries"). Every call but the
// first carries the inquiry key in the Authorization header; the first, which
// makes the inquiry from a session, carries that session's facilitator key or
// the presenter's resume token, as a download of its record does.

import { request } from './api';
import type { CreatedSession } from './protocol';
import { normaliseStory, type InquiryStory } from './inquiry-story';

export interface CreatedInquiry {
  inquiry: string;
  inquiry_key: string;
  position: number;
}

export interface PlannedSession extends CreatedSession {
  position: number;
}

const base = (id: string) => `/api/inquiries/${encodeURIComponent(id)}`;

/** Makes an inquiry whose first session is `session`; `sessionKey` proves the caller leads or presents it. */
export function createInquiry(
  session: string,
  sessionKey: string,
  title: string,
  learners: string[],
): Promise<CreatedInquiry> {
  const payload: { session: string; title?: string; learners: string[] } = { session, learners };
  if (title.trim()) payload.title = title.trim();
  return request<CreatedInquiry>('/api/inquiries', { method: 'POST', body: JSON.stringify(payload), key: sessionKey });
}

/** Creates the inquiry's next session from a template, starting from what the earlier ones left open. */
export function planSession(
  id: string,
  key: string,
  plan: { template: string; title: string; date: string },
): Promise<PlannedSession> {
  const payload: { template: string; title?: string; date?: string } = { template: plan.template };
  if (plan.title.trim()) payload.title = plan.title.trim();
  if (plan.date) payload.date = plan.date;
  return request<PlannedSession>(`${base(id)}/sessions`, { method: 'POST', body: JSON.stringify(payload), key });
}

export function fetchInquiry(id: string, key: string): Promise<InquiryStory> {
  return request<unknown>(base(id), { key }).then(normaliseStory);
}

export async function deleteInquiry(id: string, key: string): Promise<void> {
  await request<unknown>(base(id), { method: 'DELETE', key });
}

export type InquiryFormat = 'md' | 'html' | 'json' | 'ics';

export function inquiryExportPath(id: string, format: InquiryFormat): string {
  return `${base(id)}/export?format=${format}`;
}
