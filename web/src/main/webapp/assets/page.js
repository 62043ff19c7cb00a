// What the console's list-and-form pages share: drawn into the document itself (so the console's
// styles apply), given the session and the rest of the address by the shell, loaded when shown,
// and whether the session may change things.
import { LitElement } from 'lit';
import { ApiError } from './api.js';

export class ConsolePage extends LitElement {
  static properties = {
    session: { attribute: false }, param: { attribute: false },
  };

  createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  get admin() {
    return this.session?.role === 'admin';
  }

  /** May change policies: an administrator, or a domain administrator their domains' own. */
  get editor() {
    return this.admin || this.session?.role === 'domainadmin';
  }

  /** Fetches what the page shows. */
  async load() {}

  /**
   * Makes a change and reloads: on success the notice says what was done; on refusal the error says
   * why and each field's complaint is in {@code errors}. Answers whether it was done.
   */
  async change(what, request) {
    try {
      await request();
      this.notice = what;
      this.error = null;
      this.errors = null;
      return true;
    } catch (e) {
      this.notice = null;
      this.errors = e instanceof ApiError ? e.problem?.errors : null;
      this.error = e.message;
      return false;
    } finally {
      await this.load();
    }
  }

}
