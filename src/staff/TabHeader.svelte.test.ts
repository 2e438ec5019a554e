import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { language } from './staff-i18n.ts';
import TabHeader from './TabHeader.svelte';

beforeEach(() => language.set('en'));
afterEach(() => cleanup());

describe('TabHeader', () => {
  it('heads the tab, refreshes on Refresh, and says nothing went wrong when nothing did', async () => {
    let refreshed = 0;
    render(TabHeader, { title: 'Card payments', onRefresh: () => void refreshed++ });
    expect(screen.getByRole('heading', { level: 2, name: 'Card payments' })).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(refreshed).toBe(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('holds Refresh while the tab is busy and shows why its list could not be read', () => {
    render(TabHeader, { title: 'Card payments', busy: true, error: 'journal is closed', onRefresh: () => undefined });
    expect((screen.getByRole('button', { name: 'Refresh' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('alert').textContent).toBe('journal is closed');
  });
});
