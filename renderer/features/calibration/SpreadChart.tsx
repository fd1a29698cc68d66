import { Bar } from 'react-chartjs-2';
import type { ItemResult } from '../../../shared/calibration-math';
import { useT } from '../../i18n';
import { baseOptions, palette } from '../reports/charts';

/** An item's values on one axis: a share of its points (critical items: pass 100 %, fail 0 %). */
const share = (item: ItemResult, v: number | null) =>
  v === null ? null : Math.round((v / (item.kind === 'critical' ? 1 : item.maxPoints)) * 1000) / 10;

/**
 * The spread per item: a floating bar from the lowest to the highest score, the mean as a point, the items with the
 * most disagreement first (at most `limit`, only those where the inspectors differ).
 */
export function SpreadChart({
  items,
  callLabel,
  print,
  limit = 15,
}: {
  items: ItemResult[];
  callLabel: (sha256: string) => string;
  print: boolean;
  limit?: number;
}) {
  const t = useT();
  const shown = items.filter((i) => (i.spread ?? 0) > 0).slice(0, limit);
  if (!shown.length) return null;
  const labels = shown.map((i) => `${callLabel(i.sha256)} · ${i.itemName}`);
  const options = baseOptions<'bar'>(print);
  return (
    <div style={{ height: 60 + shown.length * 28 }} aria-label="calibration-spread-chart" role="img">
      <Bar
        data={{
          labels,
          datasets: [
            {
              type: 'bar' as const,
              label: t('cal.res.range'),
              data: shown.map((i) => [share(i, i.min) ?? 0, share(i, i.max) ?? 0] as [number, number]),
              backgroundColor: `${palette[0]}55`,
              borderColor: palette[0],
              borderWidth: 1,
            },
            {
              type: 'line' as const,
              label: t('cal.res.mean'),
              data: shown.map((i) => share(i, i.mean)),
              showLine: false,
              pointRadius: 5,
              pointStyle: 'rectRot',
              backgroundColor: palette[3],
              borderColor: palette[3],
            },
          ] as never,
        }}
        options={{
          ...options,
          indexAxis: 'y',
          scales: { x: { min: 0, max: 100, ticks: { callback: (v) => `${String(v)}%` } } },
        }}
      />
    </div>
  );
}
