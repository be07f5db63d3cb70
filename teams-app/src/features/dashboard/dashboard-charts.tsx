// The dashboard's charts, in their own chunk: @fluentui/react-charts (and d3 under it) is loaded only when a
// manager opens the dashboard. Each chart repeats a table shown beside it, which is the accessible version.
import { GroupedVerticalBarChart, LineChart, VerticalBarChart } from '@fluentui/react-charts';
import { tokens } from '@fluentui/react-components';

const PALETTE = [tokens.colorPaletteBlueBorderActive, tokens.colorPaletteTealBorderActive, tokens.colorPaletteMarigoldBorderActive, tokens.colorPaletteBerryBorderActive];

export interface SeriesChartProps {
  title: string;
  groups: { name: string; values: { legend: string; value: number }[] }[];
}

export function GroupedBars({ title, groups }: SeriesChartProps) {
  const legends = [...new Set(groups.flatMap((g) => g.values.map((v) => v.legend)))];
  return (
    <GroupedVerticalBarChart
      chartTitle={title}
      height={280}
      data={groups.map((g) => ({
        name: g.name,
        series: g.values.map((v) => ({ key: v.legend, legend: v.legend, data: v.value, color: PALETTE[legends.indexOf(v.legend) % PALETTE.length] })),
      }))}
      hideLegend={false}
      barWidth="auto"
      maxBarWidth={28}
    />
  );
}

export function TrendLines({ title, lines }: { title: string; lines: { legend: string; points: { x: Date; y: number }[] }[] }) {
  return (
    <LineChart
      height={280}
      data={{ chartTitle: title, lineChartData: lines.map((l, k) => ({ legend: l.legend, data: l.points, color: PALETTE[k % PALETTE.length] })) }}
    />
  );
}

/** format labels the value axis (euros in millions need more room than the chart's default 40 px margin). */
export function Bars({ title, bars, format }: { title: string; bars: { x: string; y: number; legend: string }[]; format?: (n: number) => string }) {
  return (
    <VerticalBarChart
      chartTitle={title}
      height={260}
      data={bars.map((b, k) => ({ ...b, color: PALETTE[k % PALETTE.length] }))}
      hideLegend
      // Bars as wide as their share of the axis, so a stage's name fits under its bar instead of being dropped.
      barWidth="auto"
      maxBarWidth={48}
      wrapXAxisLables
      margins={{ top: 20, bottom: 45, left: format ? 64 : 40, right: 20 }}
      {...(format ? { yAxisTickFormat: format } : {})}
    />
  );
}
