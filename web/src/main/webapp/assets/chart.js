// A time chart (uPlot) that fits its container's width, with its data as a table for readers
// who cannot see it.
import { LitElement, html } from 'lit';
import uPlot from 'uplot';
import { time } from './format.js';

/** Colours that stay apart for the common kinds of colour blindness (Okabe–Ito). */
export const COLOURS = ['#0072b2', '#e69f00', '#d55e00', '#009e73', '#cc79a7', '#56b4e9', '#999999', '#f0e442'];

export class SluiceChart extends LitElement {
  static properties = {
    caption: {},
    // {times: [epoch seconds], series: [{label, values, colour}], unit}
    data: { attribute: false },
    format: { attribute: false },
  };

  createRenderRoot() {
    return this;
  }

  render() {
    const d = this.data;
    const format = this.format ?? String;
    return html`
      <figure class="chart">
        <figcaption>${this.caption}</figcaption>
        <div class="plot" role="img" aria-label=${`${this.caption}: ${this.summary()}`}></div>
        <details>
          <summary>As a table</summary>
          <div class="scroll">
            <table>
              <thead><tr><th scope="col">Time</th>${d.series.map((s) => html`<th scope="col">${s.label}</th>`)}</tr></thead>
              <tbody>
                ${d.times.map((t, i) => (d.series.some((s) => s.values[i]) ? html`
                  <tr><th scope="row">${time(t * 1000)}</th>${d.series.map((s) => html`<td>${format(s.values[i])}</td>`)}</tr>` : ''))}
              </tbody>
            </table>
          </div>
        </details>
      </figure>`;
  }

  summary() {
    const format = this.format ?? String;
    return this.data.series.map((s) => `${s.label} ${format(s.values.reduce((a, b) => a + b, 0))}`).join(', ');
  }

  updated() {
    const target = this.querySelector('.plot');
    this.plot?.destroy();
    const width = Math.max(target.clientWidth, 200);
    const d = this.data;
    const format = this.format ?? String;
    this.plot = new uPlot({
      width,
      height: 220,
      cursor: { drag: { x: false, y: false } },
      scales: { y: { range: (u, min, max) => [0, Math.max(max, 1)] } },
      axes: [{}, { values: (u, ticks) => ticks.map(format), size: 70 }],
      series: [{ label: 'Time', value: (u, v) => (v === null ? '' : time(v * 1000)) },
        ...d.series.map((s, i) => ({
          label: s.label,
          stroke: s.colour ?? COLOURS[i % COLOURS.length],
          width: 2,
          points: { show: true, size: 5 },
          value: (u, v) => (v === null ? '' : format(v)),
        }))],
    }, [d.times, ...d.series.map((s) => s.values)], target);
    this.resizer ??= new ResizeObserver(() => {
      const w = this.querySelector('.plot')?.clientWidth;
      if (w && this.plot && Math.abs(w - this.plot.width) > 2) this.plot.setSize({ width: w, height: 220 });
    });
    this.resizer.observe(target);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.resizer?.disconnect();
    this.resizer = null;
    this.plot?.destroy();
    this.plot = null;
  }
}
customElements.define('sluice-chart', SluiceChart);
