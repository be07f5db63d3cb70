// What every dashboard chart shares: a colour per series that differs in each theme (the Fluent palette tokens
// all turn the same cyan in high contrast), a fill pattern per series so colour is never the only cue, the
// legend, the container's measured width, and "nice" axis steps.
import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';

type Variant = 'light' | 'dark' | 'contrast';

// Okabe-Ito's colour-blind-safe hues, darkened for a light background and lightened for a dark one; in high
// contrast the Teams high-contrast theme's own colours (cyan, yellow, green) and a few as bright.
const COLOURS: Record<Variant, string[]> = {
  light: ['#0072B2', '#C75200', '#007A5A', '#B04E8C', '#806600', '#4A4A9E'],
  dark: ['#56B4E9', '#F0A030', '#3DCB9A', '#E99AC8', '#E6D85C', '#A8A8FF'],
  contrast: ['#1AEBFF', '#FFFF01', '#3FF23F', '#FF8CFF', '#FFFFFF', '#FFA657'],
};

export interface Series { colour: string; pattern: string }

/** The theme the page is painted in: the FluentProvider's data-theme above the chart. */
export function useChartTheme(): { ref: RefObject<HTMLDivElement | null>; variant: Variant; width: number } {
  const ref = useRef<HTMLDivElement>(null);
  const [variant, setVariant] = useState<Variant>('light');
  const [width, setWidth] = useState(640);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const v = el.closest('[data-theme]')?.getAttribute('data-theme');
    setVariant(v === 'dark' || v === 'contrast' ? v : 'light');
    const measure = () => setWidth(Math.max(240, Math.floor(el.getBoundingClientRect().width) || 640));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return { ref, variant, width };
}

const PATTERNS = ['solid', 'stripes', 'dots', 'cross', 'rows', 'columns'] as const;

/** The k-th series' colour and pattern (a fill="url(#...)" the chart's <Patterns> defines). */
export function seriesStyle(variant: Variant, k: number, chartId: string): Series {
  const colour = COLOURS[variant][k % COLOURS[variant].length]!;
  const kind = PATTERNS[k % PATTERNS.length]!;
  return { colour, pattern: kind === 'solid' ? colour : `url(#${chartId}-p${k})` };
}

/** The pattern fills: the series colour over a darker (or, in dark themes, lighter) ground of the same hue. */
export function Patterns({ chartId, variant, count }: { chartId: string; variant: Variant; count: number }) {
  const ground = variant === 'light' ? '#FFFFFF' : '#000000';
  return (
    <defs>
      {Array.from({ length: count }, (_, k) => {
        const c = COLOURS[variant][k % COLOURS[variant].length]!;
        const kind = PATTERNS[k % PATTERNS.length]!;
        if (kind === 'solid') return null;
        const marks: Record<Exclude<typeof kind, 'solid'>, ReactNode> = {
          stripes: <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke={c} strokeWidth="2.6" />,
          dots: <circle cx="4" cy="4" r="2.4" fill={c} />,
          cross: <path d="M0,0 l8,8 M8,0 l-8,8" stroke={c} strokeWidth="1.8" />,
          rows: <path d="M0,2 h8 M0,6 h8" stroke={c} strokeWidth="2" />,
          columns: <path d="M2,0 v8 M6,0 v8" stroke={c} strokeWidth="2" />,
        };
        return (
          <pattern key={k} id={`${chartId}-p${k}`} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill={ground} />
            <rect width="8" height="8" fill={c} opacity={kind === 'dots' ? 0.35 : 0.25} />
            {marks[kind]}
          </pattern>
        );
      })}
    </defs>
  );
}

const useStyles = makeStyles({
  legend: { display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`, listStyleType: 'none', margin: 0, padding: 0, marginTop: tokens.spacingVerticalS },
  item: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, color: tokens.colorNeutralForeground1 },
  swatch: { flexShrink: 0, outline: `1px solid ${tokens.colorNeutralForeground1}` },
});

/** The legend as a list beside the chart, each swatch drawn with the series' own colour and pattern. */
export function Legend({ chartId, variant, names, styles }: { chartId: string; variant: Variant; names: string[]; styles?: number[] | undefined }) {
  const s = useStyles();
  return (
    <ul className={s.legend} aria-hidden="true">
      {names.map((name, k) => (
        <li key={name} className={s.item}>
          <svg width="16" height="16" className={s.swatch}>
            <Patterns chartId={`${chartId}-l${k}`} variant={variant} count={(styles?.[k] ?? k) + 1} />
            <rect width="16" height="16" fill={seriesStyle(variant, styles?.[k] ?? k, `${chartId}-l${k}`).pattern} />
          </svg>
          {name}
        </li>
      ))}
    </ul>
  );
}

/** Axis ticks at 1, 2 or 5 times a power of ten, about `count` of them, from 0 to at least max. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow);
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(v);
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

/** Text and grid colours that follow the theme (CSS variables work in style, not in SVG attributes). */
export const ink = { text: { fill: tokens.colorNeutralForeground1 }, muted: { fill: tokens.colorNeutralForeground2 }, grid: { stroke: tokens.colorNeutralStroke2 }, axis: { stroke: tokens.colorNeutralForeground2 } };
