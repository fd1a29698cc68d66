import { DownloadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Space } from 'antd';
import { useState } from 'react';
import { calibrationFileName } from '../../../shared/calibration';
import { call, transport } from '../../api';
import { useT } from '../../i18n';
import { errorCodeOf } from '../reports/errors';
import { saveDownload, waitForPrintReady } from '../reports/ExportButtons';

type Format = 'xlsx' | 'pdf';
const filters: Record<Format, { name: string; extensions: string[] }> = {
  xlsx: { name: 'Excel', extensions: ['xlsx'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
};

/**
 * Excel or PDF of a session's results. The desktop app asks where with the system dialog and prints the PDF from its
 * own window; browser mode downloads the file through the browser (the core prints with Chromium), as the reports do.
 */
export function ExportResults({ id, name }: { id: string; name: string }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [running, setRunning] = useState(false);
  const failed = (e: unknown) => message.error(t(`cal.error.${errorCodeOf(e)}`));

  const run = async (format: Format, out: string | null) => {
    setRunning(true);
    try {
      const result = await call('calibration.export', {
        id,
        format,
        ...(out === null ? { download: true as const } : { out }),
      });
      if (result.content !== undefined) {
        saveDownload(result.fileName, result.content, format);
        void message.success(t('reports.export.downloaded', { name: result.fileName }));
      } else void message.success(t('cal.res.export.done', { path: result.path }));
    } catch (e) {
      void failed(e);
    } finally {
      setRunning(false);
    }
  };

  const desktop = async (format: Format) => {
    const saved = await call('native.savePath', {
      defaultName: calibrationFileName(name, format),
      filters: [filters[format]],
    });
    if (!saved.path) return;
    if (format === 'xlsx') return run(format, saved.path);
    const back = window.location.hash;
    setRunning(true);
    try {
      window.location.hash = `#/calibration/print?id=${encodeURIComponent(id)}`;
      await waitForPrintReady();
      const result = await call('native.printToPdf', { out: saved.path, landscape: true });
      void message.success(t('cal.res.export.done', { path: result.path }));
    } catch (e) {
      void failed(e);
    } finally {
      window.location.hash = back;
      setRunning(false);
    }
  };

  const start = (format: Format) => {
    if (transport === 'electron') void desktop(format);
    else void run(format, null);
  };

  return (
    <Space wrap>
      {(['xlsx', 'pdf'] as const).map((format) => (
        <Button key={format} icon={<DownloadOutlined />} loading={running} onClick={() => start(format)}>
          {t(`cal.res.export.${format}`)}
        </Button>
      ))}
    </Space>
  );
}
