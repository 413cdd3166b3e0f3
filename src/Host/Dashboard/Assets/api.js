// The node's HTTP API, with the API key the user gave for this tab (sessionStorage: gone when the tab closes).

const KeyStorage = 'phaseflow.apiKey';
const connection = document.getElementById('connection');
const keyForm = document.getElementById('key-form');

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  const key = sessionStorage.getItem(KeyStorage);
  if (key) headers.set('Authorization', `Bearer ${key}`);
  let response;
  try {
    response = await fetch(path, { ...options, headers });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    showConnection(`The node does not answer (${error.message}); trying again.`);
    throw new ApiError(0, 'The node does not answer.');
  }

  showConnection(null);
  if (response.ok) return response;

  let detail = `The node answered ${response.status}.`;
  try {
    const problem = await response.json();
    detail = problem.detail || problem.title || detail;
  } catch {
    // A body that is not a problem: the status says enough.
  }

  if (response.status === 401) askForKey(detail);
  throw new ApiError(response.status, detail);
}

export async function apiJson(path, options) {
  return (await api(path, options)).json();
}

function showConnection(problem) {
  connection.textContent = problem || '';
  connection.classList.toggle('down', Boolean(problem));
}

function askForKey(reason) {
  sessionStorage.removeItem(KeyStorage);
  document.getElementById('key-reason').textContent = reason;
  keyForm.hidden = false;
  document.getElementById('key-input').focus();
}

/** Calls <code>then</code> once the user has given a key in the form. */
export function onKeyGiven(then) {
  keyForm.addEventListener('submit', event => {
    event.preventDefault();
    const input = document.getElementById('key-input');
    sessionStorage.setItem(KeyStorage, input.value.trim());
    input.value = '';
    keyForm.hidden = true;
    then();
  });
}
