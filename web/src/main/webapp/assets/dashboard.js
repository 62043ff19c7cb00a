// Dashboard: traffic per hour (last 24 hours) and per day (last 30 days) by outcome and verdict,
// octets, the top senders, recipients and viruses (GET /tracking/statistics), and the listeners,
// counters and downstream pool as they are now (GET /status, refreshed while the page is shown).
import { LitElement, html } from 'lit';
import { api } from './api.js';
import { bytes, count } from './format.js';
import { COLOURS } from './chart.js';
import './chart.js';

const OUTCOMES = ['DELIVERED', 'QUARANTINED', 'REJECTED', 'DROPPED', 'DEFERRED'];
const VERDICTS = ['clean', 'spam', 'virus', 'unscannable', 'unscanned'];
const OUTCOME_COLOURS = { DELIVERED: COLOURS[3], QUARANTINED: COLOURS[1], REJECTED: COLOURS[2], DROPPED: COLOURS[6], DEFERRED: COLOURS[0] };
const VERDICT_COLOURS = { clean: COLOURS[3], spam: COLOURS[1], virus: COLOURS[2], unscannable: COLOURS[4], unscanned: COLOURS[6] };
const REFRESH_MILLIS = 15000;

/** Every period from the range's start to its end, with the buckets that saw traffic filled in. */
function periods(statistics, step) {
  const start = Math.floor(Date.parse(statistics.from) / 1000 / step) * step;
  const end = Date.parse(statistics.until) / 1000;
  const times = [];
  for (let t = start; t < end; t += step) times.push(t);
  const byStart = new Map(statistics.buckets.map((b) => [Date.parse(b.start) / 1000, b]));
  return { times, bucket: (t) => byStart.get(t) };
}

function chart(statistics, step, pick, keys, colours) {
  const { times, bucket } = periods(statistics, step);
  const seen = keys.filter((k) => statistics.buckets.some((b) => (pick(b)?.[k] ?? 0) > 0));
  const shown = seen.length ? seen : keys.slice(0, 1);
  return {
    times,
    series: shown.map((k) => ({ label: k.toLowerCase(), colour: colours[k], values: times.map((t) => pick(bucket(t))?.[k] ?? 0) })),
  };
}

export class SluiceDashboard extends LitElement {
  static properties = { hourly: { state: true }, charts: { state: true }, status: { state: true }, error: { state: true } };

  createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
    this.timer = setInterval(() => this.refreshStatus(), REFRESH_MILLIS);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  async load() {
    try {
      const [hourly, daily, status] = await Promise.all([
        api('GET', '/tracking/statistics?per=hour'), api('GET', '/tracking/statistics?per=day'), api('GET', '/status')]);
      // computed once per load, so that the status refresh does not redraw the charts
      const charts = {
        hourByOutcome: chart(hourly, 3600, (b) => b?.byOutcome, OUTCOMES, OUTCOME_COLOURS),
        hourByVerdict: chart(hourly, 3600, (b) => b?.byVerdict, VERDICTS, VERDICT_COLOURS),
        hourOctets: chart(hourly, 3600, (b) => (b ? { octets: b.bytes } : undefined), ['octets'], { octets: COLOURS[0] }),
        dayByOutcome: chart(daily, 86400, (b) => b?.byOutcome, OUTCOMES, OUTCOME_COLOURS),
        dayByVerdict: chart(daily, 86400, (b) => b?.byVerdict, VERDICTS, VERDICT_COLOURS),
      };
      Object.assign(this, { hourly, daily, status, charts, error: null });
    } catch (e) {
      this.error = e.message;
    }
  }

  async refreshStatus() {
    try {
      this.status = await api('GET', '/status');
    } catch {
      // the next refresh tries again; a lost session shows the login form
    }
  }

  render() {
    return html`
      <h1 tabindex="-1">Dashboard</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <p><button type="button" class="secondary" @click=${this.load}>Refresh</button></p>
      ${this.hourly ? this.traffic() : html`<p aria-live="polite">Loading…</p>`}
      ${this.status ? this.server() : ''}`;
  }

  traffic() {
    const { hourly, charts } = this;
    const t = hourly.totals;
    return html`
      <section aria-labelledby="last-day">
        <h2 id="last-day">Last 24 hours</h2>
        <dl class="cards">
          <div><dt>Messages</dt><dd>${count(t.messages)}</dd></div>
          <div><dt>Octets</dt><dd>${bytes(t.bytes)}</dd></div>
          ${OUTCOMES.map((o) => html`<div><dt>${o.toLowerCase()}</dt><dd>${count(t.byOutcome[o])}</dd></div>`)}
        </dl>
        <div class="charts">
          <sluice-chart caption="Messages per hour by outcome" .format=${count}
            .data=${charts.hourByOutcome}></sluice-chart>
          <sluice-chart caption="Messages per hour by verdict" .format=${count}
            .data=${charts.hourByVerdict}></sluice-chart>
          <sluice-chart caption="Octets per hour" .format=${bytes}
            .data=${charts.hourOctets}></sluice-chart>
        </div>
        <div class="tops">
          ${this.top('Top senders', hourly.topSenders)}
          ${this.top('Top recipients', hourly.topRecipients)}
          ${this.top('Top viruses', hourly.topViruses)}
        </div>
        ${this.senderChecks(hourly.senderChecks)}
      </section>
      <section aria-labelledby="last-month">
        <h2 id="last-month">Last 30 days</h2>
        <div class="charts">
          <sluice-chart caption="Messages per day by outcome" .format=${count}
            .data=${charts.dayByOutcome}></sluice-chart>
          <sluice-chart caption="Messages per day by verdict" .format=${count}
            .data=${charts.dayByVerdict}></sluice-chart>
        </div>
      </section>`;
  }

  /** The sender checks' results, when any check was on (each counts only the messages it checked). */
  senderChecks(c) {
    const rows = (counts) => Object.entries(counts).map(([key, messages]) => ({ key, messages }))
      .sort((a, b) => b.messages - a.messages || a.key.localeCompare(b.key));
    const checked = [c.spf, c.dkim, c.dmarc, c.greylist].some((m) => Object.keys(m).length) || c.listed > 0;
    if (!checked) return '';
    return html`
      <h3>Sender checks</h3>
      <dl class="cards"><div><dt>DNSBL listings</dt><dd>${count(c.listed)}</dd></div></dl>
      <div class="tops">
        ${this.top('SPF results', rows(c.spf))}
        ${this.top('DKIM results', rows(c.dkim))}
        ${this.top('DMARC results', rows(c.dmarc))}
        ${this.top('Greylisting', rows(c.greylist))}
      </div>`;
  }

  top(title, rows) {
    const id = title.toLowerCase().replaceAll(' ', '-');
    const max = Math.max(1, ...rows.map((r) => r.messages));
    return html`
      <section class="top" aria-labelledby=${id}>
        <h3 id=${id}>${title}</h3>
        ${rows.length === 0 ? html`<p class="quiet">None</p>` : html`
          <ol>
            ${rows.map((r) => html`<li><span class="key">${r.key}</span>
              <meter min="0" max=${max} value=${r.messages} aria-label=${`${r.key}: ${r.messages} messages`}></meter>
              <span class="n">${count(r.messages)}</span></li>`)}
          </ol>`}
      </section>`;
  }

  server() {
    const s = this.status;
    return html`
      <section aria-labelledby="server">
        <h2 id="server">Gateway now <span class="quiet">(version ${s.version}, counters since start)</span></h2>
        <dl class="cards">
          <div><dt>Accepted</dt><dd>${count(s.messages.accepted)}</dd></div>
          <div><dt>Rejected</dt><dd>${count(s.messages.rejected)}</dd></div>
          <div><dt>Temporary failures</dt><dd>${count(s.messages.tempFailed)}</dd></div>
          <div><dt>Octets accepted</dt><dd>${bytes(s.messages.bytesAccepted)}</dd></div>
          <div><dt>Recipients accepted</dt><dd>${count(s.recipients.accepted)}</dd></div>
          <div><dt>Recipients refused</dt><dd>${count(s.recipients.refused)}</dd></div>
        </dl>
        <h3>SMTP listeners</h3>
        <div class="scroll">
          <table>
            <thead><tr><th scope="col">Address</th><th scope="col">Host name</th><th scope="col">Connections now</th>
              <th scope="col">Limit</th><th scope="col">Accepted</th><th scope="col">Refused</th></tr></thead>
            <tbody>${s.listeners.map((l) => html`<tr><th scope="row">${l.bindAddress}:${l.port}</th><td>${l.hostname}</td>
              <td>${count(l.activeConnections)}</td><td>${count(l.maxConnections)}</td><td>${count(l.acceptedConnections)}</td>
              <td>${count(l.refusedConnections)}</td></tr>`)}</tbody>
          </table>
        </div>
        <h3>Mail server behind Sluice (connection pool)</h3>
        <div class="scroll">
          <table>
            <thead><tr><th scope="col">Address</th><th scope="col">Open</th><th scope="col">In use</th><th scope="col">Created</th>
              <th scope="col">Closed</th><th scope="col">Failed connects</th></tr></thead>
            <tbody>${s.downstream.map((d) => html`<tr><th scope="row">${d.address}</th><td>${count(d.openConnections)}</td>
              <td>${count(d.inUseConnections)}</td><td>${count(d.createdConnections)}</td><td>${count(d.destroyedConnections)}</td>
              <td>${count(d.failedConnects)}</td></tr>`)}</tbody>
          </table>
        </div>
      </section>`;
  }
}
customElements.define('sluice-dashboard', SluiceDashboard);
