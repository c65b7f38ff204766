// Demo-page chrome (not part of the embed): shows the per-label counts from the
// `tagit:annotated` event in the legend and wires the on/off switch to window.tagit.
// An external module, not an inline script, so the page also runs under a strict CSP.

const legend = document.getElementById('tagit-legend');
const status = legend?.querySelector('.legend-status');
const toggle = legend?.querySelector('.legend-toggle');
const numbers = new Intl.NumberFormat('he-IL');

function render(summary) {
  if (!legend || !summary) return;
  for (const cell of legend.querySelectorAll('[data-count]')) {
    const n = summary.counts[cell.dataset.count] || 0;
    cell.textContent = numbers.format(n);
    cell.closest('li')?.classList.toggle('is-empty', n === 0);
  }
  const total = summary.total || 0;
  status.textContent = total === 1 ? 'סומנה ישות אחת בכתבה.' : `סומנו ${numbers.format(total)} ישויות בכתבה.`;
}

function clearCounts() {
  for (const cell of legend.querySelectorAll('[data-count]')) {
    cell.textContent = '';
    cell.closest('li')?.classList.remove('is-empty');
  }
}

if (legend) {
  document.addEventListener('tagit:annotated', (e) => {
    render(e.detail);
    toggle.disabled = false;
    toggle.setAttribute('aria-pressed', 'true');
    toggle.textContent = 'הסתר סימונים';
  });
  document.addEventListener('tagit:error', () => {
    status.textContent = 'הסימון לא הצליח הפעם; הכתבה מוצגת כרגיל.';
  });
  toggle.addEventListener('click', async () => {
    const api = window[Symbol.for('tagit')];
    if (!api) return;
    toggle.disabled = true;
    if (toggle.getAttribute('aria-pressed') === 'true') {
      await api.clear();
      clearCounts();
      status.textContent = 'הסימונים הוסתרו.';
      toggle.setAttribute('aria-pressed', 'false');
      toggle.textContent = 'הצג סימונים';
      toggle.disabled = false;
    } else {
      // tagit:annotated re-enables the button and refreshes the counts.
      const summary = await api.annotate();
      if (!summary) toggle.disabled = false;
    }
  });
  // In case the embed finished before this module ran.
  window[Symbol.for('tagit')]?.ready.then((summary) => {
    if (summary) {
      render(summary);
      toggle.disabled = false;
    }
  });
}
