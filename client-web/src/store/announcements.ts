// What the page says to the person: the live region's announcement (phase
// changes, role changes, time up, writing kept as a draft) and the notices of
// refusals the views do not show themselves.

import { signal } from '@preact/signals';
import type { Role, SessionState } from '../protocol';

export interface Notice {
  key: number;
  message: string;
  code?: string;
}

const ROLE_WITH_ARTICLE: Record<Role, string> = {
  facilitator: 'the facilitator',
  presenter: 'the presenter',
  colleague: 'a colleague',
  observer: 'an observer',
  host: 'the event host',
};

export function createAnnouncements() {
  const announcement = signal('');
  const notices = signal<Notice[]>([]);
  let noticeCounter = 0;

  function announce(text: string) {
    announcement.value = text;
  }

  function pushNotice(message: string, noticeCode?: string) {
    noticeCounter += 1;
    notices.value = [...notices.value, { key: noticeCounter, message, code: noticeCode }];
  }

  function dismissNotice(key: number) {
    notices.value = notices.value.filter((n) => n.key !== key);
  }

  function clearNotices() {
    notices.value = [];
  }

  /** Says what changed for `you` from one state to the next, if it is worth saying. */
  function announceChange(before: SessionState | null, after: SessionState | null, you: string | null) {
    if (!after) return;
    const phase = after.template.phases[after.phase];
    if (before && before.status !== after.status) {
      if (after.status === 'live' && phase) {
        announce(`Session started. Phase ${after.phase + 1}: ${phase.title}`);
        return;
      }
      if (after.status === 'ended') {
        announce('The session has ended.');
        return;
      }
    }
    const roleBefore = before?.participants.find((p) => p.id === you)?.role;
    const roleAfter = after.participants.find((p) => p.id === you)?.role;
    if (roleBefore && roleAfter && roleBefore !== roleAfter) {
      announce(`You are now ${ROLE_WITH_ARTICLE[roleAfter]}.`);
      return;
    }
    if (before && before.phase !== after.phase && phase) {
      announce(`Phase ${after.phase + 1} of ${after.template.phases.length}: ${phase.title}`);
      return;
    }
    if (before && before.timer.status !== 'expired' && after.timer.status === 'expired') {
      announce(`Time is up for ${phase?.title ?? 'this phase'}.`);
    }
  }

  return { announcement, notices, announce, pushNotice, dismissNotice, clearNotices, announceChange };
}

export type Announcements = ReturnType<typeof createAnnouncements>;
