// Users: who may use the admin API and the console, with which role (GET/POST/PUT/DELETE /users);
// passwords are only ever set, never shown. A domain administrator has the domains whose quarantine
// and tracking they may see. Mailbox owners are no users here: the mail server has their passwords.
import { html } from 'lit';
import { ConsolePage } from './page.js';
import { api } from './api.js';
import { control, errorFor, read } from './fields.js';
import { time } from './format.js';

const ROLES = ['admin', 'auditor', 'domainadmin'];

export class SluiceUsers extends ConsolePage {
  static properties = {
    users: { state: true }, draft: { state: true }, passwordFor: { state: true }, errors: { state: true }, notice: { state: true }, error: { state: true },
  };

  async load() {
    try {
      this.users = (await api('GET', '/users?size=500')).items;
    } catch (e) {
      this.error = e.message;
    }
  }

  render() {
    return html`
      <h1 tabindex="-1">Users</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <p class="notice" role="status" aria-live="polite">${this.notice ?? ''}</p>
      ${this.users ? html`
        <div class="scroll">
          <table class="list">
            <caption class="visually-hidden">Users</caption>
            <thead><tr><th scope="col">User name</th><th scope="col">Role</th><th scope="col">Domains</th><th scope="col">Created</th>
              ${this.admin ? html`<th scope="col">Change</th>` : ''}</tr></thead>
            <tbody>${this.users.map((u) => html`<tr>
              <td data-label="User name">${u.username}</td>
              <td data-label="Role">${this.admin ? html`<select aria-label=${`Role of ${u.username}`}
                ?disabled=${u.role === 'domainadmin'} @change=${(e) => this.changeRole(u, e.target.value)}>
                ${ROLES.map((r) => html`<option value=${r} ?selected=${u.role === r}>${r}</option>`)}</select>` : u.role}</td>
              <td data-label="Domains">${(u.domains ?? []).join(', ')}</td>
              <td data-label="Created">${time(u.createdAt)}</td>
              ${this.admin ? html`<td data-label="Change"><div class="actions tight">
                <button type="button" class="secondary" aria-label=${`Set the password of ${u.username}`}
                  @click=${() => this.askPassword(u)}>Set password</button>
                <button type="button" class="danger" ?disabled=${u.username === this.session.username}
                  @click=${() => this.deleteUser(u)}>Delete</button></div></td>` : ''}
            </tr>`)}</tbody>
          </table>
        </div>` : html`<p aria-live="polite">Loading…</p>`}
      ${this.admin && this.users ? (this.passwordFor ? this.passwordForm() : this.creation()) : ''}`;
  }

  /** A new password for one user, set without showing it anywhere. */
  passwordForm() {
    const who = this.passwordFor;
    return html`
      <form class="settings" @submit=${this.setPassword} novalidate aria-labelledby="new-password">
        <fieldset>
          <legend id="new-password">New password for ${who}</legend>
          <div class="grid">
            ${control({ id: 'p-password', label: 'New password', kind: 'password', hint: '12 characters or more',
              error: errorFor(this.errors, 'password') })}
          </div>
          <div class="buttons"><button type="submit">Set password</button>
            <button type="button" class="secondary" @click=${() => this.askPassword(null)}>Cancel</button></div>
        </fieldset>
      </form>`;
  }

  creation() {
    // what the form shows: a new user's defaults, or what was typed when it was refused
    const d = this.draft ?? { role: 'auditor' };
    return html`
      <form class="settings" @submit=${this.create} novalidate aria-labelledby="new-user">
        <fieldset>
          <legend id="new-user">New user</legend>
          <div class="grid">
            ${control({ id: 'u-username', label: 'User name', value: d.username, error: errorFor(this.errors, 'username') })}
            ${control({ id: 'u-role', label: 'Role', kind: ROLES, value: d.role, error: errorFor(this.errors, 'role') })}
            ${control({ id: 'u-password', label: 'Password', kind: 'password', hint: '12 characters or more',
              value: d.password, error: errorFor(this.errors, 'password') })}
            ${control({ id: 'u-domains', label: 'Domains (domain administrators)', kind: 'lines', value: d.domains,
              hint: 'one a line, e.g. example.com', error: errorFor(this.errors, 'domains') })}
          </div>
          <div class="buttons"><button type="submit">Add user</button></div>
        </fieldset>
      </form>`;
  }

  async create(event) {
    event.preventDefault();
    const form = event.target;
    const domains = read(form, 'u-domains', 'lines');
    const user = { username: read(form, 'u-username'), role: read(form, 'u-role'), password: read(form, 'u-password'),
      domains: domains.length ? domains : null };
    // the form shows what was typed from now on: set later, it would overwrite what is typed meanwhile
    this.draft = user;
    if (await this.change(`Added ${user.username}.`, () => api('POST', '/users', { body: JSON.stringify(user) }))) {
      this.draft = null;
    }
  }

  changeRole(u, role) {
    return this.change(`${u.username} is ${role === 'admin' ? 'an admin' : 'an auditor'} now.`,
      () => api('PUT', `/users/${encodeURIComponent(u.username)}`, { body: JSON.stringify({ ...u, role }) }));
  }

  async askPassword(u) {
    this.passwordFor = u?.username ?? null;
    this.errors = null;
    await this.updateComplete;
    this.querySelector(u ? '#p-password' : '#u-username')?.focus();
  }

  async setPassword(event) {
    event.preventDefault();
    const who = this.passwordFor;
    const password = event.target.elements.namedItem('p-password').value;
    if (await this.change(`Set a new password for ${who}.`,
      () => api('PUT', `/users/${encodeURIComponent(who)}/password`, { body: JSON.stringify({ password }) }))) {
      this.passwordFor = null;
    } else {
      await this.updateComplete;
      this.querySelector('#p-password')?.focus();
    }
  }

  // not remove(): that is the DOM's, which Lit calls to take the page away
  deleteUser(u) {
    if (confirm(`Delete the user ${u.username}?`)) {
      this.change(`Deleted ${u.username}.`, () => api('DELETE', `/users/${encodeURIComponent(u.username)}`));
    }
  }
}
customElements.define('sluice-users', SluiceUsers);
