// Form fields with their labels and the API's complaint about them (from a problem's "errors").
import { html } from 'lit';
// No live(): a re-render for something else (a list arriving) must not undo what is being typed;
// a form that puts stored values back (discarding an edit) is rendered afresh with keyed().

/** The message for a field path ("spam.bayesMinSpam", "internalNetworks[2]" counts for "internalNetworks"). */
export function errorFor(errors, path) {
  const e = (errors ?? []).find((x) => x.field === path || x.field.startsWith(`${path}[`) || x.field.startsWith(`${path}.`));
  return e ? (e.field === path ? e.message : `${e.field.slice(path.length)}: ${e.message}`) : null;
}

/**
 * One labelled control. kind: text, number, password, boolean, lines (a list, one a line), or an
 * array of choices. The error, if any, is tied to it with aria-describedby.
 */
export function control({ id, label, kind = 'text', value, error, disabled, hint }) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const help = html`${hint ? html`<small id="${id}-hint" class="quiet">${hint}</small>` : ''}
    ${error ? html`<small id="${id}-error" class="error">${error}</small>` : ''}`;
  if (kind === 'boolean') {
    return html`<div class="field check"><input id=${id} name=${id} type="checkbox" .checked=${Boolean(value)} ?disabled=${disabled}
      aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described ?? ''}><label for=${id}>${label}</label>${help}</div>`;
  }
  let input;
  if (Array.isArray(kind)) {
    input = html`<select id=${id} name=${id} ?disabled=${disabled} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described ?? ''}>
      ${kind.map((c) => html`<option value=${c} .selected=${value === c}>${c.toLowerCase()}</option>`)}</select>`;
  } else if (kind === 'lines') {
    input = html`<textarea id=${id} name=${id} rows="4" ?disabled=${disabled} aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${described ?? ''} .value=${(value ?? []).join('\n')}></textarea>`;
  } else {
    input = html`<input id=${id} name=${id} type=${kind} ?disabled=${disabled} aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${described ?? ''} .value=${value === null || value === undefined ? '' : String(value)}
      autocomplete=${kind === 'password' ? 'new-password' : 'off'}>`;
  }
  return html`<div class="field"><label for=${id}>${label}</label>${input}${help}</div>`;
}

/** The value of a control as the API takes it. */
export function read(form, id, kind = 'text') {
  const el = form.elements.namedItem(id);
  if (kind === 'boolean') return el.checked;
  if (kind === 'number') return el.value.trim() === '' ? null : Number(el.value);
  if (kind === 'lines') return el.value.split('\n').map((l) => l.trim()).filter(Boolean);
  const v = el.value;
  return v === '' ? null : v;
}
