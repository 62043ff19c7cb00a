// The console's shell: login, the navigation, and the page the address (#/page/param) names.
import { LitElement, html } from 'lit';
import { current, logout } from './session.js';
import './login.js';

/**
 * The console's pages, in navigation order; a page is a custom element loaded when first shown.
 * A page may be for changes only (roles), and gets the session and the rest of the address.
 */
const PAGES = [
  { path: 'dashboard', label: 'Dashboard', tag: 'sluice-dashboard', module: './dashboard.js' },
  { path: 'policies', label: 'Policies', tag: 'sluice-policies', module: './policies.js' },
  { path: 'addresses', label: 'Addresses', tag: 'sluice-addresses', module: './addresses.js' },
  { path: 'quarantine', label: 'Quarantine', tag: 'sluice-quarantine', module: './quarantine.js' },
  { path: 'tracking', label: 'Tracking', tag: 'sluice-tracking', module: './tracking.js' },
  { path: 'templates', label: 'Templates', tag: 'sluice-templates', module: './templates.js' },
  { path: 'settings', label: 'Settings', tag: 'sluice-settings', module: './settings.js' },
  { path: 'users', label: 'Users', tag: 'sluice-users', module: './users.js' },
  { path: 'audit', label: 'Audit log', tag: 'sluice-audit', module: './audit.js' },
];

function route() {
  const [path, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const page = PAGES.find((p) => p.path === path) ?? PAGES[0];
  return { page, param: rest.map(decodeURIComponent).join('/') };
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
    this.route = route();
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
      if (this.session) this.navigate();
    } catch (e) {
      this.failure = `The admin API cannot be reached: ${e.message}`;
    }
  }

  async navigate() {
    this.route = route();
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
    if (this.session === null) return html`<sluice-login></sluice-login>`;
    const { page, param } = this.route;
    return html`
      <a class="skip" href="#content" @click=${this.skip}>Skip to content</a>
      <header class="top">
        <span class="brand">Sluice</span>
        <nav aria-label="Main">
          <ul>
            ${PAGES.map((p) => html`<li><a href="#/${p.path}" aria-current=${p === page ? 'page' : 'false'}>${p.label}</a></li>`)}
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
