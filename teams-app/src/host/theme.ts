// The theme to paint: Teams' theme inside Teams; outside it a ?theme= override or the browser's colour scheme.
import type { ThemeVariant } from '../../../web-shared/src/index.ts';
import type { TeamsTheme } from './teams-host.ts';

export function variantOfTeamsTheme(theme: TeamsTheme): ThemeVariant {
  return theme === 'dark' ? 'dark' : theme === 'contrast' ? 'contrast' : 'light';
}

export function initialVariant(opts: { hosted: boolean; teamsTheme: TeamsTheme; override: string | null; prefersDark: boolean }): ThemeVariant {
  if (opts.override === 'dark' || opts.override === 'contrast' || opts.override === 'light') return opts.override;
  if (opts.override === 'default') return 'light';
  if (opts.hosted) return variantOfTeamsTheme(opts.teamsTheme);
  return opts.prefersDark ? 'dark' : 'light';
}
