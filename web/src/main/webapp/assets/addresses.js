// Addresses: the named address groups policies refer to (GET/POST/PUT/DELETE /groups) and the
// organisation's internal domains (/internal-domains). Auditors see both without change buttons.
import { html } from 'lit';
import { ConsolePage } from './page.js';
import { keyed } from 'lit/directives/keyed.js';
import { api, ApiError } from './api.js';
import { control, errorFor, read } from './fields.js';

/** The first few members in order, and how many more (a group's members have no order of their own). */
function members(list) {
  const shown = [...list].sort().slice(0, 3).join(', ');
  return list.length > 3 ? `${shown} and ${list.length - 3} more` : shown || '(none)';
}

export class SluiceAddresses extends ConsolePage {
  static properties = {
    groups: { state: true }, domains: { state: true }, editing: { state: true }, draft: { state: true },
    errors: { state: true }, domainErrors: { state: true }, notice: { state: true }, error: { state: true },
    generation: { state: true },
  };

  constructor() {
    super();
    this.generation = 0;
  }

  async load() {
    try {
      const [groups, domains] = await Promise.all([api('GET', '/groups?size=500'), api('GET', '/internal-domains?size=500')]);
      this.groups = groups.items;
      this.domains = domains.items;
    } catch (e) {
      this.error = e.message;
    }
  }

  render() {
    return html`
      <h1 tabindex="-1">Addresses</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <p class="notice" role="status" aria-live="polite">${this.notice ?? ''}</p>
      <h2 id="groups">Address groups</h2>
      <p class="quiet">A policy's senders and recipients may name a group. Members are addresses, domains,
        or *. and a domain for the domain with its subdomains.</p>
      ${this.groups ? this.groupList() : html`<p aria-live="polite">Loading…</p>`}
      ${this.admin && this.groups ? keyed(this.generation, this.groupForm()) : ''}
      <h2 id="domains">Internal domains</h2>
      <p class="quiet">The organisation's own domains. They do not make mail outbound: a client in an internal
        network or one that authenticated does.</p>
      ${this.domains ? this.domainList() : html`<p aria-live="polite">Loading…</p>`}`;
  }

  groupList() {
    if (!this.groups.length) return html`<p>No groups yet.</p>`;
    return html`
      <div class="scroll">
        <table class="list">
          <caption class="visually-hidden">Address groups</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Description</th><th scope="col">Members</th>
            ${this.admin ? html`<th scope="col">Change</th>` : ''}</tr></thead>
          <tbody>${this.groups.map((g) => html`<tr>
            <th scope="row" data-label="Name">${g.name}</th>
            <td data-label="Description">${g.description ?? ''}</td>
            <td data-label="Members">${members(g.members)}</td>
            ${this.admin ? html`<td data-label="Change"><div class="actions tight">
              <button type="button" class="secondary" aria-label=${`Edit ${g.name}`} @click=${() => this.edit(g)}>Edit</button>
              <button type="button" class="danger" aria-label=${`Delete ${g.name}`} @click=${() => this.removeGroup(g)}>Delete</button>
            </div></td>` : ''}</tr>`)}</tbody>
        </table>
      </div>`;
  }

  /** A new group's form, or the one being edited; after a refusal, what was typed. */
  groupForm() {
    const g = this.draft ?? (this.editing ? { ...this.editing, members: [...this.editing.members].sort() } : {});
    const title = this.editing ? `Edit ${this.editing.name}` : 'New group';
    return html`
      <form class="settings" @submit=${this.saveGroup} novalidate aria-labelledby="group-form">
        <fieldset>
          <legend id="group-form">${title}</legend>
          <div class="grid">
            ${control({ id: 'g-name', label: 'Name', value: g.name, error: errorFor(this.errors, 'name') })}
            ${control({ id: 'g-description', label: 'Description', value: g.description, error: errorFor(this.errors, 'description') })}
            ${control({ id: 'g-members', label: 'Members', kind: 'lines', value: g.members, hint: 'One a line',
              error: errorFor(this.errors, 'members') })}
          </div>
        </fieldset>
        <div class="buttons"><button type="submit">${this.editing ? 'Save group' : 'Add group'}</button>
          ${this.editing ? html`<button type="button" class="secondary" @click=${this.cancel}>Cancel</button>` : ''}</div>
      </form>`;
  }

  domainList() {
    return html`
      ${this.domains.length ? html`<ul class="chips">${this.domains.map((d) => html`<li>${d.name}
        ${this.admin ? html`<button type="button" class="danger small" aria-label=${`Remove ${d.name}`}
          @click=${() => this.removeDomain(d)}>Remove</button>` : ''}</li>`)}</ul>` : html`<p>No internal domains yet.</p>`}
      ${this.admin ? html`<form class="settings inline" @submit=${this.addDomain} novalidate aria-labelledby="domains">
        ${control({ id: 'd-name', label: 'Domain', error: errorFor(this.domainErrors, 'name') })}
        <div class="buttons"><button type="submit">Add domain</button></div>
      </form>` : ''}`;
  }

  edit(g) {
    this.editing = g;
    this.draft = null;
    this.errors = null;
    this.generation++;
    this.updateComplete.then(() => this.querySelector('#g-name')?.focus());
  }

  cancel() {
    this.editing = null;
    this.draft = null;
    this.errors = null;
    this.generation++;
  }

  /** Runs a change, says what happened, and shows the list as it is now. */
  async change(what, request, errorsOf = 'errors') {
    try {
      await request();
      this.notice = what;
      this.error = null;
      this[errorsOf] = null;
      return true;
    } catch (e) {
      this.notice = null;
      this[errorsOf] = e instanceof ApiError ? e.problem?.errors : null;
      this.error = e.problem?.type === 'urn:sluice:problem:stale-version'
        ? 'Someone else changed it meanwhile: cancel and edit it again.' : `Not changed: ${e.message}`;
      return false;
    } finally {
      await this.load();
    }
  }

  async saveGroup(event) {
    event.preventDefault();
    const form = event.target;
    const group = {
      name: read(form, 'g-name'), description: read(form, 'g-description'), members: read(form, 'g-members', 'lines'),
    };
    const editing = this.editing;
    // the form shows what was typed from now on: set later, it would overwrite what is typed meanwhile
    this.draft = group;
    const done = editing
      ? await this.change(`Saved ${group.name}.`, () => api('PUT', `/groups/${editing.id}`,
        { body: JSON.stringify({ ...group, version: editing.version }) }))
      : await this.change(`Added ${group.name}.`, () => api('POST', '/groups', { body: JSON.stringify(group) }));
    if (done) {
      this.cancel();
    } else {
      await this.updateComplete;
      this.querySelector('form [aria-invalid="true"]')?.focus();
    }
  }

  removeGroup(g) {
    if (confirm(`Delete the group ${g.name}?`)) {
      if (this.editing?.id === g.id) this.cancel();
      this.change(`Deleted ${g.name}.`, () => api('DELETE', `/groups/${g.id}`));
    }
  }

  async addDomain(event) {
    event.preventDefault();
    const form = event.target;
    const name = read(form, 'd-name');
    if (await this.change(`Added ${name}.`, () => api('POST', '/internal-domains', { body: JSON.stringify({ name }) }), 'domainErrors')) {
      form.reset();
    }
  }

  removeDomain(d) {
    this.change(`Removed ${d.name}.`, () => api('DELETE', `/internal-domains/${d.id}`), 'domainErrors');
  }
}
customElements.define('sluice-addresses', SluiceAddresses);
