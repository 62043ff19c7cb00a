// Quarantine: search held messages, look at one safely, download it, release or delete one, the
// selected or every match, and teach the spam filter with it. An auditor sees no change buttons
// (the server refuses them anyway). A domain administrator or mailbox owner sees what is held for
// their own recipients and may release and delete it for them; teaching the filter and settling
// uncertain releases stay with administrators.
import { LitElement, html } from 'lit';
import { api, query, raw } from './api.js';
import { narrow } from './layout.js';
import { bytes, count, instant, time } from './format.js';
import { content } from './preview.js';

const STATES = ['HELD', 'RELEASING', 'RELEASE_UNCERTAIN', 'RELEASED'];
const PAGE_SIZE = 50;

export class SluiceQuarantine extends LitElement {
  static properties = {
    session: { attribute: false },
    param: { attribute: false },
    result: { state: true },
    selected: { state: true },
    view: { state: true },
    notice: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  constructor() {
    super();
    this.filter = { state: 'HELD' };
    this.page = 0;
    this.selected = new Set();
  }

  createRenderRoot() {
    return this;
  }

  /** Shown again after another page: what it shows may have changed meanwhile. */
  connectedCallback() {
    super.connectedCallback();
    if (this.hasUpdated) {
      if (this.param) this.open(this.param);
      else this.search();
    }
  }

  get admin() {
    return this.session?.role === 'admin';
  }

  /** May release and delete (for the recipients within the session's scope). */
  get actor() {
    return ['admin', 'domainadmin', 'mailbox'].includes(this.session?.role);
  }

  willUpdate(changed) {
    if (changed.has('param')) {
      if (this.param) this.open(this.param);
      else {
        this.view = null;
        this.search();
      }
    }
  }

  async search() {
    try {
      this.result = await api('GET', `/quarantine${this.filterQuery({ page: this.page, size: PAGE_SIZE })}`);
      const shown = new Set(this.result.items.map((m) => m.queueId));
      this.selected = new Set([...this.selected].filter((id) => shown.has(id)));
      this.error = null;
    } catch (e) {
      this.error = e.message;
    }
  }

  async open(queueId) {
    this.view = null;
    try {
      this.view = await api('GET', `/quarantine/${encodeURIComponent(queueId)}/view`);
      this.error = null;
    } catch (e) {
      this.error = e.message;
    }
  }

  render() {
    return this.param ? this.detail() : this.list();
  }

  messages() {
    return html`
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <p class="notice" role="status" aria-live="polite">${this.notice ?? ''}</p>`;
  }

  list() {
    const r = this.result;
    return html`
      <h1 tabindex="-1">Quarantine</h1>
      <details class="search" ?open=${!narrow()}><summary>Search filters</summary>
      <form class="search" @submit=${this.submitSearch} aria-label="Search the quarantine">
        ${field('q-sender', 'Sender contains', 'sender', this.filter.sender)}
        ${field('q-recipient', 'Recipient', 'recipient', this.filter.recipient)}
        ${field('q-subject', 'Subject contains', 'subject', this.filter.subject)}
        ${field('q-reason', 'Reason contains', 'reason', this.filter.reason)}
        <div class="field">
          <label for="q-state">State</label>
          <select id="q-state" name="state">
            <option value="" ?selected=${!this.filter.state}>any</option>
            ${STATES.map((s) => html`<option value=${s} ?selected=${this.filter.state === s}>${s.toLowerCase().replaceAll('_', ' ')}</option>`)}
          </select>
        </div>
        ${field('q-from', 'Received from', 'from', this.filter.fromLocal, 'datetime-local')}
        ${field('q-until', 'Received before', 'until', this.filter.untilLocal, 'datetime-local')}
        <div class="buttons"><button type="submit">Search</button></div>
      </form></details>
      ${this.messages()}
      ${r ? this.table(r) : html`<p aria-live="polite">Loading…</p>`}`;
  }

  table(r) {
    const allSelected = r.items.length > 0 && r.items.every((m) => this.selected.has(m.queueId));
    return html`
      ${this.actor ? html`
        <div class="actions" role="group" aria-label="Act on messages">
          <button type="button" ?disabled=${this.busy || this.selected.size === 0} @click=${() => this.releaseSelected(false)}>
            Release selected (${this.selected.size})</button>
          ${this.admin ? html`<button type="button" class="secondary" ?disabled=${this.busy || this.selected.size === 0} @click=${() => this.releaseSelected(true)}>
            Release selected and learn as ham</button>` : ''}
          <button type="button" class="danger" ?disabled=${this.busy || this.selected.size === 0} @click=${this.deleteSelected}>
            Delete selected</button>
          <button type="button" class="secondary" ?disabled=${this.busy || r.total === 0} @click=${this.releaseAll}>
            Release all ${count(r.total)} matching</button>
          <button type="button" class="danger" ?disabled=${this.busy || r.total === 0} @click=${this.deleteAll}>
            Delete all ${count(r.total)} matching</button>
        </div>` : ''}
      <p class="quiet">${count(r.total)} ${r.total === 1 ? 'message' : 'messages'} match.</p>
      <div class="scroll">
        <table class="list">
          <caption class="visually-hidden">Quarantined messages</caption>
          <thead><tr>
            ${this.actor ? html`<th scope="col"><input type="checkbox" aria-label="Select all on this page"
              .checked=${allSelected} @change=${(e) => this.selectAll(e.target.checked)}></th>` : ''}
            <th scope="col">Received</th><th scope="col">Sender</th><th scope="col">Recipients</th>
            <th scope="col">Subject</th><th scope="col">Reason</th><th scope="col">Size</th><th scope="col">State</th>
          </tr></thead>
          <tbody>
            ${r.items.map((m) => html`<tr>
              ${this.actor ? html`<td class="pick"><input type="checkbox" aria-label=${`Select ${m.subject || m.queueId}`}
                .checked=${this.selected.has(m.queueId)} @change=${(e) => this.select(m.queueId, e.target.checked)}></td>` : ''}
              <td data-label="Received">${time(m.receivedAt)}</td>
              <td data-label="Sender">${m.sender || '<>'}</td>
              <td data-label="Recipients">${m.recipients.join(', ')}</td>
              <td data-label="Subject"><a href="#/quarantine/${encodeURIComponent(m.queueId)}">${m.subject || '(no subject)'}</a></td>
              <td data-label="Reason">${m.reason}</td>
              <td data-label="Size">${bytes(m.size)}</td>
              <td data-label="State"><span class="state ${m.state.toLowerCase()}">${m.state.toLowerCase().replaceAll('_', ' ')}</span></td>
            </tr>`)}
          </tbody>
        </table>
      </div>
      ${this.pager(r)}`;
  }

  pager(r) {
    const pages = Math.ceil(r.total / PAGE_SIZE);
    if (pages <= 1) return '';
    return html`<nav class="pager" aria-label="Pages">
      <button type="button" class="secondary" ?disabled=${this.page === 0} @click=${() => this.turn(-1)}>Previous</button>
      <span>Page ${this.page + 1} of ${pages}</span>
      <button type="button" class="secondary" ?disabled=${this.page + 1 >= pages} @click=${() => this.turn(1)}>Next</button>
    </nav>`;
  }

  turn(by) {
    this.page += by;
    this.search();
  }

  submitSearch(event) {
    event.preventDefault();
    // on a small screen the filters make way for the results
    if (narrow()) event.target.closest('details').open = false;
    const f = new FormData(event.target);
    const from = f.get('from');
    const until = f.get('until');
    this.filter = {
      sender: f.get('sender'), recipient: f.get('recipient'), subject: f.get('subject'), reason: f.get('reason'),
      state: f.get('state'), from: instant(from), until: instant(until), fromLocal: from, untilLocal: until,
    };
    this.page = 0;
    this.search();
  }

  /** The filters as the API takes them (the local times stay in the form only). */
  filterQuery(extra = {}) {
    const { fromLocal, untilLocal, ...filter } = this.filter;
    return query({ ...filter, ...extra });
  }

  select(queueId, on) {
    const s = new Set(this.selected);
    if (on) s.add(queueId);
    else s.delete(queueId);
    this.selected = s;
  }

  selectAll(on) {
    this.selected = on ? new Set(this.result.items.map((m) => m.queueId)) : new Set();
  }

  /** Runs one change per queue id, one after the other, and says what came of them. */
  async each(verb, ids, change) {
    this.busy = true;
    const failed = [];
    for (const id of ids) {
      try {
        await change(id);
      } catch (e) {
        failed.push(`${id}: ${e.message}`);
      }
    }
    this.busy = false;
    const done = ids.length - failed.length;
    this.notice = `${verb} ${done} of ${ids.length}.`;
    this.error = failed.length ? `Not ${verb.toLowerCase()}: ${failed.join('; ')}` : null;
  }

  async releaseSelected(learnAsHam) {
    await this.each('Released', [...this.selected], (id) =>
      api('POST', `/quarantine/${encodeURIComponent(id)}/release${learnAsHam ? '?learn=ham' : ''}`));
    this.selected = new Set();
    this.search();
  }

  async deleteSelected() {
    if (!confirm(`Delete ${this.selected.size} selected messages for good?`)) return;
    await this.each('Deleted', [...this.selected], (id) => api('DELETE', `/quarantine/${encodeURIComponent(id)}`));
    this.selected = new Set();
    this.search();
  }

  async bulk(verb, path) {
    this.busy = true;
    try {
      const b = await api('POST', `/quarantine/${path}${this.filterQuery()}`);
      const failed = Object.entries(b.failed ?? {});
      this.notice = `${verb} ${b.done.length} of ${b.matched} matching.`;
      this.error = failed.length ? `Not ${verb.toLowerCase()}: ${failed.map(([id, why]) => `${id}: ${why}`).join('; ')}` : null;
    } catch (e) {
      this.error = e.message;
    } finally {
      this.busy = false;
    }
    this.selected = new Set();
    this.search();
  }

  releaseAll() {
    if (confirm(`Release all ${this.result.total} matching messages to their recipients?`)) this.bulk('Released', 'release');
  }

  deleteAll() {
    if (confirm(`Delete all ${this.result.total} matching messages for good?`)) this.bulk('Deleted', 'delete');
  }

  detail() {
    const v = this.view;
    if (!v) return html`<h1 tabindex="-1">Quarantined message</h1>${this.messages()}<p aria-live="polite">Loading…</p>`;
    const m = v.message;
    const id = encodeURIComponent(m.queueId);
    const changeable = this.actor && (m.state === 'HELD' || m.state === 'RELEASE_UNCERTAIN');
    return html`
      <p><a href="#/quarantine">← Back to the quarantine</a></p>
      <h1 tabindex="-1">${m.subject || '(no subject)'}</h1>
      ${this.messages()}
      <div class="actions" role="group" aria-label="Act on this message">
        <a class="button secondary" href="/api/v1/quarantine/${id}/raw" download="${m.queueId}.eml">Download (.eml)</a>
        ${changeable && m.state === 'HELD' ? html`
          <button type="button" ?disabled=${this.busy} @click=${() => this.releaseOne(m, '')}>Release</button>
          ${this.admin ? html`<button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.releaseOne(m, '?learn=ham')}>Release and learn as ham</button>` : ''}` : ''}
        ${this.admin && m.state === 'RELEASE_UNCERTAIN' ? html`
          <button type="button" ?disabled=${this.busy} @click=${() => this.markReleased(m)}>Mark released</button>
          <button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.releaseOne(m, '?again=true')}>Release again</button>` : ''}
        ${this.admin ? html`
          <button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.learn(m, 'spam')}>Learn as spam</button>
          <button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.learn(m, 'ham')}>Learn as ham</button>` : ''}
        ${changeable ? html`<button type="button" class="danger" ?disabled=${this.busy} @click=${() => this.deleteOne(m)}>Delete</button>` : ''}
      </div>
      <dl class="facts">
        <dt>Queue id</dt><dd>${this.session?.role === 'mailbox' ? m.queueId : html`<a href="#/tracking/${id}">${m.queueId}</a> (tracking)`}</dd>
        <dt>State</dt><dd><span class="state ${m.state.toLowerCase()}">${m.state.toLowerCase().replaceAll('_', ' ')}</span>
          ${m.releasedAt ? html` at ${time(m.releasedAt)} by ${m.releasedBy}` : ''}</dd>
        ${m.releaseReply ? html`<dt>Last release</dt><dd><code>${m.releaseReply}</code></dd>` : ''}
        <dt>Received</dt><dd>${time(m.receivedAt)} from ${m.clientIp}</dd>
        <dt>Sender</dt><dd>${m.sender || '<>'}</dd>
        <dt>Recipients</dt><dd>${m.recipients.join(', ')}</dd>
        <dt>Reason</dt><dd>${m.reason}</dd>
        <dt>Policy</dt><dd>${m.policy}</dd>
        ${m.spamScore !== null && m.spamScore !== undefined ? html`<dt>Spam score</dt><dd>${m.spamScore}</dd>` : ''}
        ${m.virus ? html`<dt>Virus</dt><dd>${m.virus}</dd>` : ''}
        <dt>Size</dt><dd>${bytes(m.size)}</dd>
      </dl>
      ${content(v)}
      ${v.attachments.length ? html`
        <h2>Attachments</h2>
        <div class="scroll"><table>
          <thead><tr><th scope="col">Name</th><th scope="col">Declared type</th><th scope="col">Detected type</th><th scope="col">Size</th></tr></thead>
          <tbody>${v.attachments.map((a) => html`<tr><td>${a.name}</td><td>${a.declaredType}</td><td>${a.detectedType}</td><td>${bytes(a.size)}</td></tr>`)}</tbody>
        </table></div>` : ''}
      <details>
        <summary>Header fields (${v.headers.length})</summary>
        <div class="scroll"><table>
          <tbody>${v.headers.map((h) => html`<tr><th scope="row">${h.name}</th><td class="wrap">${h.value}</td></tr>`)}</tbody>
        </table></div>
      </details>`;
  }

  async act(what, change) {
    this.busy = true;
    try {
      await change();
      this.notice = what;
      this.error = null;
    } catch (e) {
      this.error = e.message;
    } finally {
      this.busy = false;
    }
  }

  async releaseOne(m, extra) {
    await this.act(`Released ${m.queueId}.`, () => api('POST', `/quarantine/${encodeURIComponent(m.queueId)}/release${extra}`));
    this.open(m.queueId);
  }

  async markReleased(m) {
    await this.act(`Marked ${m.queueId} released.`, () => api('POST', `/quarantine/${encodeURIComponent(m.queueId)}/mark-released`));
    this.open(m.queueId);
  }

  async deleteOne(m) {
    if (!confirm(`Delete the message "${m.subject}" for good?`)) return;
    await this.act(`Deleted ${m.queueId}.`, () => api('DELETE', `/quarantine/${encodeURIComponent(m.queueId)}`));
    if (!this.error) location.hash = '#/quarantine';
  }

  async learn(m, as) {
    await this.act(`The spam filter learnt ${m.queueId} as ${as}.`, async () => {
      const message = await raw(`/quarantine/${encodeURIComponent(m.queueId)}/raw`);
      await api('POST', `/scanning/spam/learn?as=${as}`, { body: message, contentType: 'message/rfc822' });
    });
  }
}

function field(id, label, name, value, type = 'text') {
  return html`<div class="field"><label for=${id}>${label}</label><input id=${id} name=${name} type=${type} .value=${value ?? ''}></div>`;
}

customElements.define('sluice-quarantine', SluiceQuarantine);
