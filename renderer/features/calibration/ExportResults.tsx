import { DownloadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Space } from 'antd';
import { useState } from 'react';
import { calibrationFileName } from '../../../shared/calibration';
import { call, transport } from '../../api';
import { useT } from '../../i18n';
import { useApp } from '../../shell/app-store';
import { errorCodeOf } from '../reports/errors';
import { SavePathModal, waitForPrintReady } from '../reports/ExportButtons';

type Format = 'xlsx' | 'pdf';
const filters: Record<Format, { name: string; extensions: string[] }> = {
  xlsx: { name: 'Excel', extensions: ['xlsx'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
};

/**
 * Excel or PDF of a session's results. The desktop app asks where with the system dialog and prints the PDF from its
 * own window; browser mode asks for a path and the core prints with Chromium (calibration.export).
 */
export function ExportResults({ id, name }: { id: string; name: string }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const info = useApp((s) => s.info);
  const [asking, setAsking] = useState<{ format: Format; path: string } | null>(null);
  const [running, setRunning] = useState(false);
  const failed = (e: unknown) => message.error(t(`cal.error.${errorCodeOf(e)}`));

  const run = async (format: Format, out: string) => {
    setRunning(true);
    try {
      const result = await call('calibration.export', { id, format, out });
      void message.success(t('cal.res.export.done', { path: result.path }));
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
    else setAsking({ format, path: `${info?.dataDir ?? '.'}/exports/${calibrationFileName(name, format)}` });
  };

  return (
    <Space wrap>
      {(['xlsx', 'pdf'] as const).map((format) => (
        <Button key={format} icon={<DownloadOutlined />} loading={running} onClick={() => start(format)}>
          {t(`cal.res.export.${format}`)}
        </Button>
      ))}
      <SavePathModal
        title={asking ? t(`cal.res.export.${asking.format}`) : ''}
        path={asking?.path ?? null}
        onChange={(path) => setAsking((a) => (a ? { ...a, path } : a))}
        onCancel={() => setAsking(null)}
        onOk={() => {
          if (!asking) return;
          setAsking(null);
          void run(asking.format, asking.path);
        }}
      />
    </Space>
  );
}
