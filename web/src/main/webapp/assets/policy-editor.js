// One policy's editor: name, direction, the sender and recipient conditions and their exceptions,
// and the rules, each a filter and its actions in order. Only the fields a filter or action type
// uses are shown. The API checks everything; each complaint of its problem response is shown at
// its field ("rules[0].actions[1].code"), and the first one gets the focus.
import { html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { ConsolePage } from './page.js';
import { api, ApiError } from './api.js';
import { control, errorFor } from './fields.js';

const DIRECTIONS = ['BOTH', 'INBOUND', 'OUTBOUND'];
const KINDS = ['ANY', 'ADDRESS', 'DOMAIN', 'SUBDOMAINS', 'GROUP'];
const CONDITIONS = [
  ['senders', 'Senders', 'Sender'], ['recipients', 'Recipients', 'Recipient'],
  ['senderExceptions', 'Sender exceptions', 'Sender exception'],
  ['recipientExceptions', 'Recipient exceptions', 'Recipient exception'],
];

/** The fields each filter type uses, with their labels. */
const FILTERS = {
  ALWAYS: [], VIRUS: [], SENDER_AUTHENTICATED: [], UNSCANNABLE: [], ENCRYPTED_ARCHIVE: [],
  SPAM_SCORE: [['threshold', 'Score at least', 'number']],
  SIZE_OVER: [['threshold', 'Larger than (octets)', 'number']],
  HEADER: [['header', 'Header field', 'text'], ['pattern', 'Regular expression', 'text'],
    ['caseInsensitive', 'Ignore case', 'boolean']],
  SUBJECT: [['pattern', 'Text', 'text'], ['regex', 'The text is a regular expression', 'boolean'],
    ['caseInsensitive', 'Ignore case', 'boolean']],
  BODY: [['pattern', 'Text', 'text'], ['regex', 'The text is a regular expression', 'boolean'],
    ['caseInsensitive', 'Ignore case', 'boolean']],
  ATTACHMENT_NAME: [['pattern', 'File name (glob, e.g. *.exe)', 'text']],
  ATTACHMENT_TYPE: [['pattern', 'MIME type (glob, e.g. application/x-*)', 'text']],
  CLIENT_IP: [['pattern', 'Client networks (CIDR, comma-separated)', 'text']],
  SPF: [['pattern', 'SPF results (e.g. fail,softfail)', 'text']],
  DNSBL: [['pattern', 'Block list zones (comma-separated; empty: any)', 'text']],
  DKIM: [['pattern', 'DKIM results (e.g. fail,permerror)', 'text']],
  DMARC: [['pattern', 'DMARC results or dispositions (e.g. reject,quarantine)', 'text']],
  GREYLISTED: [['pattern', 'Greylisting results (passed, known, exempt)', 'text']],
};

/** The fields each action type uses, with their labels. */
const ACTIONS = {
  DELIVER: [], DROP: [], QUARANTINE: [],
  REJECT: [['code', 'Reply code', 'number'], ['status', 'Enhanced status', 'text'], ['text', 'Reply text', 'text']],
  TAG_SUBJECT: [['text', 'Subject tag', 'text']],
  ADD_HEADER: [['header', 'Header field', 'text'], ['value', 'Value', 'text']],
  REMOVE_HEADER: [['header', 'Header field', 'text']],
  STRIP_ATTACHMENT: [['value', 'File names (glob, e.g. *.exe)', 'text']],
  DISCLAIMER: [['text', 'Disclaimer', 'textarea']],
  ARCHIVE: [['address', 'Archive address', 'text']],
  REDIRECT: [['address', 'Redirect to', 'text']],
  NOTIFY: [['target', 'Notify', ['ADMIN', 'SENDER', 'RECIPIENTS']], ['template', 'Template (empty: the built-in one)', 'text']],
};

/** The complaint about exactly this field, not about those inside it (they are shown at their own). */
function exactly(errors, path) {
  return (errors ?? []).find((e) => e.field === path)?.message ?? null;
}

const EMPTY = {
  name: '', description: '', enabled: true, direction: 'BOTH', senders: [{ kind: 'ANY' }], recipients: [{ kind: 'ANY' }],
  senderExceptions: [], recipientExceptions: [], rules: [],
};

export class SluicePolicyEditor extends ConsolePage {
  static properties = {
    ...ConsolePage.properties, draft: { state: true }, errors: { state: true }, error: { state: true },
    busy: { state: true }, generation: { state: true },
  };

  willUpdate(changed) {
    if (changed.has('param')) this.load();
  }

  get creating() {
    return this.param === 'new';
  }

  async load() {
    if (!this.param || (this.draft && this.loadedFor === this.param)) return;
    this.loadedFor = this.param;
    this.errors = null;
    this.error = null;
    try {
      this.draft = this.creating ? structuredClone(EMPTY) : await api('GET', `/policies/${encodeURIComponent(this.param)}`);
    } catch (e) {
      this.error = e.message;
    }
  }

  render() {
    const d = this.draft;
    const title = this.creating ? 'New policy' : `Policy ${d?.name ?? ''}`;
    if (!d) return html`<h1 tabindex="-1">${title}</h1>${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p aria-live="polite">Loading…</p>`}`;
    const err = (path) => errorFor(this.errors, path);
    return html`
      <p><a href="#/policies">← Back to the policies</a></p>
      <h1 tabindex="-1">${title}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${keyed(this.generation, html`<form class="settings policy-editor" @submit=${this.save} @change=${this.sync} novalidate>
        <fieldset ?disabled=${!this.editor}>
          <legend>Policy</legend>
          <div class="grid">
            ${control({ id: 'pe-name', label: 'Name', value: d.name, error: err('name') })}
            ${control({ id: 'pe-description', label: 'Description', value: d.description, error: err('description') })}
            ${d.isDefault ? '' : control({ id: 'pe-direction', label: 'Direction', kind: DIRECTIONS, value: d.direction,
              hint: 'inbound: from outside; outbound: authenticated or from an internal network', error: err('direction') })}
            ${d.isDefault ? '' : control({ id: 'pe-enabled', label: 'Enabled', kind: 'boolean', value: d.enabled })}
          </div>
        </fieldset>
        ${d.isDefault ? html`<p class="quiet">The default policy applies to every sender and recipient no other policy claims.</p>`
          : CONDITIONS.map(([list, legend, one]) => this.conditions(list, legend, one))}
        <h2>Rules</h2>
        <p class="quiet">Every rule whose filter matches adds its actions, in order; the strongest disposition wins
          (reject, then drop, then quarantine, then deliver).</p>
        ${d.rules.map((r, i) => this.rule(r, i))}
        ${this.editor ? html`<div class="buttons">
          <button type="button" class="secondary" @click=${this.addRule}>Add rule</button>
          <button type="submit" ?disabled=${this.busy}>${this.creating ? 'Create policy' : 'Save policy'}</button>
        </div>` : ''}
      </form>`)}`;
  }

  conditions(list, legend, one) {
    const items = this.draft[list];
    return html`<fieldset ?disabled=${!this.editor}>
      <legend>${legend}</legend>
      ${errorFor(this.errors, list) && !items.length ? html`<small class="error" id="pe-${list}-error">${errorFor(this.errors, list)}</small>` : ''}
      ${items.map((m, i) => html`<div class="grid row">
        ${control({ id: `pe-${list}-${i}-kind`, label: `${one} ${i + 1}: kind`, kind: KINDS, value: m.kind,
          error: errorFor(this.errors, `${list}[${i}].kind`) })}
        ${m.kind === 'ANY' ? '' : control({ id: `pe-${list}-${i}-value`, label: `${one} ${i + 1}: ${m.kind === 'GROUP' ? 'group' : 'value'}`,
          value: m.value, error: errorFor(this.errors, `${list}[${i}].value`) })}
        <div class="field"><button type="button" class="secondary" aria-label=${`Remove ${one.toLowerCase()} ${i + 1}`}
          @click=${() => this.edit((d) => d[list].splice(i, 1))}>Remove</button></div>
      </div>`)}
      <div class="buttons"><button type="button" class="secondary"
        @click=${() => this.edit((d) => d[list].push({ kind: list.endsWith('Exceptions') ? 'ADDRESS' : 'DOMAIN', value: '' }))}>
        Add ${one.toLowerCase()}</button></div>
    </fieldset>`;
  }

  rule(r, i) {
    const at = `rules[${i}]`;
    const fields = FILTERS[r.filter?.type] ?? [];
    return html`<fieldset class="rule" ?disabled=${!this.editor}>
      <legend>Rule ${i + 1}${r.name ? `: ${r.name}` : ''}</legend>
      <div class="grid">
        ${control({ id: `pe-r${i}-name`, label: `Rule ${i + 1}: name`, value: r.name, error: errorFor(this.errors, `${at}.name`) })}
        ${control({ id: `pe-r${i}-filter`, label: `Rule ${i + 1}: filter`, kind: Object.keys(FILTERS), value: r.filter?.type,
          error: exactly(this.errors, `${at}.filter.type`) ?? exactly(this.errors, `${at}.filter`) })}
        ${fields.map(([name, label, kind]) => control({ id: `pe-r${i}-f-${name}`, label: `Rule ${i + 1}: ${label}`, kind,
          value: r.filter?.[name], error: errorFor(this.errors, `${at}.filter.${name}`) }))}
      </div>
      <h3>Actions</h3>
      ${errorFor(this.errors, `${at}.actions`) && !r.actions.length ? html`<small class="error">${errorFor(this.errors, `${at}.actions`)}</small>` : ''}
      ${r.actions.map((a, j) => this.action(a, i, j))}
      <div class="buttons">
        <button type="button" class="secondary" @click=${() => this.edit((d) => d.rules[i].actions.push({ type: 'QUARANTINE' }))}>
          Add action to rule ${i + 1}</button>
        <button type="button" class="danger" @click=${() => this.edit((d) => d.rules.splice(i, 1))}>Remove rule ${i + 1}</button>
      </div>
    </fieldset>`;
  }

  action(a, i, j) {
    const at = `rules[${i}].actions[${j}]`;
    const label = `Rule ${i + 1}, action ${j + 1}`;
    return html`<div class="grid row">
      ${control({ id: `pe-r${i}-a${j}-type`, label: `${label}: type`, kind: Object.keys(ACTIONS), value: a.type,
        error: exactly(this.errors, `${at}.type`) ?? exactly(this.errors, at) })}
      ${(ACTIONS[a.type] ?? []).map(([name, text, kind]) => control({ id: `pe-r${i}-a${j}-${name}`, label: `${label}: ${text}`,
        kind: kind === 'textarea' ? 'lines' : kind, value: kind === 'textarea' ? (a[name] ?? '').split('\n') : a[name],
        error: errorFor(this.errors, `${at}.${name}`) }))}
      <div class="field"><button type="button" class="secondary" aria-label=${`Remove ${label.toLowerCase()}`}
        @click=${() => this.edit((d) => d.rules[i].actions.splice(j, 1))}>Remove</button></div>
    </div>`;
  }

  /** The form as a policy: what is typed now, in the shape the API takes. */
  collect() {
    const form = this.querySelector('form.policy-editor');
    const d = structuredClone(this.draft);
    if (!form) return d;
    const value = (id) => form.elements.namedItem(id);
    const text = (id) => (value(id) ? (value(id).value === '' ? null : value(id).value) : undefined);
    const set = (target, key, v) => { if (v !== undefined) target[key] = v; };
    set(d, 'name', text('pe-name') ?? '');
    set(d, 'description', text('pe-description'));
    set(d, 'direction', text('pe-direction'));
    if (value('pe-enabled')) d.enabled = value('pe-enabled').checked;
    for (const [list] of CONDITIONS) {
      d[list] = (d[list] ?? []).map((m, i) => {
        const kind = text(`pe-${list}-${i}-kind`) ?? m.kind;
        return kind === 'ANY' ? { kind } : { kind, value: text(`pe-${list}-${i}-value`) ?? (m.kind === 'ANY' ? '' : m.value) };
      });
    }
    d.rules = d.rules.map((r, i) => {
      const type = text(`pe-r${i}-filter`) ?? r.filter?.type;
      const filter = { type };
      for (const [name, , kind] of FILTERS[type] ?? []) {
        const el = value(`pe-r${i}-f-${name}`);
        if (kind === 'boolean') filter[name] = el ? el.checked : Boolean(r.filter?.[name]);
        else if (kind === 'number') filter[name] = el ? (el.value.trim() === '' ? null : Number(el.value)) : r.filter?.[name];
        else filter[name] = el ? (el.value === '' ? null : el.value) : r.filter?.[name];
      }
      const actions = r.actions.map((a, j) => {
        const at = text(`pe-r${i}-a${j}-type`) ?? a.type;
        const action = { type: at };
        for (const [name, , kind] of ACTIONS[at] ?? []) {
          const el = value(`pe-r${i}-a${j}-${name}`);
          if (!el) action[name] = a[name];
          else if (kind === 'number') action[name] = el.value.trim() === '' ? null : Number(el.value);
          else action[name] = el.value === '' ? null : el.value;
        }
        return action;
      });
      return { name: text(`pe-r${i}-name`) ?? r.name ?? null, filter, actions };
    });
    return d;
  }

  /** Keeps what is typed: a changed filter or action type shows its own fields at once. */
  sync(event) {
    if (event.target.tagName === 'SELECT') this.draft = this.collect();
  }

  /**
   * A change of the form's shape (a row added or removed), keeping what is typed. The form is drawn
   * afresh (rows after a removed one would otherwise keep the removed one's typing), and the focus
   * goes back to the button of the same name, or to the form's first field.
   */
  async edit(change) {
    const d = this.collect();
    change(d);
    const pressed = document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim();
    this.generation = (this.generation ?? 0) + 1;
    this.draft = d;
    await this.updateComplete;
    const again = [...this.querySelectorAll('form.policy-editor button')]
      .find((b) => (b.getAttribute('aria-label') ?? b.textContent.trim()) === pressed);
    (again ?? this.querySelector('form.policy-editor input, form.policy-editor select'))?.focus();
  }

  addRule() {
    this.edit((d) => d.rules.push({ name: '', filter: { type: 'SPAM_SCORE', threshold: 5 }, actions: [{ type: 'QUARANTINE' }] }));
  }

  async save(event) {
    event.preventDefault();
    const policy = this.collect();
    this.draft = policy;
    this.busy = true;
    try {
      const saved = this.creating
        ? await api('POST', '/policies', { body: JSON.stringify(policy) })
        : await api('PUT', `/policies/${policy.id}`, { body: JSON.stringify(policy) });
      this.errors = null;
      this.error = null;
      this.draft = null;
      this.loadedFor = null;
      this.dispatchEvent(new CustomEvent('sluice-policy-saved', {
        bubbles: true, detail: `${this.creating ? 'Created' : 'Saved'} ${saved.name}.` }));
      location.hash = '#/policies';
    } catch (e) {
      this.errors = e instanceof ApiError ? e.problem?.errors : null;
      this.error = e.problem?.type === 'urn:sluice:problem:stale-version'
        ? 'Someone else changed this policy meanwhile: go back to the list and open it again.' : e.message;
      await this.updateComplete;
      this.querySelector('form [aria-invalid="true"]')?.focus();
    } finally {
      this.busy = false;
    }
  }
}
customElements.define('sluice-policy-editor', SluicePolicyEditor);
