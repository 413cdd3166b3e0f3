// One task: its facts, the commands that fit its state, a timeline of its phases and its revert, kept up to date
// by following the task's event stream.

import { api, apiJson } from './api.js';
import { duration, el, stateBadge, taskLink, when } from './dom.js';

const RetryMs = 2000;

export function renderTask(scope, id) {
  const title = el('h1', {}, id, ' ', el('span', { id: 'task-state' }));
  const message = el('div', { id: 'task-message' });
  const body = el('div');
  scope.view.append(el('p', {}, el('a', { href: '#/', text: '← All tasks' })), title, message, body);

  const path = `/tasks/${encodeURIComponent(id)}`;
  let loading = null;
  let again = false;

  // Events come in bursts (a stream starts with the task's whole history): at most one read in flight, and one after it.
  const load = async () => {
    if (loading) {
      again = true;
      return;
    }

    loading = (async () => {
      try {
        draw(await apiJson(path));
      } catch (error) {
        body.replaceChildren(el('p', { class: 'message error', text: error.status === 404 ? `No task with id '${id}'.` : error.message }));
      }
    })();
    await loading;
    loading = null;
    if (again) {
      again = false;
      await load();
    }
  };

  const command = async (verb, label, question) => {
    if (!window.confirm(question)) return;
    try {
      await api(`${path}/${verb}`, { method: 'POST' });
      message.replaceChildren(el('p', { class: 'message', text: `${label}: accepted.` }));
    } catch (error) {
      message.replaceChildren(el('p', { class: 'message error', text: `${label}: ${error.message}` }));
    }
    await load();
  };

  const draw = task => {
    document.getElementById('task-state').replaceChildren(stateBadge(task.state));
    const running = task.state === 'Pending' || task.state === 'Running';
    const end = running || task.state === 'Reverting' ? Date.now() : Date.parse(task.updatedAt);
    const start = Date.parse(task.createdAt);
    const span = Math.max(1, end - start);

    const facts = el('dl', { class: 'facts' },
      el('dt', { text: 'Type' }), el('dd', { text: task.type }),
      el('dt', { text: 'Created' }), el('dd', { text: when(task.createdAt) }),
      el('dt', { text: 'Updated' }), el('dd', { text: when(task.updatedAt) }),
      el('dt', { text: 'Phases' }), el('dd', { text: `${task.phases.filter(p => p.completedAt).length} of ${task.phaseCount ?? '?'} completed` }),
      task.error && [el('dt', { text: 'Error' }), el('dd', { class: 'error-text', text: task.error.message })],
      task.problem && [el('dt', { text: 'Problem' }), el('dd', { class: 'error-text', text: task.problem.message })]);

    const actions = el('div', { class: 'actions' },
      el('button', {
        id: 'cancel', class: 'danger', text: 'Cancel', disabled: !running,
        onclick: () => command('cancel', 'Cancel', `Cancel task ${task.id}? The running phase is told to stop and the completed phases are reverted.`),
      }),
      el('button', {
        id: 'retry-revert', text: 'Retry revert', disabled: task.state !== 'RevertFailed',
        onclick: () => command('retry-revert', 'Retry revert', `Run the revert of task ${task.id} again?`),
      }),
      el('button', {
        id: 'resume', text: 'Resume', disabled: task.state !== 'Suspended',
        onclick: () => command('resume', 'Resume', `Resume task ${task.id} where it stopped?`),
      }));

    const phases = el('tbody', { id: 'phase-rows' }, task.phases.map(phase => {
      const started = phase.startedAt ? Date.parse(phase.startedAt) : null;
      const ended = phase.completedAt ? Date.parse(phase.completedAt) : (phase.state === 'Running' ? Date.now() : null);
      const bar = started === null ? null : el('span', {
        class: phase.state,
        // Through the style object, not a style attribute: the page's content security policy allows no inline styles.
        style: { left: `${((started - start) / span) * 100}%`, width: `${Math.max(0.5, (((ended ?? started) - started) / span) * 100)}%` },
      });
      return el('tr', { dataset: { phaseIndex: phase.index, phaseState: phase.state } },
        el('td', { class: 'num', text: phase.index + 1 }),
        el('td', { text: phase.name }),
        el('td', {}, stateBadge(phase.state),
          phase.stopping && el('div', { class: 'muted', text: `stopping (${phase.stopping.reason}) since ${when(phase.stopping.since)}` }),
          phase.progress && el('div', { class: 'muted', text: `${Math.round(phase.progress.fraction * 100)}% ${phase.progress.message || ''}` })),
        el('td', { class: 'num', text: phase.attempts }),
        el('td', { text: when(phase.startedAt) }),
        el('td', { text: phase.completedAt ? duration(Date.parse(phase.completedAt) - started) : (ended && started ? `${duration(ended - started)} so far` : '') }),
        el('td', {}, el('div', { class: 'timeline' }, bar)),
        el('td', {},
          phase.error && el('div', { class: 'error-text', text: phase.error.message }),
          phase.retryAt && el('div', { class: 'muted', text: `next attempt at ${when(phase.retryAt)}` }),
          phase.output !== null && phase.output !== undefined && el('pre', { class: 'output', text: JSON.stringify(phase.output, null, 1).slice(0, 2000) })));
    }));

    const revert = task.revert && el('section', { id: 'revert' },
      el('h2', { text: 'Revert' }),
      el('p', {}, `Reason: ${task.revert.reason}. ${task.revert.phasesReverted} of ${task.revert.phasesToRevert} phases reverted, started ${when(task.revert.startedAt)}.`),
      task.revert.error && el('p', { class: 'error-text', text: task.revert.error.message }));

    const children = Array.isArray(task.children) && task.children.length > 0 && el('section', { id: 'children' },
      el('h2', { text: 'Children' }),
      el('ul', {}, task.children.map(child => el('li', {}, el('a', { href: taskLink(child.id), text: child.id }), ' ', stateBadge(child.state)))));

    // Sections the task does not have are null or false: left out, not written as text.
    body.replaceChildren(...[
      facts,
      actions,
      el('h2', { text: 'Phases' }),
      el('table', {},
        el('thead', {}, el('tr', {}, ['#', 'Phase', 'State', 'Attempts', 'Started', 'Took', 'Timeline', 'Output / error'].map(h => el('th', { text: h })))),
        phases),
      revert,
      children,
    ].filter(Boolean));
  };

  load();
  follow(scope, `${path}/events`, load);
}

// Follows an event stream with fetch (EventSource cannot send the API key), calling onChange per event; falls
// back to reading every few seconds while the stream cannot be opened, and stops when the server ends it.
function follow(scope, path, onChange) {
  const controller = new AbortController();
  let stopped = false;
  scope.onLeave(() => {
    stopped = true;
    controller.abort();
  });

  (async () => {
    while (!stopped) {
      try {
        const response = await api(path, { headers: { Accept: 'text/event-stream' }, signal: controller.signal });
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            buffer = buffer.slice(end + 2);
            onChange();
          }
        }

        // The server ends a task's stream once the task settled: one last read shows where it ended.
        onChange();
        return;
      } catch (error) {
        if (stopped || error.name === 'AbortError') return;
        if (error.status === 404 || error.status === 401) return;
        await new Promise(resolve => setTimeout(resolve, RetryMs));
        onChange();
      }
    }
  })();
}
