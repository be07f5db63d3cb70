// Fluent UI v9 themes for the hosts' themes: Office and the browser use the web themes, Teams its own.
// Hosts that only give colours are mapped by background.ts, which the add-in uses without Teams' themes.
import {
  teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, webDarkTheme, webLightTheme, type Theme,
} from '@fluentui/react-components';
import type { ThemeVariant } from './background.ts';

export function fluentTheme(variant: ThemeVariant, flavour: 'web' | 'teams' = 'web'): Theme {
  if (variant === 'contrast') return teamsHighContrastTheme;
  if (flavour === 'teams') return variant === 'dark' ? teamsDarkTheme : teamsLightTheme;
  return variant === 'dark' ? webDarkTheme : webLightTheme;
}
