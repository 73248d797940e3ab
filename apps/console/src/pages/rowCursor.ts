// Keyboard-first lists: one row of a table holds the focus (roving tabindex), ↑/↓ move it and
// Enter opens the row, so an agent works a queue without the mouse. The row is remembered by its
// key, so a poll that reorders or refills the list keeps it.
import { type KeyboardEvent, useState } from 'react';

export function useRowCursor<T>(rows: readonly T[] | undefined, keyOf: (row: T) => string, onOpen: (row: T) => void) {
  const [cursor, setCursor] = useState<string>();
  const list = rows ?? [];
  const index = Math.max(0, list.findIndex((r) => keyOf(r) === cursor));
  const current = list[index];
  const focusRow = (row: T | undefined) => {
    if (!row) return;
    setCursor(keyOf(row));
    document.querySelector<HTMLElement>(`tr[data-row-key="${CSS.escape(keyOf(row))}"]`)?.focus();
  };
  const onRow = (row: T) => {
    const at = current !== undefined && keyOf(row) === keyOf(current);
    return {
      tabIndex: at ? 0 : -1,
      'aria-current': at ? ('true' as const) : undefined,
      // Ant Design's own selected-row style: a light blue the text keeps its contrast on.
      className: at ? 'ant-table-row-selected' : undefined,
      onFocus: () => setCursor(keyOf(row)),
      onClick: () => {
        setCursor(keyOf(row));
        onOpen(row);
      },
      onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
        if (e.target !== e.currentTarget) return; // keys in a row's own buttons are theirs
        const i = list.findIndex((r) => keyOf(r) === keyOf(row));
        if (e.key === 'ArrowDown') focusRow(list[Math.min(list.length - 1, i + 1)]);
        else if (e.key === 'ArrowUp') focusRow(list[Math.max(0, i - 1)]);
        else if (e.key === 'Enter') onOpen(row);
        else return;
        e.preventDefault();
      },
    };
  };
  return { current, onRow, focus: () => focusRow(current) };
}
