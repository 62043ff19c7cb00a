// What the console's list-and-form pages share: drawn into the document itself (so the console's
// styles apply), given the session and the rest of the address by the shell, loaded when shown,
// and whether the session may change things.
import { LitElement } from 'lit';

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

  /** Fetches what the page shows. */
  async load() {}
}
