// Audit log: every change made through the API or the console (GET /audit), newest first: who,
// when, from which address, what, and the target before and after.
import { html } from 'lit';
import { ConsolePage } from './page.js';
import { api, query } from './api.js';
import { control, read } from './fields.js';
import { time } from './format.js';

const PAGE_SIZE = 50;

/** A stored JSON document, indented for reading. */
function pretty(doc) {
  try {
    return JSON.stringify(JSON.parse(doc), null, 2);
  } catch {
    return doc;
  }
}

export class SluiceAudit extends ConsolePage {
  static properties = {
    result: { state: true }, filters: { state: true }, page: { state: true }, error: { state: true },
  };

  constructor() {
    super();
    this.filters = {};
    this.page = 0;
  }

  async load() {
    try {
      this.result = await api('GET', `/audit${query({ ...this.filters, page: this.page, size: PAGE_SIZE })}`);
      this.error = null;
    } catch (e) {
      this.error = e.message;
    }
  }

  render() {
    const r = this.result;
    const f = this.filters;
    return html`
      <h1 tabindex="-1">Audit log</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <form class="settings" @submit=${this.search} novalidate aria-label="Search the audit log">
        <div class="grid">
          ${control({ id: 'a-user', label: 'User', value: f.user })}
          ${control({ id: 'a-action', label: 'Action', value: f.action, hint: 'create, update, delete, reorder, release…' })}
          ${control({ id: 'a-target', label: 'Target contains', value: f.target })}
          ${control({ id: 'a-from', label: 'From', value: f.from, hint: '2026-11-30 or 2026-11-30T08:00:00Z' })}
          ${control({ id: 'a-until', label: 'Until', value: f.until })}
        </div>
        <div class="buttons"><button type="submit">Search</button></div>
      </form>
      ${r ? this.table(r) : html`<p aria-live="polite">Loading…</p>`}`;
  }

  table(r) {
    if (!r.items.length) return html`<p role="status">No changes match.</p>`;
    const last = Math.max(0, Math.ceil(r.total / PAGE_SIZE) - 1);
    return html`
      <p class="quiet" role="status">${r.total} change${r.total === 1 ? '' : 's'}</p>
      <div class="scroll">
        <table class="list audit">
          <caption class="visually-hidden">Changes, newest first</caption>
          <thead><tr><th scope="col">When</th><th scope="col">User</th><th scope="col">From</th>
            <th scope="col">Action</th><th scope="col">Target</th><th scope="col">Before and after</th></tr></thead>
          <tbody>${r.items.map((e) => html`<tr>
            <td data-label="When">${time(e.at)}</td>
            <td data-label="User">${e.user}</td>
            <td data-label="From">${e.address}</td>
            <td data-label="Action">${e.action}</td>
            <th scope="row" data-label="Target">${e.target}</th>
            <td data-label="Before and after">${e.before || e.after ? html`<details>
              <summary>Show</summary>
              ${e.before ? html`<h3>Before</h3><pre>${pretty(e.before)}</pre>` : ''}
              ${e.after ? html`<h3>After</h3><pre>${pretty(e.after)}</pre>` : ''}
            </details>` : html`<span class="quiet">—</span>`}</td>
          </tr>`)}</tbody>
        </table>
      </div>
      ${last > 0 ? html`<div class="pager">
        <button type="button" class="secondary" ?disabled=${this.page === 0} @click=${() => this.go(this.page - 1)}>Newer</button>
        <span>Page ${this.page + 1} of ${last + 1}</span>
        <button type="button" class="secondary" ?disabled=${this.page >= last} @click=${() => this.go(this.page + 1)}>Older</button>
      </div>` : ''}`;
  }

  search(event) {
    event.preventDefault();
    const form = event.target;
    this.filters = {
      user: read(form, 'a-user'), action: read(form, 'a-action'), target: read(form, 'a-target'),
      from: read(form, 'a-from'), until: read(form, 'a-until'),
    };
    this.go(0);
  }

  go(page) {
    this.page = page;
    this.load();
  }
}
customElements.define('sluice-audit', SluiceAudit);
