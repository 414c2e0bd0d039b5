/**
 * The page's only script, inlined (the CSP allows exactly this text by its hash). It reads
 * data-tip / data-go attributes the renderer wrote and only ever sets textContent, never markup.
 */
export const SCRIPT = `(() => {
  'use strict';
  const tip = document.getElementById('tip');
  const rows = Array.from(document.querySelectorAll('#items tbody tr'));
  const text = document.getElementById('filter');
  const type = document.getElementById('filter-type');
  const routine = document.getElementById('filter-routine');
  const count = document.getElementById('filter-count');

  function flash(el) {
    el.classList.add('flash');
    setTimeout(() => el.classList.remove('flash'), 1600);
  }

  function applyFilter() {
    const words = text.value.toLowerCase().split(/\\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const hay = row.textContent.toLowerCase();
      const ok = words.every((w) => hay.includes(w)) &&
        (!type.value || row.dataset.type === type.value) &&
        (row.dataset.notable === '1' || (routine !== null && routine.checked));
      row.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown + ' of ' + rows.length + ' rows';
  }

  function clearFilter() {
    text.value = '';
    type.value = '';
    if (routine) routine.checked = true;
    applyFilter();
  }

  function go(id) {
    const el = document.getElementById(id);
    if (!el) return;
    const details = el.closest('details');
    if (details) details.open = true;
    if (el.hidden) clearFilter();
    el.scrollIntoView({ block: 'start' });
    flash(el);
  }

  document.addEventListener('click', (e) => {
    const target = e.target.closest('[data-go]');
    if (!target) return;
    e.preventDefault();
    go(target.getAttribute('data-go'));
  });
  document.addEventListener('keydown', (e) => {
    const target = e.target.closest && e.target.closest('[data-go]');
    if (target && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      go(target.getAttribute('data-go'));
    }
  });
  document.addEventListener('mouseover', (e) => {
    const target = e.target.closest('[data-tip]');
    tip.hidden = !target;
    if (target) tip.textContent = target.getAttribute('data-tip');
  });
  document.addEventListener('mousemove', (e) => {
    if (tip.hidden) return;
    const x = Math.min(e.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    const y = e.clientY + 18 + tip.offsetHeight > window.innerHeight ? e.clientY - tip.offsetHeight - 10 : e.clientY + 18;
    tip.style.left = Math.max(4, x) + 'px';
    tip.style.top = y + 'px';
  });
  for (const input of [text, type, routine]) if (input) input.addEventListener('input', applyFilter);
  window.addEventListener('beforeprint', () => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  applyFilter();
  if (location.hash) go(decodeURIComponent(location.hash.slice(1)));
})();`;
