// The task list: filters, search by id, paging, and the chart of phases completed per second; read again every few seconds.

import { apiJson } from './api.js';
import { el, stateBadge, taskLink, when } from './dom.js';

const States = ['Pending', 'Running', 'Succeeded', 'Suspended', 'Reverting', 'Reverted', 'RevertFailed'];
const PageSize = 25;
const ChartSeconds = 300;

export function renderList(scope, params) {
  const state = params.get('state') || '';
  const type = params.get('type') || '';
  const after = params.get('after') || '';

  const go = changes => {
    const next = new URLSearchParams();
    const merged = { state, type, after: '', ...changes };
    for (const [name, value] of Object.entries(merged)) if (value) next.set(name, value);
    location.hash = `#/?${next}`;
  };

  const stateSelect = el('select', { id: 'filter-state', onchange: () => go({ state: stateSelect.value }) },
    el('option', { value: '', text: 'All states' }),
    States.map(s => el('option', { value: s, selected: s === state, text: s })));
  const typeInput = el('input', { id: 'filter-type', value: type, placeholder: 'any type', onchange: () => go({ type: typeInput.value.trim() }) });
  const idInput = el('input', { id: 'search-id', placeholder: 'task id' });
  const search = el('form', {
    class: 'search',
    onsubmit: event => {
      event.preventDefault();
      if (idInput.value.trim()) location.hash = taskLink(idInput.value.trim());
    },
  }, el('label', {}, 'Find by id', idInput), el('button', { type: 'submit', text: 'Open' }));

  const rows = el('tbody', { id: 'task-rows' });
  const message = el('div');
  const next = el('button', { id: 'next-page', text: 'Next page', disabled: true });
  const first = el('button', { id: 'first-page', text: 'Newest', disabled: !after, onclick: () => go({}) });
  const chart = el('div', { class: 'chart', id: 'throughput' });

  view.append(
    el('h1', { text: 'Tasks' }),
    chart,
    el('div', { class: 'filters' }, el('label', {}, 'State', stateSelect), el('label', {}, 'Type', typeInput), search),
    message,
    el('table', {},
      el('thead', {}, el('tr', {}, ['Id', 'Type', 'State', 'Phases done', 'Current phase', 'Created', 'Updated'].map(h => el('th', { text: h })))),
      rows),
    el('div', { class: 'pager' }, first, next));

  let nextCursor = null;
  next.addEventListener('click', () => nextCursor && go({ after: nextCursor }));

  const load = async () => {
    const query = new URLSearchParams({ limit: String(PageSize) });
    if (state) query.set('state', state);
    if (type) query.set('type', type);
    if (after) query.set('after', after);
    try {
      const page = await apiJson(`/tasks?${query}`);
      message.replaceChildren();
      rows.replaceChildren(...page.items.map(item => el('tr', { dataset: { taskId: item.id } },
        el('td', {}, el('a', { href: taskLink(item.id), text: item.id })),
        el('td', { text: item.type }),
        el('td', {}, stateBadge(item.state)),
        el('td', { class: 'num', text: item.phasesCompleted }),
        el('td', { class: 'num', text: item.currentPhase === null ? '' : item.currentPhase + 1 }),
        el('td', { text: when(item.createdAt) }),
        el('td', { text: when(item.updatedAt) }))));
      if (page.items.length === 0) rows.append(el('tr', {}, el('td', { colspan: 7, class: 'muted', text: 'No tasks.' })));
      nextCursor = page.next;
      next.disabled = !page.next;
    } catch (error) {
      message.replaceChildren(el('p', { class: 'message error', text: error.message }));
    }
  };

  scope.every(load);
  scope.every(() => drawThroughput(chart));
}

async function drawThroughput(container) {
  let data;
  try {
    data = await apiJson(`/throughput?seconds=${ChartSeconds}`);
  } catch {
    return;
  }

  const counts = data.phasesCompleted;
  const peak = Math.max(1, ...counts);
  const width = counts.length;
  const height = 100;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Phases completed per second');
  counts.forEach((count, i) => {
    if (count === 0) return;
    const bar = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    const h = (count / peak) * height;
    bar.setAttribute('x', String(i));
    bar.setAttribute('y', String(height - h));
    bar.setAttribute('width', '1');
    bar.setAttribute('height', String(h));
    bar.setAttribute('fill', '#2f5fd0');
    svg.append(bar);
  });
  const total = counts.reduce((a, b) => a + b, 0);
  const lastFull = counts.length > 1 ? counts[counts.length - 2] : 0;
  container.replaceChildren(
    svg,
    el('div', { class: 'caption', id: 'throughput-caption' },
      `Phases completed per second on this node, last ${Math.round(ChartSeconds / 60)} minutes: ${total} in all, ${lastFull}/s in the last full second, peak ${counts.some(c => c > 0) ? peak : 0}/s.`));
}
