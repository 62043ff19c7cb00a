// The console's shell: login, the navigation, and the page the address (#/page/param) names.
import { LitElement, html } from 'lit';
import { current, logout } from './session.js';
import './login.js';

/**
 * The console's pages, in navigation order; a page is a custom element loaded when first shown.
 * Each names the roles that see it (the server refuses the others anyway), and gets the session
 * and the rest of the address.
 */
const ALL = ['admin', 'auditor'];
const PAGES = [
  { path: 'dashboard', label: 'Dashboard', tag: 'sluice-dashboard', module: './dashboard.js', roles: ALL },
  { path: 'policies', label: 'Policies', tag: 'sluice-policies', module: './policies.js', roles: [...ALL, 'domainadmin'] },
  { path: 'addresses', label: 'Addresses', tag: 'sluice-addresses', module: './addresses.js', roles: ALL },
  { path: 'quarantine', label: 'Quarantine', tag: 'sluice-quarantine', module: './quarantine.js',
    roles: [...ALL, 'domainadmin', 'mailbox'] },
  { path: 'tracking', label: 'Tracking', tag: 'sluice-tracking', module: './tracking.js', roles: [...ALL, 'domainadmin'] },
  { path: 'senders', label: 'My senders', tag: 'sluice-senders', module: './senders.js', roles: ['mailbox'] },
  { path: 'templates', label: 'Templates', tag: 'sluice-templates', module: './templates.js', roles: ALL },
  { path: 'settings', label: 'Settings', tag: 'sluice-settings', module: './settings.js', roles: ALL },
  { path: 'users', label: 'Users', tag: 'sluice-users', module: './users.js', roles: ALL },
  { path: 'audit', label: 'Audit log', tag: 'sluice-audit', module: './audit.js', roles: ALL },
];
/** A digest's link: shown to anyone holding it, logged in or not. */
const HELD = { path: 'held', label: 'Held message', tag: 'sluice-held', module: './held.js' };

/** The pages a session's role sees. */
function pagesFor(session) {
  return PAGES.filter((p) => p.roles.includes(session?.role));
}

function route(session) {
  const [path, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const param = rest.map(decodeURIComponent).join('/');
  if (path === HELD.path) return { page: HELD, param };
  const mine = pagesFor(session);
  return { page: mine.find((p) => p.path === path) ?? mine[0] ?? PAGES[0], param };
}

export class SluiceConsole extends LitElement {
  static properties = {
    session: { state: true },
    route: { state: true },
    failure: { state: true },
    loaded: { state: true },
  };

  constructor() {
    super();
    this.session = undefined; // not known yet
    this.route = route(null);
    this.loaded = new Set();
    window.addEventListener('hashchange', () => this.navigate());
    window.addEventListener('sluice-session-ended', () => {
      this.session = null;
    });
    this.addEventListener('sluice-logged-in', (e) => {
      this.session = e.detail;
      this.navigate();
    });
  }

  createRenderRoot() {
    return this;
  }

  async connectedCallback() {
    super.connectedCallback();
    try {
      this.session = await current();
      if (this.session || this.route.page === HELD) this.navigate();
    } catch (e) {
      this.failure = `The admin API cannot be reached: ${e.message}`;
    }
  }

  async navigate() {
    this.route = route(this.session);
    const { page } = this.route;
    document.title = `${page.label} · Sluice`;
    if (!this.loaded.has(page.tag)) {
      await import(page.module);
      this.loaded = new Set([...this.loaded, page.tag]);
    }
    await this.updateComplete;
    // a reader of the screen learns that the page changed: focus goes to its heading (not on the
    // first page shown, where the skip link comes first)
    if (this.shown) this.querySelector('main h1')?.focus();
    this.shown = true;
  }

  render() {
    if (this.failure) return html`<main id="content"><p class="error" role="alert">${this.failure}</p></main>`;
    if (this.session === undefined) return html`<main id="content"><p aria-live="polite">Loading…</p></main>`;
    const { page, param } = this.route;
    if (page === HELD) {
      return html`<main id="content" tabindex="-1">
        ${this.loaded.has(page.tag) ? this.page(page, param) : html`<p aria-live="polite">Loading…</p>`}</main>`;
    }
    if (this.session === null) return html`<sluice-login></sluice-login>`;
    return html`
      <a class="skip" href="#content" @click=${this.skip}>Skip to content</a>
      <header class="top">
        <span class="brand">Sluice</span>
        <nav aria-label="Main">
          <ul>
            ${pagesFor(this.session).map((p) => html`<li><a href="#/${p.path}" aria-current=${p === page ? 'page' : 'false'}>${p.label}</a></li>`)}
          </ul>
        </nav>
        <span class="who">${this.session.username} <span class="role">(${this.session.role})</span></span>
        <button type="button" class="secondary" @click=${this.logout}>Log out</button>
      </header>
      <main id="content" tabindex="-1">
        ${this.loaded.has(page.tag) ? this.page(page, param) : html`<p aria-live="polite">Loading…</p>`}
      </main>`;
  }

  /** The page's element, kept while the console is open so its state (search, selection) stays. */
  page(page, param) {
    this.elements ??= new Map();
    let element = this.elements.get(page.tag);
    if (!element) {
      element = document.createElement(page.tag);
      this.elements.set(page.tag, element);
    }
    element.session = this.session;
    element.param = param;
    return element;
  }

  skip(event) {
    event.preventDefault();
    this.querySelector('main')?.focus();
  }

  async logout() {
    await logout().catch(() => {});
    this.elements = new Map();
    this.session = null;
  }
}
customElements.define('sluice-console', SluiceConsole);
