// First: starts the config request and the kiosk chunk before the rest of the first screen is evaluated.
import './early-start.ts';
import { mount } from 'svelte';
import './theme.css';
import App from './App.svelte';
import { hardenKiosk } from './kiosk-hardening.ts';

hardenKiosk();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
mount(App, { target });
