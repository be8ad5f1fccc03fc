// The events' HTTP routes (PROTOCOL.md, "Events"): making an event of many
// rooms, reading it back, acting on its rooms, its exports, and deleting it.
// Every call but the first carries the host key in the Authorization header.

import { request } from './api';
import type { HostAction } from './generated/contract';
import type { Template } from './protocol';

// The host's view on the wire (host.hpp), generated from the server's structs.
export type { HostAction, RoomFlag, RoomSummary, SummaryPerson } from './generated/contract';

// ---- the routes

export interface EventRoom {
  session: string;
  label: string;
  position: number;
  join_path: string;
  /** The room's own facilitator key, for whoever leads that room. */
  facilitator_key: string;
}

export interface HostedEvent {
  event: string;
  title: string;
  created_at: number;
  rooms: EventRoom[];
  /** The template every room was made from (absent in the creation's answer). */
  template?: Template;
}

export interface CreatedEvent extends HostedEvent {
  host_key: string;
}

/** Rooms by count ("Room 1".."Room N") or by their labels, one room each. */
export type EventRooms = { count: number } | { labels: string[] };

export interface ActionResult {
  session: string;
  applied?: boolean;
  error?: { code: string; message: string };
}

const base = (id: string) => `/api/events/${encodeURIComponent(id)}`;

export function createEvent(template: string, title: string, rooms: EventRooms): Promise<CreatedEvent> {
  const payload =
    'count' in rooms
      ? { template, title: title.trim(), rooms: rooms.count }
      : { template, title: title.trim(), labels: rooms.labels };
  return request<CreatedEvent>('/api/events', { method: 'POST', body: JSON.stringify(payload) });
}

export function fetchEvent(id: string, key: string): Promise<HostedEvent> {
  return request<HostedEvent>(base(id), { key });
}

/** Applies `action` to `rooms` (codes), or to every room when `rooms` is absent; one result per room. */
export async function actOnRooms(
  id: string,
  key: string,
  action: HostAction,
  rooms?: string[],
): Promise<ActionResult[]> {
  const payload = rooms ? { ...action, rooms } : action;
  const body = await request<{ results?: ActionResult[] }>(`${base(id)}/actions`, {
    method: 'POST',
    body: JSON.stringify(payload),
    key,
  });
  return body.results ?? [];
}

export async function deleteEvent(id: string, key: string, keepRooms: boolean): Promise<void> {
  await request<unknown>(`${base(id)}?rooms=${keepRooms ? 'keep' : 'delete'}`, { method: 'DELETE', key });
}

export type EventFormat = 'md' | 'html' | 'json' | 'summary';

export function eventExportPath(id: string, format: EventFormat): string {
  return `${base(id)}/export?format=${format}`;
}
