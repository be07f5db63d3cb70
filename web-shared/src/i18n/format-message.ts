// A small ICU-style message formatter: "{name}" and "{n, plural, one {# day} other {# days}}" (with "=0" and
// the CLDR categories of Intl.PluralRules). Enough for our resource files without a message-format library.

export type MessageVars = Record<string, string | number>;

function findClose(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

export function formatMessage(template: string, vars: MessageVars, locale: string, formatNumber: (n: number) => string): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open === -1) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const close = findClose(template, open);
    if (close === -1) {
      out += template.slice(open);
      break;
    }
    const body = template.slice(open + 1, close);
    const plural = /^\s*(\w+)\s*,\s*plural\s*,(.*)$/s.exec(body);
    if (plural) {
      const value = Number(vars[plural[1]!] ?? 0);
      const options = new Map<string, string>();
      const spec = plural[2]!;
      let j = 0;
      while (j < spec.length) {
        const m = /\s*(=\d+|\w+)\s*\{/y;
        m.lastIndex = j;
        const hit = m.exec(spec);
        if (!hit) break;
        const start = m.lastIndex - 1;
        const end = findClose(spec, start);
        options.set(hit[1]!, spec.slice(start + 1, end));
        j = end + 1;
      }
      const chosen = options.get(`=${value}`) ?? options.get(new Intl.PluralRules(locale).select(value)) ?? options.get('other') ?? '';
      out += formatMessage(chosen.replace(/#/g, formatNumber(value)), vars, locale, formatNumber);
    } else {
      const name = body.trim();
      const v = vars[name];
      out += v === undefined ? `{${name}}` : typeof v === 'number' ? formatNumber(v) : v;
    }
    i = close + 1;
  }
  return out;
}
