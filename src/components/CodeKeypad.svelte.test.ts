import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { language } from '../i18n/i18n.svelte.ts';
import CodeKeypad from './CodeKeypad.svelte';
import ScannerView from './ScannerView.svelte';

beforeEach(() => language.set('en'));

describe('CodeKeypad', () => {
  it('builds the code from the on-screen keys and submits it exactly', async () => {
    const onSubmit = vi.fn();
    render(CodeKeypad, { onSubmit, label: 'Code under the QR' });
    for (const key of '880101698207133392') await fireEvent.click(screen.getByRole('button', { name: key }));
    await fireEvent.click(screen.getByRole('button', { name: 'Delete the last character' }));
    await fireEvent.click(screen.getByRole('button', { name: '2' }));
    expect(screen.getByRole('textbox', { name: 'Code under the QR' })).toHaveProperty('value', '880101698207133392');
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith('880101698207133392');
  });

  it('accepts a typed Uzum code with symbols as is', async () => {
    const onSubmit = vi.fn();
    render(CodeKeypad, { onSubmit, label: 'Code' });
    const field = screen.getByRole('textbox', { name: 'Code' });
    await fireEvent.input(field, { target: { value: '7993:5061401:01KFDH:3sySIUxrog+hhtBwUXquxn97N5k=' } });
    await fireEvent.submit(field.closest('form')!);
    expect(onSubmit).toHaveBeenCalledWith('7993:5061401:01KFDH:3sySIUxrog+hhtBwUXquxn97N5k=');
  });

  it('refuses an empty or spaced code with the reason, and does not submit', async () => {
    const onSubmit = vi.fn();
    render(CodeKeypad, { onSubmit, label: 'Code' });
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter the code shown under the QR code.');
    const field = screen.getByRole('textbox', { name: 'Code' });
    expect(field.getAttribute('aria-invalid')).toBe('true');

    await fireEvent.input(field, { target: { value: '8801 0169' } });
    expect(screen.queryByRole('alert')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByRole('alert').textContent).toBe('The code must not contain spaces.');
    expect(onSubmit).not.toHaveBeenCalled();

    language.set('ru');
    await Promise.resolve();
    expect(screen.getByRole('alert').textContent).toBe('Код не должен содержать пробелов.');
  });

  it('clears the field', async () => {
    render(CodeKeypad, { onSubmit: vi.fn(), label: 'Code' });
    await fireEvent.click(screen.getByRole('button', { name: '5' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(screen.getByRole('textbox', { name: 'Code' })).toHaveProperty('value', '');
  });

  it('has every key as a real button (keyboard operable) with digits 0–9', () => {
    render(CodeKeypad, { onSubmit: vi.fn(), label: 'Code' });
    for (const digit of '0123456789') expect(screen.getByRole('button', { name: digit }).tagName).toBe('BUTTON');
  });
});

describe('ScannerView', () => {
  it('labels the video, hides decoration and mirrors only the front camera', () => {
    const { container, unmount } = render(ScannerView, { facingMode: 'user', status: 'running' });
    const video = container.querySelector('video')!;
    expect(video.getAttribute('aria-label')).toBe('Camera view for scanning your payment QR code');
    expect(video.muted).toBe(true);
    expect(video.classList.contains('mirrored')).toBe(true);
    expect(container.querySelector('.guide')?.getAttribute('aria-hidden')).toBe('true');
    unmount();
    const back = render(ScannerView, { facingMode: 'environment', status: 'running' });
    expect(back.container.querySelector('video')?.classList.contains('mirrored')).toBe(false);
  });

  it('tells the customer when the camera is unavailable or restarting', async () => {
    const view = render(ScannerView, { facingMode: 'user', status: 'unavailable' });
    expect(screen.getByRole('status').textContent?.trim()).toBe(
      'The camera is not available. Type the code shown under your QR code, or use the hand scanner.',
    );
    await view.rerender({ facingMode: 'user', status: 'restarting' });
    expect(screen.getByRole('status').textContent?.trim()).toBe('Restarting the camera…');
  });
});
