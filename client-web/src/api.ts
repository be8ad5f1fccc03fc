// The HTTP half of the protocol: templates and session creation.

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

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}) },
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
