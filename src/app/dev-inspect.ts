/**
 * The checkout's XState inspection in development only (`npm run dev`): each event and state change goes to
 * `window.__xstateInspect` when a tool set it, else to the console (debug level). Kiosk.svelte passes it only
 * under `import.meta.env.DEV`, so a production build drops this module.
 */
import type { InspectionEvent } from 'xstate';

declare global {
  interface Window {
    __xstateInspect?: (event: InspectionEvent) => void;
  }
}

export function devInspect(event: InspectionEvent): void {
  if (typeof window !== 'undefined' && window.__xstateInspect) {
    window.__xstateInspect(event);
    return;
  }
  if (event.type === '@xstate.event') console.debug('[xstate] event', event.actorRef.sessionId, event.event);
  else if (event.type === '@xstate.snapshot' && 'value' in event.snapshot) {
    console.debug('[xstate] state', event.actorRef.sessionId, (event.snapshot as { value: unknown }).value);
  }
}
