// The login form.
import { LitElement, html } from 'lit';
import { ApiError } from './api.js';
import { login } from './session.js';

export class SluiceLogin extends LitElement {
  static properties = { error: { state: true }, busy: { state: true } };

  createRenderRoot() {
    return this;
  }

  render() {
    return html`
      <main id="content" class="login">
        <form @submit=${this.submit} aria-labelledby="login-title" novalidate>
          <h1 id="login-title">Sluice</h1>
          <p>Log in as an administrator or auditor of this gateway.</p>
          <label for="login-username">User name or mail address</label>
          <input id="login-username" name="username" autocomplete="username" required autofocus>
          <label for="login-password">Password</label>
          <input id="login-password" name="password" type="password" autocomplete="current-password" required>
          ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
          <button type="submit" ?disabled=${this.busy}>Log in</button>
        </form>
      </main>`;
  }

  async submit(event) {
    event.preventDefault();
    const form = event.target;
    const username = form.username.value.trim();
    const password = form.password.value;
    if (!username || !password) {
      this.error = 'Enter the user name and the password.';
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      const session = await login(username, password);
      this.dispatchEvent(new CustomEvent('sluice-logged-in', { detail: session, bubbles: true }));
    } catch (e) {
      form.password.value = '';
      form.password.focus();
      this.error = e instanceof ApiError && e.status === 401 ? 'Wrong user name or password.'
        : e instanceof ApiError && e.status === 429 ? 'Too many failed logins from this address: try again later.'
          : `Login failed: ${e.message}`;
    } finally {
      this.busy = false;
    }
  }
}
customElements.define('sluice-login', SluiceLogin);
