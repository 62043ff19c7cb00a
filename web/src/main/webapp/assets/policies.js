// Policies: the ordered list (the first that matches a transaction applies; the default comes last
// and stays there), reordered by dragging a row or with its Move buttons (PUT /policies/order), and
// the tool that says which policy a sender, recipient and client get, and why (GET /policies/resolve).
// #/policies/ID and #/policies/new open the editor. A domain administrator sees and edits the
// policies of their own domains; the order and the explanation name every policy, so they are not theirs.
import { html } from 'lit';
import { ConsolePage } from './page.js';
import './policy-editor.js';
import { api, ApiError, query } from './api.js';
import { control, errorFor, read } from './fields.js';

const OUTCOMES = {
  MATCHED: 'applies',
  DISABLED: 'disabled',
  WRONG_DIRECTION: 'other direction',
  SENDER_NOT_MATCHED: 'sender does not match',
  RECIPIENT_NOT_MATCHED: 'recipient does not match',
  SENDER_EXCEPTED: 'sender is an exception',
  RECIPIENT_EXCEPTED: 'recipient is an exception',
};

/** "anyone", or the conditions as an administrator wrote them. */
function who(matches) {
  if (!matches?.length || matches.some((m) => m.kind === 'ANY')) return 'anyone';
  return matches.map((m) => (m.kind === 'GROUP' ? `group ${m.value}` : m.kind === 'SUBDOMAINS' ? `*.${m.value}` : m.value))
    .join(', ');
}

export class SluicePolicies extends ConsolePage {
  static properties = {
    policies: { state: true }, notice: { state: true }, error: { state: true }, busy: { state: true },
    explanation: { state: true }, question: { state: true }, errors: { state: true }, dragged: { state: true },
  };

  constructor() {
    super();
    this.addEventListener('sluice-policy-saved', (e) => {
      this.notice = e.detail;
      this.error = null;
    });
  }

  willUpdate(changed) {
    if (changed.has('param') && !this.param && changed.get('param')) this.load();
  }

  async load() {
    try {
      this.policies = (await api('GET', '/policies?size=500')).items;
    } catch (e) {
      this.error = e.message;
    }
  }

  render() {
    if (this.param) return html`<sluice-policy-editor .session=${this.session} .param=${this.param}></sluice-policy-editor>`;
    return html`
      <h1 tabindex="-1">Policies</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <p class="notice" role="status" aria-live="polite">${this.notice ?? ''}</p>
      <p class="quiet">A transaction gets the first policy in this order that matches its sender and
        recipient in its direction; the default policy comes last and catches the rest.
        ${this.admin ? 'Drag a row, or use its Move buttons, to change the order.' : ''}</p>
      ${this.editor ? html`<div class="actions"><a class="button" href="#/policies/new">New policy</a></div>` : ''}
      ${this.policies ? this.list() : html`<p aria-live="polite">Loading…</p>`}
      ${this.session?.role === 'domainadmin' ? '' : this.explainer()}`;
  }

  list() {
    const movable = this.policies.filter((p) => !p.isDefault);
    return html`
      <div class="scroll">
        <table class="list policies">
          <caption class="visually-hidden">Policies in the order they are tried</caption>
          <thead><tr><th scope="col">#</th><th scope="col">Name</th><th scope="col">Direction</th>
            <th scope="col">Senders</th><th scope="col">Recipients</th><th scope="col">Rules</th>
            ${this.admin ? html`<th scope="col">Order</th>` : ''}${this.editor ? html`<th scope="col">Change</th>` : ''}</tr></thead>
          <tbody>${this.policies.map((p, i) => {
            const index = movable.indexOf(p);
            const draggable = this.admin && !p.isDefault;
            return html`<tr data-id=${p.id} draggable=${draggable ? 'true' : 'false'}
                class=${[p.enabled ? '' : 'disabled', this.dragged === p.id ? 'dragging' : ''].join(' ')}
                @dragstart=${draggable ? (e) => this.dragStart(e, p) : null}
                @dragover=${draggable ? (e) => e.preventDefault() : null}
                @drop=${draggable ? (e) => this.drop(e, p) : null}
                @dragend=${() => { this.dragged = null; }}>
              <td data-label="#">${i + 1}</td>
              <th scope="row" data-label="Name"><a href="#/policies/${p.id}">${p.name}</a>${p.isDefault ? html` <span class="quiet">(default)</span>` : ''}
                ${p.enabled ? '' : html` <span class="quiet">(disabled)</span>`}
                ${p.description ? html`<br><small class="quiet">${p.description}</small>` : ''}</th>
              <td data-label="Direction">${p.direction.toLowerCase()}</td>
              <td data-label="Senders">${who(p.senders)}${p.senderExceptions?.length ? html`<br><small class="quiet">except ${who(p.senderExceptions)}</small>` : ''}</td>
              <td data-label="Recipients">${who(p.recipients)}${p.recipientExceptions?.length ? html`<br><small class="quiet">except ${who(p.recipientExceptions)}</small>` : ''}</td>
              <td data-label="Rules">${p.rules.length}</td>
              ${this.admin ? html`<td data-label="Order">${p.isDefault ? html`<span class="quiet">always last</span>` : html`
                <div class="actions tight">
                  <button type="button" class="secondary" aria-label=${`Move ${p.name} up`} ?disabled=${this.busy || index === 0}
                    @click=${() => this.move(p, index - 1, 'up')} @keydown=${(e) => this.key(e, p, index)}>Move up</button>
                  <button type="button" class="secondary" aria-label=${`Move ${p.name} down`}
                    ?disabled=${this.busy || index === movable.length - 1}
                    @click=${() => this.move(p, index + 1, 'down')} @keydown=${(e) => this.key(e, p, index)}>Move down</button>
                </div>`}</td>` : ''}
              ${this.editor ? html`<td data-label="Change">${p.isDefault ? '' : html`<div class="actions tight">
                <button type="button" class="secondary" aria-label=${`${p.enabled ? 'Disable' : 'Enable'} ${p.name}`}
                  ?disabled=${this.busy} @click=${() => this.toggle(p)}>${p.enabled ? 'Disable' : 'Enable'}</button>
                <button type="button" class="danger" aria-label=${`Delete ${p.name}`} ?disabled=${this.busy}
                  @click=${() => this.deletePolicy(p)}>Delete</button></div>`}</td>` : ''}
            </tr>`;
          })}</tbody>
        </table>
      </div>`;
  }

  /** Runs a change of one policy, says what happened, and shows the list as it is now. */
  async change(what, request) {
    this.busy = true;
    try {
      await request();
      this.notice = what;
      this.error = null;
    } catch (e) {
      this.notice = null;
      this.error = e.problem?.type === 'urn:sluice:problem:stale-version'
        ? 'Someone else changed it meanwhile; the list now shows theirs.' : `Not changed: ${e.message}`;
    } finally {
      this.busy = false;
      await this.load();
    }
  }

  /** A disabled policy is passed over: the next one in order applies. */
  toggle(p) {
    const enabled = !p.enabled;
    return this.change(`${p.name} is ${enabled ? 'enabled' : 'disabled'}.`,
      () => api('PUT', `/policies/${p.id}`, { body: JSON.stringify({ ...p, enabled }) }));
  }

  // not remove(): that is the DOM's, which Lit calls to take the page away
  deletePolicy(p) {
    if (confirm(`Delete the policy ${p.name}?`)) {
      this.change(`Deleted ${p.name}.`, () => api('DELETE', `/policies/${p.id}`));
    }
  }

  /** Alt+Arrow keys on a row's buttons move it too, keeping the focus on the same button. */
  key(event, p, index) {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    const up = event.key === 'ArrowUp';
    this.move(p, up ? index - 1 : index + 1, up ? 'up' : 'down');
  }

  dragStart(event, p) {
    this.dragged = p.id;
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', String(p.id));
  }

  drop(event, target) {
    event.preventDefault();
    const id = Number(event.dataTransfer.getData('text/plain')) || this.dragged;
    this.dragged = null;
    const moved = this.policies.find((p) => p.id === id);
    if (!moved || moved.id === target.id) return;
    const movable = this.policies.filter((p) => !p.isDefault);
    this.move(moved, movable.indexOf(target), null);
  }

  /** Puts {@code p} at {@code to} among the movable policies and saves the order. */
  async move(p, to, button) {
    const ids = this.policies.filter((x) => !x.isDefault).map((x) => x.id);
    const from = ids.indexOf(p.id);
    if (to < 0 || to >= ids.length || from === to) return;
    ids.splice(from, 1);
    ids.splice(to, 0, p.id);
    this.busy = true;
    try {
      this.policies = await api('PUT', '/policies/order', { body: JSON.stringify({ ids }) });
      this.notice = `Moved ${p.name} to position ${to + 1}.`;
      this.error = null;
    } catch (e) {
      this.notice = null;
      this.error = `Not moved: ${e.message}`;
      await this.load();
    } finally {
      this.busy = false;
    }
    if (button) {
      await this.updateComplete;
      const next = this.querySelector(`button[aria-label="Move ${CSS.escape(p.name)} ${button}"]`);
      (next && !next.disabled ? next : this.querySelector(`tr[data-id="${p.id}"] button:not([disabled])`))?.focus();
    }
  }

  explainer() {
    const q = this.question ?? {};
    const x = this.explanation;
    return html`
      <h2 id="explain">Who gets which policy</h2>
      <form class="settings" @submit=${this.explain} novalidate aria-labelledby="explain">
        <div class="grid">
          ${control({ id: 'x-sender', label: 'Sender', value: q.sender, hint: 'empty for the null sender <>' })}
          ${control({ id: 'x-recipient', label: 'Recipient', value: q.recipient, error: errorFor(this.errors, 'recipient') })}
          ${control({ id: 'x-client', label: 'Client address', value: q.client, hint: 'decides the direction with the internal networks' })}
          ${control({ id: 'x-authenticated', label: 'The client authenticated', kind: 'boolean', value: q.authenticated })}
        </div>
        <div class="buttons"><button type="submit">Explain</button></div>
      </form>
      ${x ? html`
        <p class="result" role="status">${x.recipient} gets <strong>${x.policy.name}</strong>
          (${x.outbound ? 'outbound' : 'inbound'}${x.client ? `, client ${x.client}` : ''}).</p>
        <div class="scroll">
          <table class="list">
            <caption class="visually-hidden">Each policy looked at, in order</caption>
            <thead><tr><th scope="col">Policy</th><th scope="col">Outcome</th></tr></thead>
            <tbody>${x.steps.map((s) => html`<tr class=${s.outcome === 'MATCHED' ? 'matched' : ''}>
              <th scope="row" data-label="Policy">${s.policyName}</th>
              <td data-label="Outcome">${OUTCOMES[s.outcome] ?? s.outcome.toLowerCase()}</td></tr>`)}</tbody>
          </table>
        </div>` : ''}`;
  }

  async explain(event) {
    event.preventDefault();
    const form = event.target;
    this.question = {
      sender: read(form, 'x-sender') ?? '', recipient: read(form, 'x-recipient') ?? '',
      client: read(form, 'x-client') ?? '', authenticated: read(form, 'x-authenticated', 'boolean'),
    };
    try {
      this.explanation = await api('GET', `/policies/resolve${query({ ...this.question, authenticated: this.question.authenticated ? 'true' : '' })}`);
      this.errors = null;
      this.error = null;
    } catch (e) {
      this.explanation = null;
      this.errors = e instanceof ApiError ? e.problem?.errors : null;
      this.error = this.errors ? null : e.message;
      await this.updateComplete;
      this.querySelector('form [aria-invalid="true"]')?.focus();
    }
  }
}
customElements.define('sluice-policies', SluicePolicies);
