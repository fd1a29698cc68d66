import { DownloadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Progress, Space } from 'antd';
import { useEffect, useState } from 'react';
import { reportFileName, resolvePeriod, type ExportFormat, type ReportKind } from '../../../shared/report';
import { call, onEvent, transport } from '../../api';
import { useT } from '../../i18n';
import { errorCodeOf } from './errors';
import { scopeInput, scoreModeInput } from './scope';
import { useReports, type ReportFilter } from './store';

export function printHash(report: ReportKind, f: ReportFilter): string {
  const params = new URLSearchParams({ report, from: f.from, to: f.to, ...scopeInput(f), ...scoreModeInput(f) });
  return `#/reports/print?${params.toString()}`;
}

const filters: Record<ExportFormat, { name: string; extensions: string[] }> = {
  xlsx: { name: 'Excel', extensions: ['xlsx'] },
  csv: { name: 'CSV', extensions: ['csv'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
};

export function waitForPrintReady(timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (document.querySelector('[data-print-ready="true"]')) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error('The print view did not finish loading.'));
      else setTimeout(tick, 100);
    };
    tick();
  });
}

const mimeTypes: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
  pdf: 'application/pdf',
};

/** Hands the file to the browser as a download, like any web page's export. */
export function saveDownload(fileName: string, base64: string, format: ExportFormat): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([bytes], { type: mimeTypes[format] }));
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/**
 * Excel / CSV / PDF for the report on screen. The desktop app asks where to save with the system dialog and prints
 * PDFs from its own window; browser mode downloads the file through the browser (the core prints PDFs with
 * Chromium), never asking for a path on the computer the app runs on.
 */
export function ExportButtons({ report, filter }: { report: ReportKind; filter: ReportFilter }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const teams = useReports((s) => s.options?.teams ?? []);
  const [running, setRunning] = useState<{ jobId: string; percent: number } | null>(null);

  useEffect(
    () =>
      onEvent('job.progress', (p) => {
        setRunning((r) =>
          r && p.jobId === r.jobId ? { ...r, percent: Math.round((100 * p.done) / Math.max(1, p.total)) } : r,
        );
      }),
    [],
  );

  const teamName = filter.team ? (teams.find((x) => x.id === filter.team)?.name ?? filter.team) : null;
  // The core names the file the same way (team, else site, else scope): the path offered is the path written.
  const fileName = (format: ExportFormat) =>
    reportFileName(
      report,
      { scope: filter.scope, teamName, site: filter.site },
      resolvePeriod(filter.from, filter.to),
      format,
    );
  const failed = (error: unknown) => message.error(t(`reports.export.error.${errorCodeOf(error)}`));

  const run = async (format: ExportFormat, out: string | null) => {
    const jobId = crypto.randomUUID();
    setRunning({ jobId, percent: 0 });
    try {
      const result = await call('reports.export', {
        report,
        from: filter.from,
        to: filter.to,
        ...scopeInput(filter),
        ...scoreModeInput(filter),
        format,
        ...(out === null ? { download: true as const } : { out }),
        jobId,
      });
      if (result.content !== undefined) {
        saveDownload(result.fileName, result.content, format);
        message.success(t('reports.export.downloaded', { name: result.fileName }));
      } else message.success(t('reports.export.done', { path: result.path }));
    } catch (error) {
      failed(error);
    } finally {
      setRunning(null);
    }
  };

  const desktopExport = async (format: ExportFormat) => {
    const saved = await call('native.savePath', { defaultName: fileName(format), filters: [filters[format]] });
    if (!saved.path) return;
    if (format !== 'pdf') return run(format, saved.path);
    const back = window.location.hash;
    setRunning({ jobId: 'print', percent: 50 });
    try {
      window.location.hash = printHash(report, filter);
      await waitForPrintReady();
      const result = await call('native.printToPdf', { out: saved.path, landscape: true });
      message.success(t('reports.export.done', { path: result.path }));
    } catch (error) {
      failed(error);
    } finally {
      window.location.hash = back;
      setRunning(null);
    }
  };

  const start = (format: ExportFormat) => {
    if (transport === 'electron') void desktopExport(format);
    else void run(format, null);
  };

  return (
    <Space wrap>
      {(['xlsx', 'csv', 'pdf'] as const).map((format) => (
        <Button key={format} icon={<DownloadOutlined />} disabled={running !== null} onClick={() => start(format)}>
          {t(`reports.export.${format}`)}
        </Button>
      ))}
      {running && (
        <Progress type="circle" size={28} percent={running.percent} aria-label={t('reports.export.running')} />
      )}
    </Space>
  );
}
