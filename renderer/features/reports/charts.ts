import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  RadialLinearScale,
  Tooltip,
  type ChartOptions,
} from 'chart.js';

// The controllers too: the site ranking mixes a line (the overall average) into a bar chart.
Chart.register(
  BarController,
  LineController,
  CategoryScale,
  LinearScale,
  RadialLinearScale,
  BarElement,
  LineElement,
  PointElement,
  Filler,
  Tooltip,
  Legend,
);

export const palette = ['#1f6feb', '#f5a623', '#2da44e', '#cf222e', '#8250df', '#0a8f8f', '#bf8700', '#6e7781'];

/** Printed charts draw once, without animation, so the PDF captures the final frame. */
export function baseOptions<T extends 'bar' | 'line' | 'radar'>(print: boolean): ChartOptions<T> {
  return {
    animation: print ? false : undefined,
    responsive: true,
    maintainAspectRatio: false,
    devicePixelRatio: print ? 2 : undefined,
    plugins: { legend: { position: 'bottom' } },
  } as ChartOptions<T>;
}

/** Section scores as a share of the section's points, so 4.34 of 5 and 42.86 of 50 sit on one axis. */
export const rate = (value: number | null | undefined, points: number): number | null =>
  value === null || value === undefined || points <= 0 ? null : Math.round((value / points) * 1000) / 10;
