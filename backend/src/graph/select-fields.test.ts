import { describe, expect, it } from 'vitest';
import { addInPropertyId, addInPropertyName, messageExpand } from './select-fields.ts';

describe('the add-in custom properties id (MS-OXCEXT 2.2.5)', () => {
  it('derives cecp-<id>: lower case, no braces, no urn:uuid prefix', () => {
    expect(addInPropertyName('5EED0000-0000-4000-8000-00000000ADE0')).toBe('cecp-5eed0000-0000-4000-8000-00000000ade0');
    expect(addInPropertyName('{5eed0000-0000-4000-8000-00000000ade0}')).toBe('cecp-5eed0000-0000-4000-8000-00000000ade0');
    expect(addInPropertyName('urn:uuid:5eed0000-0000-4000-8000-00000000ade0')).toBe('cecp-5eed0000-0000-4000-8000-00000000ade0');
    expect(addInPropertyId('5eed0000-0000-4000-8000-00000000ade0')).toBe('String {00020329-0000-0000-C000-000000000046} Name cecp-5eed0000-0000-4000-8000-00000000ade0');
  });

  it('expands it beside PidTagSensitivity in one $filter, or only the sensitivity without an add-in id', () => {
    expect(messageExpand(null)).toBe("singleValueExtendedProperties($filter=id eq 'Integer 0x0036')");
    expect(messageExpand('5eed0000-0000-4000-8000-00000000ade0')).toBe(
      "singleValueExtendedProperties($filter=id eq 'Integer 0x0036' or id eq 'String {00020329-0000-0000-C000-000000000046} Name cecp-5eed0000-0000-4000-8000-00000000ade0')",
    );
  });
});
