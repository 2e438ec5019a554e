import { cleanup, render, screen, within } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Attempt } from './ports.ts';
import { language } from './staff-i18n.ts';
import PaymentsTable from './PaymentsTable.svelte';

beforeEach(() => language.set('en'));
afterEach(() => cleanup());

// Only what the table itself reads; the tab's cells (snippets here) read the rest.
const payment = (id: string, orderNumber: string): Attempt => ({ id, orderNumber, createdAt: '2026-11-29T09:05:07Z' }) as Attempt;

const snippets = {
  columns: createRawSnippet(() => ({ render: () => '<th scope="col">Amount</th>' })),
  cells: createRawSnippet((a: () => Attempt) => ({ render: () => `<td class="num">${a().id} amount</td>` })),
  action: createRawSnippet((a: () => Attempt) => ({ render: () => `<button type="button">Refund ${a().orderNumber}</button>` })),
};

describe('PaymentsTable', () => {
  it('shows nothing before the first read has answered', () => {
    render(PaymentsTable, { payments: [], loaded: false, empty: 'No card payments today.', ...snippets });
    expect(screen.queryByText('No card payments today.')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('says there are none when the read found none', () => {
    render(PaymentsTable, { payments: [], loaded: true, empty: 'No card payments today.', ...snippets });
    expect(screen.getByText('No card payments today.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('lists each payment: time, order, the tab’s own cells, then its action under a named column', () => {
    render(PaymentsTable, { payments: [payment('a-1', '12'), payment('a-2', '13')], loaded: true, empty: 'none', ...snippets });
    const headers = screen.getAllByRole('columnheader').map((th) => th.textContent?.trim());
    expect(headers).toEqual(['Time', 'Order', 'Amount', 'Actions']);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const cells = within(rows[0]!).getAllByRole('cell');
    expect(cells.map((td) => td.textContent?.trim()).slice(1)).toEqual(['12', 'a-1 amount', 'Refund 12']);
    expect(cells[0]?.textContent).toMatch(/\d{2}:\d{2}:\d{2}/);
    expect(within(rows[1]!).getByRole('button', { name: 'Refund 13' })).toBeTruthy();
  });
});
