import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { CallbackImportResult } from '../../../../shared/callbacks';
import type { ErrorCode } from '../../../../shared/errors';
import { call, transport } from '../../../api';
import { useT } from '../../../i18n';
import { useApp } from '../../../shell/app-store';
import { errorCodeOf } from '../errors';
import { useReportsVersion } from '../refresh';

const fileFilter = { name: 'CSV / Excel', extensions: ['csv', 'xlsx'] };

/** 导入回访结果: a file (picked, or its path typed in browser mode), then what was imported and each refused row. */
export function CallbackImport() {
  const t = useT();
  const info = useApp((s) => s.info);
  const bump = useReportsVersion((s) => s.bump);
  const [open, setOpen] = useState(false);
  const [path, setPath] = useState('');
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<CallbackImportResult | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);

  const pick = async () => {
    const { paths } = await call('native.pickPaths', {
      kind: 'files',
      title: t('callbacks.import'),
      filters: [fileFilter],
    });
    if (paths[0]) setPath(paths[0]);
  };
  const run = async () => {
    setRunning(true);
    setError(null);
    setResult(null);
    try {
      const imported = await call('callbacks.import', { path: path.trim() });
      setResult(imported);
      if (imported.imported > 0) bump();
    } catch (e) {
      setError(errorCodeOf(e));
    } finally {
      setRunning(false);
    }
  };
  const show = () => {
    setResult(null);
    setError(null);
    if (!path) setPath(`${info?.dataDir ?? '.'}/回访结果.csv`);
    setOpen(true);
  };

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={show}>
        {t('callbacks.import')}
      </Button>
      <Modal
        open={open}
        title={t('callbacks.import')}
        onCancel={() => setOpen(false)}
        onOk={() => (result ? setOpen(false) : void run())}
        okButtonProps={{ loading: running, disabled: !path.trim() }}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item
            label={t('callbacks.import.path')}
            extra={transport === 'electron' ? undefined : t('callbacks.import.pathHelp')}
          >
            <Space.Compact style={{ width: '100%' }}>
              <Input aria-label={t('callbacks.import.path')} value={path} onChange={(e) => setPath(e.target.value)} />
              {transport === 'electron' && <Button onClick={() => void pick()}>{t('callbacks.import.pick')}</Button>}
            </Space.Compact>
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={t(`callbacks.error.${error}`)} />}
        {result && (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="callback-import-result">
            <Alert
              type={result.failed.length ? 'warning' : 'success'}
              showIcon
              title={t('callbacks.import.done', {
                imported: result.imported,
                linked: result.linked,
                duplicates: result.duplicates,
              })}
            />
            {result.failed.length > 0 && (
              <div>
                <Typography.Text>
                  {t('callbacks.import.failed', { count: new Set(result.failed.map((f) => f.row)).size })}
                </Typography.Text>
                <ul className="callback-failures">
                  {result.failed.slice(0, 50).map((f, i) => (
                    <li key={i}>
                      {f.column
                        ? t('callbacks.import.row', {
                            row: f.row,
                            column: f.column,
                            error: t(`callbacks.row.${f.error}`),
                          })
                        : t('callbacks.import.rowNoColumn', { row: f.row, error: t(`callbacks.row.${f.error}`) })}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </Space>
        )}
      </Modal>
    </>
  );
}
