// Small DOM helpers shared by the views: element creation, panel states (loading, empty, error) and the banner.

/** document.createElement with properties and children (strings become text, never HTML). */
export function el(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name in element) {
      element[name] = value;
    } else {
      element.setAttribute(name, value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

/**
 * A card's state line (its `.state` element): 'loading', 'empty', 'error' or null (content shown). The card's
 * `data-state` attribute says the same for tests and CSS.
 */
export function setState(card, state, message = '') {
  card.dataset.state = state || 'ready';
  const line = card.querySelector('.state');
  line.textContent = message;
  line.hidden = !state;
  line.className = `state ${state || ''}`.trim();
  const content = card.querySelector('.content');
  if (content) {
    content.hidden = state === 'empty' || state === 'error';
  }
}

const banner = () => document.getElementById('banner');

/** The page-wide error banner: one message per source ('query', 'ingest'), shown while any is set. */
const messages = new Map();

export function showBanner(source, message) {
  messages.set(source, message);
  renderBanner();
}

export function clearBanner(source) {
  messages.delete(source);
  renderBanner();
}

function renderBanner() {
  const element = banner();
  element.replaceChildren(...[...messages.values()].map((message) => el('p', {}, message)));
  element.hidden = messages.size === 0;
}

/** The message a failed call shows, and whether it means the service itself is down. */
export function describeFailure(error, service) {
  if (error && error.kind === 'unreachable') {
    return `${service} is unreachable (${error.message}).`;
  }
  if (error && error.kind === 'unauthorized') {
    return `${service} needs a valid bearer token: sign in with one (the local stack prints them).`;
  }
  if (error && error.kind === 'forbidden') {
    return `${service}: your token does not grant this view (${error.message}).`;
  }
  if (error && error.status === 429) {
    return `${service} is busy (429); try again in a moment.`;
  }
  if (error && error.status >= 500) {
    return `${service} answered ${error.message}`;
  }
  return `${service}: ${error ? error.message : 'request failed'}`;
}
