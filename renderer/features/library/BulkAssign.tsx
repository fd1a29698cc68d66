import { App, AutoComplete, Button, Form, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api';
import { useT } from '../../i18n';
import { errorText } from '../../shell/errors';
import { useLibrary } from './store';

interface Fields {
  agentNo: string;
  category: string;
}

/**
 * Ticked recordings given one agent and/or category at once (recordings.assign), each change kept in its history:
 * a folder of files whose names carried no agent can reach the agent's queue and reports in one step.
 */
export function BulkAssign() {
  const t = useT();
  const { message } = App.useApp();
  const { checked, clearChecked, facets, refresh } = useLibrary();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Fields>();
  if (checked.size === 0) return null;

  const save = async (v: Fields) => {
    const agentNo = v.agentNo?.trim() || undefined;
    const category = v.category?.trim() || undefined;
    if (!agentNo && !category) return void message.warning(t('lib.assign.nothing'));
    setSaving(true);
    try {
      const result = await call('recordings.assign', { ids: [...checked], agentNo, category });
      void message.success(
        t('lib.assign.done', { changed: result.changed }) +
          (result.evaluated.length ? t('lib.assign.evaluated', { count: result.evaluated.length }) : ''),
      );
      setOpen(false);
      clearChecked();
      refresh();
    } catch (e) {
      void message.error(t('lib.assign.failed', { error: errorText(t, e) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space className="lib-bulk" data-testid="library-bulk">
      <Typography.Text strong>{t('lib.assign.count', { count: checked.size })}</Typography.Text>
      <Button type="primary" size="small" onClick={() => setOpen(true)}>
        {t('lib.assign')}
      </Button>
      <Button size="small" onClick={clearChecked}>
        {t('lib.assign.clear')}
      </Button>
      <Modal
        open={open}
        title={t('lib.assign.title', { count: checked.size })}
        okText={t('lib.assign.ok')}
        cancelText={t('ev.edit.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form<Fields> form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="agentNo" label={t('ev.edit.agentNo')}>
            <AutoComplete
              allowClear
              options={(facets?.agents ?? []).map((a) => ({ value: a.agentNo, label: `${a.agentNo} ${a.name}` }))}
              filterOption={(input, option) => String(option?.label ?? '').includes(input)}
            />
          </Form.Item>
          <Form.Item name="category" label={t('ev.category')}>
            <AutoComplete allowClear options={(facets?.categories ?? []).map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t('lib.assign.help')}</Typography.Paragraph>
        </Form>
      </Modal>
    </Space>
  );
}
