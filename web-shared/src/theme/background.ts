// A host that only gives colours (Office's officeTheme) is mapped by the lightness of its background. Apart from
// theme.ts so that the add-in, which picks its own web themes, does not load Teams' themes with it.
export type ThemeVariant = 'light' | 'dark' | 'contrast';

/** Relative luminance (WCAG) of "#rrggbb" or "#rgb"; null when it is not a hex colour. */
export function luminance(hex: string | null | undefined): number | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex?.trim() ?? '');
  if (!m) return null;
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** Dark when the host's background is dark; light when it is light or unknown. */
export function variantForBackground(hex: string | null | undefined): ThemeVariant {
  const l = luminance(hex);
  return l !== null && l < 0.2 ? 'dark' : 'light';
}
