// The dashboard's charts, drawn as plain SVG: every bar labelled with its figure, a colour and a pattern per
// series that stay distinct in light, dark and high contrast, labels in the page's language, and axis labels
// thinned to the width there is. Each chart repeats a table shown beside it, which is the accessible version:
// the SVG is one image with the chart's title as its name.
import { useId } from 'react';
import { Legend, Patterns, ink, niceTicks, seriesStyle, useChartTheme } from './chart-kit.tsx';

const ROW = 30;
const FONT = 12;

/** Roughly how wide a label is drawn at 12 px (the chart lays out before any text is measured). */
const textWidth = (s: string) => s.length * 6.6;

export interface BarRow {
  label: string;
  value: number;
  /** The figure written at the bar's end. */
  valueLabel: string;
  /** Which colour and pattern: its index in the chart's series. */
  series: number;
  tooltip?: string;
}

/**
 * One bar a row, labelled on both sides. centred draws a funnel (each bar centred on the axis), otherwise bars
 * grow from the left. The scale is the chart's own: two charts never share an axis by accident.
 */
export function HBars({ title, rows, centred = false, legend }: { title: string; rows: BarRow[]; centred?: boolean; legend?: string[] }) {
  const id = useId().replace(/:/g, '');
  const { ref, variant, width } = useChartTheme();
  const left = Math.min(180, Math.max(...rows.map((r) => textWidth(r.label)), 40) + 12);
  const right = Math.min(200, Math.max(...rows.map((r) => textWidth(r.valueLabel)), 30) + 12);
  const area = Math.max(60, width - left - right);
  const max = Math.max(...rows.map((r) => r.value), 0) || 1;
  const height = rows.length * ROW + 8;
  return (
    <div ref={ref} data-chart={title}>
      <svg width={width} height={height} role="img" aria-label={title}>
        <Patterns chartId={id} variant={variant} count={Math.max(...rows.map((r) => r.series + 1), 1)} />
        {rows.map((r, k) => {
          const w = r.value > 0 ? Math.max(2, (r.value / max) * area) : 0;
          const x = centred ? left + (area - w) / 2 : left;
          const y = 4 + k * ROW;
          const st = seriesStyle(variant, r.series, id);
          return (
            <g key={r.label} data-bar={r.label}>
              {r.tooltip && <title>{r.tooltip}</title>}
              <text x={left - 8} y={y + ROW / 2} dominantBaseline="middle" textAnchor="end" fontSize={FONT} style={ink.text}>{r.label}</text>
              {w > 0 && <rect x={x} y={y + 4} width={w} height={ROW - 8} fill={st.pattern} stroke={st.colour} strokeWidth={1.5} />}
              <text x={centred ? left + area + 8 : x + w + 6} y={y + ROW / 2} dominantBaseline="middle" fontSize={FONT} style={ink.text}>{r.valueLabel}</text>
            </g>
          );
        })}
      </svg>
      {legend && <Legend chartId={id} variant={variant} names={legend} />}
    </div>
  );
}

export interface StackRow { label: string; values: number[] }

/** A row per person, one segment per series stacked, the total at the end; a count axis below. */
/** styles: each series' colour and pattern by index, so a channel looks the same in every chart. */
export function StackedRows({ title, rows, series, styles, format }: { title: string; rows: StackRow[]; series: string[]; styles?: number[]; format: (n: number) => string }) {
  const id = useId().replace(/:/g, '');
  const { ref, variant, width } = useChartTheme();
  const left = Math.min(180, Math.max(...rows.map((r) => textWidth(r.label)), 40) + 12);
  const right = 56;
  const area = Math.max(60, width - left - right);
  const totals = rows.map((r) => r.values.reduce((a, b) => a + b, 0));
  const ticks = niceTicks(Math.max(...totals, 0), Math.max(2, Math.min(6, Math.floor(area / 80))));
  const top = ticks[ticks.length - 1]!;
  const height = rows.length * ROW + 28;
  const xOf = (v: number) => left + (v / top) * area;
  return (
    <div ref={ref} data-chart={title}>
      <svg width={width} height={height} role="img" aria-label={title}>
        <Patterns chartId={id} variant={variant} count={Math.max(series.length, ...(styles ?? []).map((x) => x + 1))} />
        {ticks.map((t) => (
          <g key={t}>
            <line x1={xOf(t)} x2={xOf(t)} y1={0} y2={rows.length * ROW + 4} style={ink.grid} />
            <text x={xOf(t)} y={rows.length * ROW + 20} textAnchor="middle" fontSize={FONT - 1} style={ink.muted}>{format(t)}</text>
          </g>
        ))}
        {rows.map((r, k) => {
          const y = 4 + k * ROW;
          let at = 0;
          return (
            <g key={r.label} data-row={r.label}>
              <text x={left - 8} y={y + ROW / 2} dominantBaseline="middle" textAnchor="end" fontSize={FONT} style={ink.text}>{r.label}</text>
              {r.values.map((v, s) => {
                const x = xOf(at);
                at += v;
                const st = seriesStyle(variant, styles?.[s] ?? s, id);
                return v > 0 ? (
                  <rect key={s} x={x} y={y + 4} width={Math.max(1, xOf(at) - x)} height={ROW - 8} fill={st.pattern} stroke={st.colour} strokeWidth={1}>
                    <title>{`${r.label}: ${series[s]} ${format(v)}`}</title>
                  </rect>
                ) : null;
              })}
              <text x={xOf(totals[k]!) + 6} y={y + ROW / 2} dominantBaseline="middle" fontSize={FONT} style={ink.text}>{format(totals[k]!)}</text>
            </g>
          );
        })}
      </svg>
      <Legend chartId={id} variant={variant} names={series} styles={styles} />
    </div>
  );
}

export interface WeekColumn {
  /** The week's short label ("W41", "vk 41"). */
  label: string;
  /** Written under the label where a new month starts ("Oct", "loka"). */
  month: string | null;
  tooltip: string;
  values: number[];
}

/**
 * A column per week, the series stacked. Week labels are thinned to one every n columns so none overlap at
 * the chart's width; a month's name is written under the first week that starts in it.
 */
export function WeeklyColumns({ title, weeks, series, styles, format }: { title: string; weeks: WeekColumn[]; series: string[]; styles?: number[]; format: (n: number) => string }) {
  const id = useId().replace(/:/g, '');
  const { ref, variant, width } = useChartTheme();
  const totals = weeks.map((w) => w.values.reduce((a, b) => a + b, 0));
  const chartH = 200;
  const ticks = niceTicks(Math.max(...totals, 0), 4);
  const top = ticks[ticks.length - 1]!;
  const left = Math.max(...ticks.map((t) => textWidth(format(t))), 16) + 12;
  const area = Math.max(60, width - left - 8);
  const slot = area / Math.max(1, weeks.length);
  const every = Math.max(1, Math.ceil((Math.max(...weeks.map((w) => textWidth(w.label)), 20) + 10) / slot));
  const yOf = (v: number) => 8 + chartH - (v / top) * chartH;
  const barW = Math.max(2, Math.min(40, slot * 0.7));
  return (
    <div ref={ref} data-chart={title}>
      <svg width={width} height={chartH + 52} role="img" aria-label={title}>
        <Patterns chartId={id} variant={variant} count={Math.max(series.length, ...(styles ?? []).map((x) => x + 1))} />
        {ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={left + area} y1={yOf(t)} y2={yOf(t)} style={ink.grid} />
            <text x={left - 6} y={yOf(t)} dominantBaseline="middle" textAnchor="end" fontSize={FONT - 1} style={ink.muted}>{format(t)}</text>
          </g>
        ))}
        {weeks.map((w, k) => {
          const cx = left + slot * k + slot / 2;
          let at = 0;
          return (
            <g key={k} data-week={w.label}>
              <title>{w.tooltip}</title>
              {w.values.map((v, s) => {
                const y1 = yOf(at);
                at += v;
                const st = seriesStyle(variant, styles?.[s] ?? s, id);
                return v > 0 ? <rect key={s} x={cx - barW / 2} y={yOf(at)} width={barW} height={Math.max(1, y1 - yOf(at))} fill={st.pattern} stroke={st.colour} strokeWidth={1} /> : null;
              })}
              {k % every === 0 && <text x={cx} y={chartH + 26} textAnchor="middle" fontSize={FONT - 1} style={ink.text}>{w.label}</text>}
              {w.month && <text x={left + slot * k + 2} y={chartH + 44} fontSize={FONT - 1} style={ink.muted}>{w.month}</text>}
            </g>
          );
        })}
        <line x1={left} x2={left + area} y1={yOf(0)} y2={yOf(0)} style={ink.axis} />
      </svg>
      <Legend chartId={id} variant={variant} names={series} styles={styles} />
    </div>
  );
}
