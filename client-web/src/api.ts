// The HTTP half of the protocol: templates and session creation (the
// inquiries' routes are in inquiry-api.ts).

import type { CreatedSession, Template } from './protocol';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** A JSON request; `key`, when given, goes in the Authorization header (never in the URL). */
export async function request<T>(path: string, init?: RequestInit & { key?: string }): Promise<T> {
  let response: Response;
  const { key, ...rest } = init ?? {};
  try {
    response = await fetch(path, {
      ...rest,
      cache: 'no-store',
      headers: {
        Accept: 'application/json',
        ...(rest.body ? { 'Content-Type': 'application/json' } : {}),
        ...(key ? { Authorization: `Bearer ${key}` } : {}),
      },
    });
  } catch {
    throw new ApiError('network', 'Could not reach the Debrief server. Check your connection.', 0);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(
      error?.code ?? 'http',
      error?.message ?? `The server answered ${response.status}.`,
      response.status,
    );
  }
  return body as T;
}

export async function fetchTemplates(): Promise<Template[]> {
  const body = await request<{ templates: Template[] }>('/api/templates');
  return body.templates ?? [];
}

export function createSession(template: string, title: string): Promise<CreatedSession> {
  const payload: { template: string; title?: string } = { template };
  if (title.trim()) payload.title = title.trim();
  return request<CreatedSession>('/api/sessions', {
    method: 'POST',
    body: JSON.stringify(payload),
  });
}
