// Settings: the run-time settings (GET/PUT /settings) as one form, each complaint of the API shown
// at its field. An auditor sees them without being able to change them.
import { html } from 'lit';
import { ConsolePage } from './page.js';
import { keyed } from 'lit/directives/keyed.js';
import { api, ApiError } from './api.js';
import { control, errorFor, read } from './fields.js';

/** The settings document's groups and fields, in the order the form shows them. */
const GROUPS = [
  { title: 'General', fields: [
    ['adminAddress', 'Administrator address (notifications)', 'text'],
    ['headerPrefix', 'Prefix of added header fields', 'text', 'e.g. X- for X-Spam-Score'],
    ['internalNetworks', 'Internal networks', 'lines', 'One CIDR block or address a line; their mail is outbound'],
  ] },
  { title: 'Virus scanning', group: 'virus', fields: [
    ['engines', 'Engines', ['EMBEDDED', 'CLAMD', 'BOTH']],
    ['onFailure', 'When an engine fails', ['TEMPFAIL', 'PASS']],
    ['clamdAddress', 'clamd address', 'text', 'host:port or unix:/path'],
    ['clamdStreamMaxBytes', 'clamd stream limit (octets)', 'number'],
  ] },
  { title: 'Spam scoring', group: 'spam', fields: [
    ['engine', 'Engine', ['EMBEDDED', 'SPAMD', 'RSPAMD', 'NONE']],
    ['onFailure', 'When the engine fails', ['TEMPFAIL', 'PASS']],
    ['spamdAddress', 'spamd address', 'text'],
    ['rspamdAddress', 'Rspamd address', 'text'],
    ['bayesMinSpam', 'Bayes counts after spam messages', 'number'],
    ['bayesMinHam', 'Bayes counts after ham messages', 'number'],
  ] },
  { title: 'Analysis limits', group: 'scanning', fields: [
    ['engineTimeoutMillis', 'Engine timeout (ms)', 'number'],
    ['maxDepth', 'Nesting depth', 'number'],
    ['maxParts', 'Parts', 'number'],
    ['maxExpandedBytes', 'Expanded size (octets)', 'number'],
    ['maxRatio', 'Expansion ratio', 'number'],
  ] },
  { title: 'Retention (days)', group: 'retention', fields: [
    ['quarantineDays', 'Quarantine', 'number'],
    ['trackingDays', 'Tracking log', 'number'],
    ['auditDays', 'Audit log', 'number'],
  ] },
  { title: 'Notifications', group: 'notifications', fields: [
    ['senderOnVirus', 'Tell the sender of a virus', 'boolean'],
    ['quarantineDigest', 'Send quarantine digests', 'boolean'],
    ['digestIntervalSeconds', 'Digest interval (s)', 'number'],
    ['consoleUrl', 'Console address for digest links (https://…/)', 'text'],
  ] },
  { title: 'Connections (0 = no limit)', group: 'connections', fields: [
    ['maxTotal', 'Connections in all', 'number'],
    ['maxPerAddress', 'Connections per address', 'number'],
    ['connectionsPerInterval', 'New connections per address per interval', 'number'],
    ['messagesPerInterval', 'Messages per address per interval', 'number'],
    ['recipientsPerInterval', 'Recipients per address per interval', 'number'],
    ['intervalSeconds', 'Interval (s)', 'number'],
    ['maxErrors', 'Refused commands before closing', 'number'],
    ['errorDelayMillis', 'Delay before closing (ms)', 'number'],
    ['greetPauseMillis', 'Greeting pause (ms)', 'number'],
    ['authFailuresPerInterval', 'Failed AUTH per address per interval', 'number'],
    ['authFailureIntervalSeconds', 'Failed AUTH interval (s)', 'number'],
  ] },
  // the block lists (dnsLists) are a list of records: the API changes them; the form leaves them as they are
  { title: 'Sender checks (DNS)', group: 'senderChecks', fields: [
    ['dnsServers', 'DNS resolvers', 'lines', 'One address or address:port a line; none: the system\'s'],
    ['dnsTimeoutMillis', 'DNS timeout (ms)', 'number'],
    ['spf', 'Check SPF at MAIL', 'boolean'],
    ['dkim', 'Verify DKIM and ARC at the end of data', 'boolean'],
    ['dmarc', 'Check DMARC (the default policy refuses or holds what fails)', 'boolean'],
    ['arcSeal', 'Seal inbound mail with ARC', ['OFF', 'CHANGED', 'ALL'],
      'changed: only mail whose change (subject tag, disclaimer…) breaks a signature that passed; needs DKIM or DMARC on'],
    ['arcSealDomain', 'ARC sealing domain', 'text', 'Its active DKIM key seals'],
    ['greylisting', 'Greylisting at RCPT', 'boolean'],
    ['greylistDelaySeconds', 'Greylisting delay (s)', 'number'],
    ['greylistWindowSeconds', 'Greylisting retry window (s)', 'number'],
    ['greylistAllowSeconds', 'Networks that retried pass for (s)', 'number'],
    ['greylistExempt', 'Never greylisted', 'lines', 'One CIDR block or sender domain a line'],
    ['greylistExemptSpfPass', 'Never greylist an SPF pass', 'boolean'],
  ] },
  { title: 'DMARC reports and overrides', group: 'dmarc', fields: [
    ['reports', 'Send aggregate reports to the domains\' rua= addresses', 'boolean'],
    ['reportSender', 'Reports come from (address)', 'text', 'e.g. dmarc-reports@gateway.example; required while reports are on'],
    ['reportOrganisation', 'Reporting organisation', 'text'],
    ['reportIntervalSeconds', 'One report covers (s)', 'number', '86400: daily'],
    ['localPolicyDomains', 'Author domains whose policy is not carried out', 'lines', 'One domain a line, with its subdomains'],
    ['trustedForwarders', 'Trusted forwarders', 'lines', 'One CIDR block or address a line'],
    ['trustedArcSealers', 'Trusted ARC sealers', 'lines', 'One domain a line; their passing ARC chain lets a DMARC failure through'],
  ] },
];

const path = (group, name) => (group ? `${group}.${name}` : name);
const fieldId = (group, name) => `s-${path(group, name).replace('.', '-')}`;

export class SluiceSettings extends ConsolePage {
  static properties = {
    settings: { state: true }, draft: { state: true }, generation: { state: true }, errors: { state: true }, notice: { state: true }, error: { state: true }, busy: { state: true },
  };

  async load() {
    try {
      this.settings = await api('GET', '/settings');
      // what the form shows: the stored settings, or what was typed when they were not saved
      this.draft = this.settings;
      this.errors = null;
      this.error = null;
      this.generation = (this.generation ?? 0) + 1; // a fresh form: what was typed is discarded
    } catch (e) {
      this.error = e.message;
    }
  }

  render() {
    const s = this.draft;
    const readOnly = this.session?.role !== 'admin';
    return html`
      <h1 tabindex="-1">Settings</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <p class="notice" role="status" aria-live="polite">${this.notice ?? ''}</p>
      ${s ? keyed(this.generation, html`
        <form class="settings" @submit=${this.save} novalidate>
          ${GROUPS.map((g) => html`
            <fieldset ?disabled=${readOnly}>
              <legend>${g.title}</legend>
              <div class="grid">
                ${g.fields.map(([name, label, kind, hint]) => control({
                  id: fieldId(g.group, name), label, kind, hint,
                  value: g.group ? s[g.group]?.[name] : s[name],
                  error: errorFor(this.errors, path(g.group, name)),
                }))}
              </div>
            </fieldset>`)}
          ${readOnly ? html`<p class="quiet">Your role may read the settings, not change them.</p>`
            : html`<div class="buttons"><button type="submit" ?disabled=${this.busy}>Save settings</button>
              <button type="button" class="secondary" @click=${this.load}>Discard changes</button></div>`}
        </form>`) : html`<p aria-live="polite">Loading…</p>`}`;
  }

  async save(event) {
    event.preventDefault();
    const form = event.target;
    const body = { version: this.settings.version };
    for (const g of GROUPS) {
      const target = g.group ? (body[g.group] = {}) : body;
      for (const [name, , kind] of g.fields) target[name] = read(form, fieldId(g.group, name), Array.isArray(kind) ? 'text' : kind);
    }
    this.busy = true;
    try {
      this.settings = await api('PUT', '/settings', { body: JSON.stringify(body) });
      this.draft = this.settings;
      this.errors = null;
      this.error = null;
      this.notice = 'Saved.';
    } catch (e) {
      this.notice = null;
      this.draft = body;
      this.errors = e instanceof ApiError ? e.problem?.errors : null;
      this.error = e instanceof ApiError && (e.status === 409 || e.status === 412)
        ? 'Someone else changed the settings meanwhile: discard your changes to see theirs.'
        : `Not saved: ${e.message}`;
      await this.updateComplete;
      this.querySelector('[aria-invalid="true"]')?.focus();
    } finally {
      this.busy = false;
    }
  }
}
customElements.define('sluice-settings', SluiceSettings);
