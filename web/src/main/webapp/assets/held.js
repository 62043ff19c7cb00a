// A digest's link: one held message shown safely to the recipient the link was made for, with one
// button that releases it to them alone. No login: the signed token in the address is the grant.
// Opening the page never releases anything (mail filters fetch links); only the button does.
import { html } from 'lit';
import { api } from './api.js';
import { bytes, time } from './format.js';
import { ConsolePage } from './page.js';
import { content } from './preview.js';

export class SluiceHeld extends ConsolePage {
  static properties = {
    ...ConsolePage.properties, view: { state: true }, notice: { state: true }, error: { state: true },
    busy: { state: true },
  };

  willUpdate(changed) {
    if (changed.has('param')) this.load();
  }

  get path() {
    return `/links/${encodeURIComponent(this.param ?? '')}`;
  }

  async load() {
    if (!this.param) return;
    try {
      this.view = await api('GET', this.path);
      this.error = null;
    } catch (e) {
      this.view = null;
      this.error = e.message;
    }
  }

  render() {
    const v = this.view;
    if (!v) {
      return html`<h1 tabindex="-1">Held message</h1>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p aria-live="polite">Loading…</p>`}`;
    }
    const m = v.message;
    return html`
      <h1 tabindex="-1">${m.subject || '(no subject)'}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <p class="notice" role="status" aria-live="polite">${this.notice ?? ''}</p>
      <div class="actions" role="group" aria-label="Act on this message">
        ${m.state === 'HELD' ? html`<button type="button" ?disabled=${this.busy} @click=${this.release}>
          Release to ${m.recipients.join(', ')}</button>` : html`<span class="state ${m.state.toLowerCase()}">
          ${m.state.toLowerCase().replaceAll('_', ' ')}</span>`}
      </div>
      <dl class="facts">
        <dt>Received</dt><dd>${time(m.receivedAt)}</dd>
        <dt>Sender</dt><dd>${m.sender || '<>'}</dd>
        <dt>For</dt><dd>${m.recipients.join(', ')}</dd>
        <dt>Held because</dt><dd>${m.reason}</dd>
        <dt>Size</dt><dd>${bytes(m.size)}</dd>
      </dl>
      ${content(v)}
      ${v.attachments.length ? html`<h2>Attachments</h2>
        <ul>${v.attachments.map((a) => html`<li>${a.name || '(unnamed)'} (${a.detectedType}, ${bytes(a.size)})</li>`)}</ul>` : ''}`;
  }

  async release() {
    this.busy = true;
    try {
      await api('POST', `${this.path}/release`);
      this.notice = 'Released: the message is on its way to you.';
      this.error = null;
      await this.load();
    } catch (e) {
      this.error = e.message;
    } finally {
      this.busy = false;
    }
  }
}
customElements.define('sluice-held', SluiceHeld);
