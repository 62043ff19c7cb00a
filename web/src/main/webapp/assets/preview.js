// One text part of a quarantined message, shown in a sandboxed frame: the frame may run no script,
// has no origin of its own (so it reaches no cookie and no API), and gets the text escaped, so not
// even the server's reduction of HTML to text is trusted to be harmless.
import { LitElement, html } from 'lit';

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escape(text) {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export class SluicePreview extends LitElement {
  static properties = { label: {}, text: {} };

  createRenderRoot() {
    return this;
  }

  render() {
    const document = `<!doctype html><html><head><meta charset="utf-8">`
      + `<link rel="stylesheet" href="/assets/preview.css"></head><body><pre>${escape(this.text ?? '')}</pre></body></html>`;
    return html`<iframe class="preview" title=${this.label} sandbox="" referrerpolicy="no-referrer" .srcdoc=${document}></iframe>`;
  }
}
customElements.define('sluice-preview', SluicePreview);

/** A quarantined message's text parts, each in its own sandboxed frame, under a heading. */
export function content(view) {
  return html`
    <h2>Content</h2>
    <p class="quiet">Shown as plain text in a sandbox: no HTML, scripts, images or links of the message are loaded.</p>
    ${view.texts.length === 0 ? html`<p>No text parts.</p>` : view.texts.map((t, i) => html`
      <sluice-preview label=${`Text part ${i + 1} (${t.contentType})`} .text=${t.text}></sluice-preview>`)}`;
}
