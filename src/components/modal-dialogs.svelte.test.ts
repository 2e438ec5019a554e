import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { language } from '../i18n/i18n.svelte.ts';
import MarkingNoticeDialog from './MarkingNoticeDialog.svelte';
import ProductScanner from './ProductScanner.svelte';

beforeEach(() => {
  language.set('en');
  // jsdom has no media playback; the camera view pauses its <video> on unmount.
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
});

describe('ProductScanner (a camera dialog)', () => {
  it('is a modal dialog named by its title, with Close focused; Escape and Close both close it', async () => {
    const onClose = vi.fn();
    render(ProductScanner, { facingMode: 'environment', status: 'starting', onClose });
    const dialog = screen.getByRole('dialog', { name: 'Scan a barcode' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const close = screen.getByRole('button', { name: 'Close' });
    await Promise.resolve();
    expect(document.activeElement).toBe(close);

    await fireEvent.keyDown(close, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    await fireEvent.keyDown(close, { key: 'Enter' });
    expect(onClose).toHaveBeenCalledTimes(1);
    await fireEvent.click(close);
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});

describe('MarkingNoticeDialog', () => {
  it('is an alert dialog named by its text, with OK focused; only OK closes it', async () => {
    const onClose = vi.fn();
    render(MarkingNoticeDialog, { text: 'This code is not a marking code.', hint: 'Scan the square code.', onClose });
    const dialog = screen.getByRole('alertdialog', { name: 'This code is not a marking code.' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(screen.getByText('Scan the square code.')).toBeTruthy();
    const ok = screen.getByRole('button', { name: 'OK' });
    await Promise.resolve();
    expect(document.activeElement).toBe(ok);

    await fireEvent.keyDown(ok, { key: 'Escape' });
    expect(onClose).not.toHaveBeenCalled();
    await fireEvent.click(ok);
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
