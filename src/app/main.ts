// First: starts the config request and the kiosk chunk before the rest of the first screen is evaluated.
import './early-start.ts';
import { mount } from 'svelte';
import './theme.css';
import App from './App.svelte';
import { hardenKiosk } from './kiosk-hardening.ts';

hardenKiosk();

// The offline shell; not in dev, where Vite serves modules that must not be cached.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  void navigator.serviceWorker.register('./sw.js').catch(() => undefined);
}

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
mount(App, { target });
