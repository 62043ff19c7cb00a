// Templates: the notification texts (GET/PUT/DELETE /templates/NAME), edited with a preview filled
// with example values (POST /templates/NAME/preview) before they are saved. The built-in ones can be
// changed, not deleted. Auditors read them.
import { html } from 'lit';
import { ConsolePage } from './page.js';
import { keyed } from 'lit/directives/keyed.js';
import { api, ApiError } from './api.js';
import { control, errorFor, read } from './fields.js';

const PLACEHOLDERS = '${queueId} ${sender} ${recipients} ${subject} ${virus} ${spamScore} ${policy} ${action} '
  + '${reason} ${hostname}; the digest: ${count} ${list}';

export class SluiceTemplates extends ConsolePage {
  static properties = {
    templates: { state: true }, chosen: { state: true }, draft: { state: true }, preview: { state: true },
    errors: { state: true }, notice: { state: true }, error: { state: true }, generation: { state: true },
  };

  constructor() {
    super();
    this.generation = 0;
  }

  async load() {
    try {
      this.templates = (await api('GET', '/templates?size=500')).items;
      if (this.chosen) this.chosen = this.templates.find((t) => t.name === this.chosen.name) ?? null;
    } catch (e) {
      this.error = e.message;
    }
  }

  render() {
    return html`
      <h1 tabindex="-1">Templates</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <p class="notice" role="status" aria-live="polite">${this.notice ?? ''}</p>
      <p class="quiet">The texts of the notifications. Placeholders: ${PLACEHOLDERS}.</p>
      ${this.templates ? html`
        <div class="scroll">
          <table class="list">
            <caption class="visually-hidden">Notification templates</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Subject</th><th scope="col">Open</th></tr></thead>
            <tbody>${this.templates.map((t) => html`<tr class=${this.chosen?.name === t.name ? 'matched' : ''}>
              <th scope="row" data-label="Name">${t.name}</th>
              <td data-label="Subject">${t.subject}</td>
              <td data-label="Open"><button type="button" class="secondary" aria-label=${`Open ${t.name}`}
                @click=${() => this.open(t)}>${this.admin ? 'Edit' : 'Read'}</button></td></tr>`)}</tbody>
          </table>
        </div>
        ${keyed(this.generation, this.editor())}` : html`<p aria-live="polite">Loading…</p>`}`;
  }

  /** The chosen template, or a new one; after a refusal, what was typed. */
  editor() {
    if (!this.admin && !this.chosen) return '';
    const t = this.draft ?? this.chosen ?? {};
    const title = this.chosen ? `Template ${this.chosen.name}` : 'New template';
    const p = this.preview;
    return html`
      <form class="settings" @submit=${this.save} novalidate aria-labelledby="template-form">
        <fieldset ?disabled=${!this.admin}>
          <legend id="template-form">${title}</legend>
          <div class="grid wide">
            ${this.chosen ? '' : control({ id: 't-name', label: 'Name', value: t.name, hint: 'lower-case letters, digits and dashes',
              error: errorFor(this.errors, 'name') })}
            ${control({ id: 't-subject', label: 'Subject', value: t.subject, error: errorFor(this.errors, 'subject') })}
            <div class="field"><label for="t-body">Body</label>
              <textarea id="t-body" name="t-body" rows="10" aria-invalid=${errorFor(this.errors, 'body') ? 'true' : 'false'}
                aria-describedby=${errorFor(this.errors, 'body') ? 't-body-error' : ''} .value=${t.body ?? ''}></textarea>
              ${errorFor(this.errors, 'body') ? html`<small id="t-body-error" class="error">${errorFor(this.errors, 'body')}</small>` : ''}</div>
          </div>
        </fieldset>
        ${this.admin ? html`<div class="buttons">
          <button type="button" class="secondary" @click=${this.showPreview}>Preview</button>
          <button type="submit">${this.chosen ? 'Save template' : 'Add template'}</button>
          ${this.chosen ? html`<button type="button" class="danger" @click=${this.deleteTemplate}>Delete</button>
            <button type="button" class="secondary" @click=${() => this.open(null)}>New template</button>` : ''}
        </div>` : ''}
      </form>
      ${p ? html`<section class="preview" aria-labelledby="preview-title">
        <h2 id="preview-title">Preview</h2>
        <p><strong>Subject:</strong> <span id="preview-subject">${p.subject}</span></p>
        <pre id="preview-body">${p.body}</pre>
      </section>` : ''}`;
  }

  open(t) {
    this.chosen = t;
    this.draft = null;
    this.errors = null;
    this.preview = null;
    this.generation++;
    this.updateComplete.then(() => this.querySelector('#t-subject')?.focus());
  }

  /** What the form holds now. */
  typed() {
    const form = this.querySelector('form.settings');
    return {
      name: this.chosen ? this.chosen.name : read(form, 't-name'),
      subject: read(form, 't-subject'),
      body: form.elements.namedItem('t-body').value,
      version: this.chosen?.version ?? null,
    };
  }

  async showPreview() {
    const t = this.typed();
    try {
      this.preview = await api('POST', `/templates/${encodeURIComponent(t.name ?? 'new')}/preview`, { body: JSON.stringify(t) });
      this.errors = null;
      this.error = null;
    } catch (e) {
      this.refused(e, t);
    }
  }

  async save(event) {
    event.preventDefault();
    const t = this.typed();
    if (!this.chosen && !/^[a-z0-9][a-z0-9-]{0,99}$/.test(t.name ?? '')) {
      // the name is part of the address: one the API would not take never reaches it
      this.refused(new ApiError(400, { detail: '1 field is invalid',
        errors: [{ field: 'name', message: 'must be lower-case letters, digits and dashes' }] }), t);
      return;
    }
    try {
      const saved = await api('PUT', `/templates/${encodeURIComponent(t.name ?? '')}`, { body: JSON.stringify(t) });
      this.notice = `Saved ${saved.name}.`;
      this.error = null;
      await this.load();
      this.open(this.templates.find((x) => x.name === saved.name) ?? saved);
    } catch (e) {
      this.refused(e, t);
    }
  }

  // not remove(): that is the DOM's, which Lit calls to take the page away
  async deleteTemplate() {
    const name = this.chosen.name;
    if (!confirm(`Delete the template ${name}?`)) return;
    try {
      await api('DELETE', `/templates/${encodeURIComponent(name)}`);
      this.notice = `Deleted ${name}.`;
      this.error = null;
      this.open(null);
      await this.load();
    } catch (e) {
      this.notice = null;
      this.error = `Not deleted: ${e.message}`;
    }
  }

  async refused(e, typed) {
    this.notice = null;
    this.draft = typed;
    this.errors = e instanceof ApiError ? e.problem?.errors : null;
    this.error = e.problem?.type === 'urn:sluice:problem:stale-version'
      ? 'Someone else changed it meanwhile: open it again to see theirs.' : `Not done: ${e.message}`;
    await this.updateComplete;
    this.querySelector('form [aria-invalid="true"]')?.focus();
  }
}
customElements.define('sluice-templates', SluiceTemplates);
