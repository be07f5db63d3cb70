// Office's theme as a Fluent theme variant. Office gives colours, not a name: a pure black or white body with the
// opposite text is its high-contrast theme; the browser's forced colours (Windows contrast themes) win over both.
import { variantForBackground, type ThemeVariant } from '../../../web-shared/src/index.ts';
import type { OfficeThemeColors } from '../host/outlook-host.ts';

const norm = (c: string | undefined) => c?.trim().toLowerCase().replace(/^#?([0-9a-f])([0-9a-f])([0-9a-f])$/, '#$1$1$2$2$3$3') ?? '';

export function forcedColors(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(forced-colors: active)').matches;
}

export function variantForOffice(theme: OfficeThemeColors | null, forced = forcedColors()): ThemeVariant {
  if (forced) return 'contrast';
  const [bg, fg] = [norm(theme?.bodyBackgroundColor), norm(theme?.bodyForegroundColor)];
  if ((bg === '#000000' && fg === '#ffffff') || (bg === '#ffffff' && fg === '#000000')) return 'contrast';
  return variantForBackground(theme?.bodyBackgroundColor) === 'dark' ? 'dark' : 'light';
}
