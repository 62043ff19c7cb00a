// Tracking: search the log of transactions, and one transaction in full (replies, stage times,
// verdict, policy, actions, the sender checks' results).
import { LitElement, html } from 'lit';
import { api, query } from './api.js';
import { narrow } from './layout.js';
import { bytes, count, instant, millis, time } from './format.js';

const OUTCOMES = ['DELIVERED', 'QUARANTINED', 'REJECTED', 'DROPPED', 'DEFERRED'];
const VERDICTS = ['clean', 'spam', 'virus', 'unscannable', 'unscanned'];
const SPF = ['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror'];
const DKIM = ['pass', 'fail', 'neutral', 'temperror', 'permerror', 'policy', 'none'];
const DMARC = ['pass', 'fail', 'reject', 'quarantine', 'none', 'temperror', 'permerror'];
const GREYLIST = ['passed', 'known', 'exempt'];
const GREYLIST_TEXT = {
  passed: 'passed: the retry after the delay',
  known: 'known: passed before, or its network retried',
  exempt: 'exempt',
};
const PAGE_SIZE = 50;

export class SluiceTracking extends LitElement {
  static properties = {
    session: { attribute: false },
    param: { attribute: false },
    result: { state: true },
    record: { state: true },
    error: { state: true },
  };

  constructor() {
    super();
    this.filter = {};
    this.page = 0;
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

  willUpdate(changed) {
    if (changed.has('param')) {
      if (this.param) this.open(this.param);
      else {
        this.record = null;
        this.search();
      }
    }
  }

  async search() {
    try {
      const { fromLocal, untilLocal, ...filter } = this.filter;
      this.result = await api('GET', `/tracking${query({ ...filter, page: this.page, size: PAGE_SIZE })}`);
      this.error = null;
    } catch (e) {
      this.error = e.message;
    }
  }

  async open(queueId) {
    this.record = undefined;
    try {
      const r = await api('GET', `/tracking${query({ queueId })}`);
      this.record = r.items[0] ?? null;
      this.error = null;
    } catch (e) {
      this.error = e.message;
    }
  }

  render() {
    return this.param ? this.detail() : this.list();
  }

  list() {
    const f = this.filter;
    const r = this.result;
    return html`
      <h1 tabindex="-1">Tracking</h1>
      <details class="search" ?open=${!narrow()}><summary>Search filters</summary>
      <form class="search" @submit=${this.submitSearch} aria-label="Search the tracking log">
        ${field('t-queue', 'Queue id', 'queueId', f.queueId)}
        ${field('t-sender', 'Sender contains', 'sender', f.sender)}
        ${field('t-recipient', 'Recipient', 'recipient', f.recipient)}
        ${field('t-client', 'Client address', 'clientIp', f.clientIp)}
        ${choice('t-outcome', 'Outcome', 'outcome', OUTCOMES, f.outcome)}
        ${choice('t-verdict', 'Verdict', 'verdict', VERDICTS, f.verdict)}
        ${field('t-policy', 'Policy', 'policy', f.policy)}
        ${choice('t-spf', 'SPF', 'spf', SPF, f.spf)}
        ${choice('t-dkim', 'DKIM (any signature)', 'dkim', DKIM, f.dkim)}
        ${choice('t-dmarc', 'DMARC', 'dmarc', DMARC, f.dmarc)}
        ${choice('t-greylist', 'Greylisting', 'greylist', GREYLIST, f.greylist)}
        ${choice('t-listed', 'DNS block lists', 'listed', ['true', 'false'], f.listed, { true: 'listed', false: 'not listed' })}
        ${field('t-from', 'Received from', 'from', f.fromLocal, 'datetime-local')}
        ${field('t-until', 'Received before', 'until', f.untilLocal, 'datetime-local')}
        <div class="buttons"><button type="submit">Search</button></div>
      </form></details>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${r ? this.table(r) : html`<p aria-live="polite">Loading…</p>`}`;
  }

  table(r) {
    const pages = Math.ceil(r.total / PAGE_SIZE);
    return html`
      <p class="quiet">${count(r.total)} ${r.total === 1 ? 'transaction' : 'transactions'} match.</p>
      <div class="scroll">
        <table class="list">
          <caption class="visually-hidden">Transactions</caption>
          <thead><tr><th scope="col">Received</th><th scope="col">Queue id</th><th scope="col">Client</th>
            <th scope="col">Sender</th><th scope="col">Recipients</th><th scope="col">Size</th>
            <th scope="col">Verdict</th><th scope="col">Outcome</th><th scope="col">Policy</th></tr></thead>
          <tbody>${r.items.map((t) => html`<tr>
            <td data-label="Received">${time(t.receivedAt)}</td>
            <td data-label="Queue id"><a href="#/tracking/${encodeURIComponent(t.queueId)}">${t.queueId}</a></td>
            <td data-label="Client">${t.clientIp}</td><td data-label="Sender">${t.sender || '<>'}</td>
            <td data-label="Recipients">${t.recipients.join(', ')}</td><td data-label="Size">${bytes(t.size)}</td>
            <td data-label="Verdict">${t.verdict}</td>
            <td data-label="Outcome"><span class="outcome ${t.outcome.toLowerCase()}">${t.outcome.toLowerCase()}</span></td>
            <td data-label="Policy">${t.policy ?? ''}</td></tr>`)}</tbody>
        </table>
      </div>
      ${pages > 1 ? html`<nav class="pager" aria-label="Pages">
        <button type="button" class="secondary" ?disabled=${this.page === 0} @click=${() => this.turn(-1)}>Previous</button>
        <span>Page ${this.page + 1} of ${pages}</span>
        <button type="button" class="secondary" ?disabled=${this.page + 1 >= pages} @click=${() => this.turn(1)}>Next</button>
      </nav>` : ''}`;
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
      queueId: f.get('queueId'), sender: f.get('sender'), recipient: f.get('recipient'), clientIp: f.get('clientIp'),
      outcome: f.get('outcome'), verdict: f.get('verdict'), policy: f.get('policy'),
      spf: f.get('spf'), dkim: f.get('dkim'), dmarc: f.get('dmarc'), greylist: f.get('greylist'), listed: f.get('listed'),
      from: instant(from), until: instant(until), fromLocal: from, untilLocal: until,
    };
    this.page = 0;
    this.search();
  }

  detail() {
    const t = this.record;
    const back = html`<p><a href="#/tracking">← Back to tracking</a></p>`;
    if (t === undefined) return html`${back}<h1 tabindex="-1">Transaction ${this.param}</h1><p aria-live="polite">Loading…</p>`;
    if (t === null) {
      return html`${back}<h1 tabindex="-1">Transaction ${this.param}</h1>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p>The tracking log has no such transaction.</p>`}`;
    }
    return html`
      ${back}
      <h1 tabindex="-1">Transaction ${t.queueId}</h1>
      <dl class="facts">
        <dt>Outcome</dt><dd><span class="outcome ${t.outcome.toLowerCase()}">${t.outcome.toLowerCase()}</span>
          ${t.outcome === 'QUARANTINED' ? html` (<a href="#/quarantine/${encodeURIComponent(t.queueId)}">in the quarantine</a>)` : ''}</dd>
        <dt>Reply to the client</dt><dd><code>${t.reply}</code></dd>
        <dt>Reply of the mail server</dt><dd>${t.downstreamReply ? html`<code>${t.downstreamReply}</code>` : 'none (not relayed)'}</dd>
        <dt>Verdict</dt><dd>${t.verdict}</dd>
        <dt>Policy</dt><dd>${t.policy ?? ''}</dd>
        <dt>Actions</dt><dd>${t.actions ? t.actions.split(',').join(', ') : 'none'}</dd>
        <dt>Spam score</dt><dd>${t.spamScore ?? 'not scored'}${t.spamSymbols ? html` <span class="quiet">(${t.spamSymbols})</span>` : ''}</dd>
        <dt>Viruses</dt><dd>${t.viruses.length ? t.viruses.join(', ') : 'none'}</dd>
        <dt>Sender</dt><dd>${t.sender || '<>'}</dd>
        <dt>Recipients</dt><dd>${t.recipients.join(', ')}</dd>
        <dt>Size</dt><dd>${bytes(t.size)} (${count(t.size)} octets)</dd>
        <dt>Client</dt><dd>${t.clientIp}, HELO <code>${t.helo}</code>${t.tls ? ', TLS' : ', no TLS'}${t.authUser ? html`, logged in as ${t.authUser}` : ''}</dd>
      </dl>
      <h2>Sender checks</h2>
      <dl class="facts checks">
        <dt>SPF</dt><dd>${t.spf ?? 'not checked'}</dd>
        <dt>DKIM</dt><dd>${t.dkim ? lines(t.dkim) : 'not checked'}</dd>
        <dt>DMARC</dt><dd>${t.dmarc ?? 'not checked'}</dd>
        <dt>DNS block lists</dt><dd>${t.dnsbl ? lines(t.dnsbl) : 'nothing listed'}</dd>
        <dt>Greylisting</dt><dd>${t.greylist ? GREYLIST_TEXT[t.greylist] ?? t.greylist : 'not checked'}</dd>
      </dl>
      <h2>Times</h2>
      <dl class="facts">
        <dt>Received</dt><dd>${time(t.receivedAt)}</dd>
        <dt>Decided</dt><dd>${time(t.decidedAt)}</dd>
        <dt>Relayed</dt><dd>${t.relayedAt ? time(t.relayedAt) : 'not relayed'}</dd>
        <dt>Scanning</dt><dd>${millis(t.scanMillis) || 'not scanned'}</dd>
        <dt>Relay</dt><dd>${millis(t.relayMillis) || 'not relayed'}</dd>
        <dt>In all</dt><dd>${millis(t.totalMillis)}</dd>
      </dl>`;
  }
}

function field(id, label, name, value, type = 'text') {
  return html`<div class="field"><label for=${id}>${label}</label><input id=${id} name=${name} type=${type} .value=${value ?? ''}></div>`;
}

function choice(id, label, name, values, value, labels = {}) {
  return html`<div class="field"><label for=${id}>${label}</label>
    <select id=${id} name=${name}><option value="">any</option>
      ${values.map((v) => html`<option value=${v} ?selected=${value === v}>${labels[v] ?? v.toLowerCase()}</option>`)}</select></div>`;
}

/** "a; b" as the tracking log keeps several results, one per line. */
function lines(text) {
  const parts = text.split('; ');
  return parts.length === 1 ? text : html`<ul class="plain">${parts.map((p) => html`<li>${p}</li>`)}</ul>`;
}

customElements.define('sluice-tracking', SluiceTracking);
