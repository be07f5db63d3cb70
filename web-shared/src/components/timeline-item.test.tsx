// @vitest-environment happy-dom
// The shared timeline row as the add-in's "Recent" list shows it: a note or call logged without a subject is titled
// by its note's first line, never "(no subject)"; an item whose content is withheld says so, in the reader's language.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { I18nProvider, createI18n } from '../index.ts';
import { TimelineItem, noteFirstLine, type TimelineItemData } from './timeline-item.tsx';

afterEach(cleanup);

const base: TimelineItemData = {
  id: 'i1', kind: 'note', direction: null, occurredAt: Date.UTC(2026, 11, 1, 9), subject: null, note: null, durationMinutes: null,
  redacted: false, participants: [{ role: 'from', address: 'sofia@suhde-demo.fi', displayName: 'Sofia Lindqvist' }],
};

function title(item: TimelineItemData, locale: 'en-US' | 'fi-FI' = 'en-US'): string {
  const { container } = render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider i18n={createI18n(locale)}>
        <TimelineItem item={item} now={Date.UTC(2026, 11, 2, 9)} as="div" />
      </I18nProvider>
    </FluentProvider>,
  );
  return container.querySelector('[data-interaction-id] span + div > span')!.textContent ?? '';
}

describe('TimelineItem', () => {
  it('titles a note or call without a subject by the first non-empty line of its note', () => {
    expect(title({ ...base, note: '\n  Agreed the pilot scope  \nPekka sends the PO on Friday' })).toBe('Agreed the pilot scope');
    expect(title({ ...base, kind: 'call', durationMinutes: 12, note: 'Called about the renewal' })).toBe('Called about the renewal');
    expect(title({ ...base, kind: 'email', subject: 'Tarjous', note: 'Internal remark' })).toBe('Tarjous');
  });

  it('says "(no subject)" only when there is neither a subject nor a note, in English and Finnish', () => {
    expect(title(base)).toBe('(no subject)');
    expect(title(base, 'fi-FI')).toBe('(ei aihetta)');
  });

  it('never shows a withheld item’s subject or note', () => {
    const t = title({ ...base, kind: 'email', subject: 'Secret budget', note: 'discount', redacted: true });
    expect(t).not.toMatch(/Secret|discount/);
    expect(t).toMatch(/private/);
  });

  it('shortens a long first line with an ellipsis', () => {
    expect(noteFirstLine('a'.repeat(200))).toHaveLength(120);
    expect(noteFirstLine('   \n  ')).toBeNull();
  });
});
