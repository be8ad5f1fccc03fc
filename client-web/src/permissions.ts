// The permission table of PROTOCOL.md ("Who may do what, in which phase"),
// so that views offer only what the server will accept. The table itself is
// generated from the server's (generated/contract.ts). The server checks
// again; this is for a calm screen, not for security.

import { PERMISSIONS } from './generated/contract';
import type { CommandType, Role, Writers } from './protocol';

/** Whether `role` may send `command` while the current phase is of `kind`. */
export function allowed(command: CommandType, role: Role | null | undefined, kind: string | undefined): boolean {
  if (!role) return false;
  const rule = PERMISSIONS[command];
  if (!rule || !rule.roles.includes(role)) return false;
  return rule.kinds === 'any' || (kind !== undefined && (rule.kinds as readonly string[]).includes(kind));
}

/** Whether a phase's `writers` lets `role` add entries (on top of the table above). */
export function writersAllow(writers: Writers | undefined, role: Role | null): boolean {
  if (!role || role === 'observer') return false;
  if (writers === 'presenter') return role === 'presenter';
  if (writers === 'colleagues') return role === 'facilitator' || role === 'colleague';
  return true;
}
