// The admin API as the console uses it: JSON in and out, problem+json errors, and the session's
// token against cross-site requests on every change.

let csrfToken = null;

/** Set after login (and cleared at logout): sent as X-CSRF-Token with every change. */
export function useCsrfToken(token) {
  csrfToken = token ?? null;
}

/** A refusal or failure from the API, with its RFC 9457 problem document when there is one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? null;
  }
}

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && String(v).trim() !== '') q.set(k, String(v).trim());
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * One request to /api/v1. A change always says its content type (the API refuses changes without
 * one, so that another site's form cannot make them) and carries the session's token.
 */
export async function api(method, path, { body, contentType = 'application/json' } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') {
    headers['Content-Type'] = contentType;
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  const response = await fetch(`/api/v1${path}`, {
    method, headers, body, credentials: 'same-origin', cache: 'no-store',
  });
  if (response.status === 401 && path !== '/session') {
    window.dispatchEvent(new CustomEvent('sluice-session-ended'));
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      // not JSON: the status says enough
    }
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') ?? '';
  return type.includes('json') ? response.json() : response.text();
}

/** The raw bytes of a resource, for passing on (spam learning). */
export async function raw(path) {
  const response = await fetch(`/api/v1${path}`, { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) throw new ApiError(response.status, null);
  return response.blob();
}
