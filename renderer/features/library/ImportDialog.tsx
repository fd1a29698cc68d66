import { FileAddOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { call, transport } from '../../api';
import { useT } from '../../i18n';
import { ErrorAlert } from '../../shell/errors';
import { parsePathList } from './format';
import { useImport } from './import-store';
import { ImportProgress, ImportSummary } from './ImportStatus';

const audioFilter = { name: 'Audio', extensions: ['wav', 'mp3', 'ogg', 'opus', 'oga', 'flac'] };
const csvFilter = { name: 'CSV', extensions: ['csv'] };

function ChooseStep() {
  const t = useT();
  const { draft, editDraft } = useImport();
  const desktop = transport === 'electron';

  const pick = async (kind: 'files' | 'folder') => {
    const { paths } = await call('native.pickPaths', {
      kind,
      title: t('imp.title'),
      ...(kind === 'files' ? { filters: [audioFilter] } : {}),
    });
    if (paths.length) editDraft({ pathsText: [draft.pathsText.trim(), ...paths].filter(Boolean).join('\n') });
  };
  const pickManifest = async () => {
    const { paths } = await call('native.pickPaths', { kind: 'files', title: t('imp.manifest'), filters: [csvFilter] });
    if (paths[0]) editDraft({ manifest: paths[0] });
  };

  return (
    <Form layout="vertical">
      {desktop ? (
        <Space style={{ marginBottom: 12 }}>
          <Button icon={<FileAddOutlined />} onClick={() => void pick('files')}>
            {t('imp.pickFiles')}
          </Button>
          <Button icon={<FolderOpenOutlined />} onClick={() => void pick('folder')}>
            {t('imp.pickFolder')}
          </Button>
        </Space>
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('imp.paths.browser')} />
      )}
      <Form.Item label={t('imp.paths')} htmlFor="imp-paths">
        <Input.TextArea
          id="imp-paths"
          autoFocus
          rows={5}
          value={draft.pathsText}
          onChange={(e) => editDraft({ pathsText: e.target.value })}
          placeholder={'D:\\录音\\2024-03\n/media/usb/recordings'}
        />
      </Form.Item>
      <Form.Item label={t('imp.manifest')} htmlFor="imp-manifest" extra={t('imp.manifest.hint')}>
        <Space.Compact style={{ width: '100%' }}>
          <Input id="imp-manifest" value={draft.manifest} onChange={(e) => editDraft({ manifest: e.target.value })} />
          {desktop && <Button onClick={() => void pickManifest()}>{t('imp.pickManifest')}</Button>}
        </Space.Compact>
      </Form.Item>
      <Form.Item label={t('imp.channel')}>
        <Radio.Group
          value={draft.agentChannel}
          onChange={(e) => editDraft({ agentChannel: e.target.value as 0 | 1 })}
          options={[
            { value: 0, label: t('imp.channel.left') },
            { value: 1, label: t('imp.channel.right') },
          ]}
        />
      </Form.Item>
    </Form>
  );
}

/** The import dialog: choose paths → progress with Cancel → summary. Also shows the sample load's progress. */
export function ImportDialog() {
  const t = useT();
  const { phase, draft, result, error, cancelling, close, start, cancel, open } = useImport();
  const [invalid, setInvalid] = useState(false);

  const submit = () => {
    const paths = parsePathList(draft.pathsText);
    if (paths.length === 0) return setInvalid(true);
    setInvalid(false);
    void start(paths);
  };

  const footer =
    phase === 'choose' ? (
      <Space>
        <Button onClick={close}>{t('imp.close')}</Button>
        <Button type="primary" onClick={submit}>
          {t('imp.start')}
        </Button>
      </Space>
    ) : phase === 'running' ? (
      <Button danger loading={cancelling} onClick={() => void cancel()}>
        {t(cancelling ? 'imp.cancelling' : 'imp.cancel')}
      </Button>
    ) : (
      <Space>
        <Button onClick={() => open()}>{t('imp.again')}</Button>
        <Button type="primary" onClick={close} autoFocus>
          {t('imp.close')}
        </Button>
      </Space>
    );

  return (
    <Modal
      open={phase !== 'closed'}
      title={t('imp.title')}
      width={640}
      footer={footer}
      closable={phase !== 'running'}
      mask={{ closable: false }}
      keyboard={phase !== 'running'}
      onCancel={close}
      destroyOnHidden
    >
      {phase === 'choose' && (
        <>
          <ChooseStep />
          {invalid && <Typography.Text type="danger">{t('imp.noPaths')}</Typography.Text>}
        </>
      )}
      {phase === 'running' && <ImportProgress />}
      {phase === 'done' && error !== null && <ErrorAlert error={error} title={t('imp.failedAll')} />}
      {phase === 'done' && result && <ImportSummary result={result} />}
    </Modal>
  );
}
