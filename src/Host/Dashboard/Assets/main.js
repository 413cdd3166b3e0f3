// The PhaseFlow dashboard: a task list, a task page and a cluster page over the node's own HTTP API.
// Plain modules, no framework and nothing from a CDN: the node serves every file, and it works without the internet.

import { onKeyGiven } from './api.js';
import { renderCluster } from './cluster.js';
import { renderList } from './list.js';
import { renderTask } from './task.js';

const RefreshMs = 2000;
const view = document.getElementById('view');
let leaving = [];

/** What a page gets: where to draw, a way to repeat a read, and a way to stop things when the user goes elsewhere. */
function newScope() {
  return {
    view,
    every(action) {
      action();
      const timer = setInterval(action, RefreshMs);
      leaving.push(() => clearInterval(timer));
    },
    onLeave(action) {
      leaving.push(action);
    },
  };
}

function render() {
  for (const leave of leaving) leave();
  leaving = [];
  view.replaceChildren();
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  const section = path.startsWith('/cluster') ? 'cluster' : 'tasks';
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.nav === section));
  const scope = newScope();
  if (path.startsWith('/tasks/')) renderTask(scope, decodeURIComponent(path.slice('/tasks/'.length)));
  else if (path === '/cluster') renderCluster(scope);
  else renderList(scope, new URLSearchParams(query || ''));
}

window.addEventListener('hashchange', render);
onKeyGiven(render);
render();
