// The login session: POST /api/v1/session logs in, GET tells who is logged in, DELETE logs out.
import { api, ApiError, useCsrfToken } from './api.js';

/** The current session ({username, role, csrfToken}), or null when nobody is logged in. */
export async function current() {
  try {
    return remember(await api('GET', '/session'));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function login(username, password) {
  return remember(await api('POST', '/session', { body: JSON.stringify({ username, password }) }));
}

export async function logout() {
  try {
    await api('DELETE', '/session');
  } finally {
    useCsrfToken(null);
  }
}

function remember(session) {
  useCsrfToken(session?.csrfToken);
  return session;
}
