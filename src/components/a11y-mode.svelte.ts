/**
 * Accessibility mode lives as a class on <html> so the theme's custom properties (bigger type, controls
 * moved down) apply to every screen at once; this module keeps a reactive copy for the toggle's aria-pressed.
 */
const className = 'a11y-mode';

let on = $state(typeof document !== 'undefined' && document.documentElement.classList.contains(className));

export const a11yMode = {
  get on(): boolean {
    return on;
  },
  /** The lead turns it off when a checkout ends, so the next customer starts from the default layout. */
  set(value: boolean): void {
    on = value;
    document.documentElement.classList.toggle(className, value);
  },
};
