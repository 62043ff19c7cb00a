// My senders: a mailbox owner's own lists. Mail from a blocked sender is refused for them; mail
// from an allowed sender skips the spam checks (never the virus checks). An entry is an address or
// @domain.
import { html } from 'lit';
import { ConsolePage } from './page.js';
import { api } from './api.js';
import { control, errorFor, read } from './fields.js';
import { time } from './format.js';

export class SluiceSenders extends ConsolePage {
  static properties = {
    ...ConsolePage.properties, entries: { state: true }, draft: { state: true }, errors: { state: true },
    notice: { state: true }, error: { state: true },
  };

  async load() {
    try {
      this.entries = (await api('GET', '/senders')).items;
    } catch (e) {
      this.error = e.message;
    }
  }

  render() {
    const d = this.draft ?? { kind: 'ALLOW' };
    return html`
      <h1 tabindex="-1">My senders</h1>
      <p class="quiet">Mail from a blocked sender is refused for ${this.session?.username}; mail from an allowed sender
        skips the spam checks (never the virus checks). An entry is an address or a domain written as @example.com.</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <p class="notice" role="status" aria-live="polite">${this.notice ?? ''}</p>
      ${this.entries ? html`
        <div class="scroll"><table class="list">
          <caption class="visually-hidden">My senders</caption>
          <thead><tr><th scope="col">Sender</th><th scope="col">List</th><th scope="col">Added</th><th scope="col">Change</th></tr></thead>
          <tbody>${this.entries.map((e) => html`<tr>
            <td data-label="Sender">${e.sender}</td><td data-label="List">${e.kind.toLowerCase()}</td>
            <td data-label="Added">${time(e.createdAt)}</td>
            <td data-label="Change"><button type="button" class="danger" aria-label=${`Remove ${e.sender}`}
              @click=${() => this.remove(e)}>Remove</button></td></tr>`)}</tbody>
        </table></div>` : html`<p aria-live="polite">Loading…</p>`}
      <form class="settings" @submit=${this.add} novalidate aria-labelledby="new-sender">
        <fieldset>
          <legend id="new-sender">Add a sender</legend>
          <div class="grid">
            ${control({ id: 's-sender', label: 'Sender address or @domain', value: d.sender, error: errorFor(this.errors, 'sender') })}
            ${control({ id: 's-kind', label: 'List', kind: ['ALLOW', 'BLOCK'], value: d.kind, error: errorFor(this.errors, 'kind') })}
          </div>
          <div class="buttons"><button type="submit">Add</button></div>
        </fieldset>
      </form>`;
  }

  async add(event) {
    event.preventDefault();
    const entry = { sender: read(event.target, 's-sender'), kind: read(event.target, 's-kind') };
    this.draft = entry;
    if (await this.change(`${entry.sender} is on your ${entry.kind.toLowerCase()} list now.`,
      () => api('POST', '/senders', { body: JSON.stringify(entry) }))) {
      this.draft = null;
    }
  }

  remove(e) {
    return this.change(`Removed ${e.sender}.`, () => api('DELETE', `/senders/${encodeURIComponent(e.sender)}`));
  }
}
customElements.define('sluice-senders', SluiceSenders);
