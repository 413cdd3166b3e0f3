// The cluster: every member as the answering node sees it, read again every few seconds.

import { apiJson } from './api.js';
import { el, stateBadge } from './dom.js';

export function renderCluster(scope) {
  const facts = el('dl', { class: 'facts' });
  const rows = el('tbody', { id: 'node-rows' });
  const note = el('div');
  scope.view.append(
    el('h1', { text: 'Cluster' }),
    facts,
    note,
    el('table', {},
      el('thead', {}, el('tr', {}, ['Node', 'Roles', 'Status', 'Reachable', 'Tasks hosted'].map(h => el('th', { text: h })))),
      rows));

  scope.every(async () => {
    try {
      const cluster = await apiJson('/cluster');
      facts.replaceChildren(
        el('dt', { text: 'This node' }), el('dd', { text: cluster.self }),
        el('dt', { text: 'Leader' }), el('dd', { text: cluster.leader || 'none yet' }),
        el('dt', { text: 'Members' }), el('dd', { text: cluster.nodes.length }));
      note.replaceChildren(cluster.tasksCounted ? '' : el('p', { class: 'message', text: 'Task counts are not available while the cluster is changing; they come back once every node answers.' }));
      rows.replaceChildren(...cluster.nodes.map(node => el('tr', { dataset: { address: node.address, status: node.status } },
        el('td', {}, node.address, node.address === cluster.self ? el('span', { class: 'muted', text: ' (this node)' }) : null),
        el('td', { text: node.roles.join(', ') }),
        el('td', {}, stateBadge(node.status)),
        el('td', { text: node.reachable ? 'yes' : 'no' }),
        el('td', { class: 'num', text: node.tasks ?? '' }))));
    } catch (error) {
      note.replaceChildren(el('p', { class: 'message error', text: error.message }));
    }
  });
}
