/** The renderer's entry: mount the designer on the page's host (Electron bridge or web host), and its shell if any. */
import './app/no-eval.ts';
import { renderApp } from './app/render-app.tsx';
import { getHost } from './host/get-host.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
renderApp(root, getHost(), window.netwrightShell);
