/**
 * Entry point of the local web app's browser UI (issue 7). Everything the page shows comes from
 * the local Saltline process over its API; nothing is loaded from anywhere else.
 */
import { render } from 'preact';
import { boot } from './actions.js';
import { App } from './components/App.js';
import { connectEvents } from './events.js';
import './styles.css';

const root = document.getElementById('app');
if (root !== null) render(<App />, root);
connectEvents();
void boot();
