import { Bar, Chart } from 'react-chartjs-2';
import type { CallbackSection } from '../../../../shared/callbacks';
import { useT } from '../../../i18n';
import { baseOptions, palette } from '../charts';

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}%`);

/** Per month: call-backs and the two satisfied counts as bars, the satisfaction rate as a line on its own axis. */
export function CallbackMonthsChart({ data, print = false }: { data: CallbackSection; print?: boolean }) {
  const t = useT();
  const label = data.months.map((m) => `${m.month} ${pct(m.rate)}`).join('，');
  return (
    <div className="report-chart" role="img" aria-label="callback-months-chart">
      <Chart<'bar' | 'line', (number | null)[], string>
        type="bar"
        aria-label={`${t('callbacks.chart.months')}：${label}`}
        options={{
          ...baseOptions<'bar' | 'line'>(print),
          scales: {
            y: { beginAtZero: true, position: 'left' },
            rate: { min: 0, max: 100, position: 'right', grid: { drawOnChartArea: false } },
          },
        }}
        data={{
          labels: data.months.map((m) => m.month),
          datasets: [
            {
              type: 'line' as const,
              label: `${t('callbacks.rate')}（%）`,
              yAxisID: 'rate',
              data: data.months.map((m) => m.rate),
              borderColor: palette[3],
              backgroundColor: palette[3],
            },
            ...(
              [
                ['callbacks.total', 'total', 0],
                ['callbacks.timeSatisfied', 'timeSatisfied', 1],
                ['callbacks.overallSatisfied', 'overallSatisfied', 2],
              ] as const
            ).map(([key, field, colour]) => ({
              type: 'bar' as const,
              label: t(key),
              maxBarThickness: 40,
              data: data.months.map((m) => m[field]),
              backgroundColor: palette[colour],
            })),
          ],
        }}
      />
    </div>
  );
}

/** Per caller group, the satisfaction rate of each month side by side. */
export function CallbackGroupsChart({ data, print = false }: { data: CallbackSection; print?: boolean }) {
  const t = useT();
  const months = data.months.map((m) => m.month);
  const groups = data.groupTotals.map((g) => g.group);
  return (
    <div className="report-chart" role="img" aria-label="callback-groups-chart">
      <Bar
        aria-label={t('callbacks.chart.groups')}
        options={{ ...baseOptions<'bar'>(print), scales: { y: { min: 0, max: 100 } } }}
        data={{
          labels: groups,
          datasets: months.map((month, i) => ({
            label: month,
            maxBarThickness: 40,
            data: groups.map((g) => data.groups.find((x) => x.month === month && x.group === g)?.rate ?? null),
            backgroundColor: palette[i % palette.length],
          })),
        }}
      />
    </div>
  );
}
