import { Alert, App, AutoComplete, Button, Form, Input, List, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { localDateTimeSchema } from '../../../shared/text';
import type { RecordingSummary } from '../../../shared/contracts/evaluations';
import type { RecordingChange, RecordingFacets } from '../../../shared/recording';
import { call } from '../../api';
import { formatDateTime, useI18n, useT } from '../../i18n';
import { errorText } from '../../shell/errors';
import { useEvaluate } from './store';

interface Fields {
  agentNo: string;
  agentName: string;
  /** YYYY-MM-DD HH:mm:ss as typed (the recorder's wall-clock time). */
  startedAt: string;
  callId: string;
  category: string;
}

/** The reason a re-score carries when it only brings the call's corrected details into the evaluation. */
export const correctionReason = '录音信息更正';

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

/**
 * Correcting a recording's details (a file name that said nothing, or said it wrong). The change is kept in the
 * recording's history. A submitted evaluation keeps the call as it was scored, which is what head office has; so
 * after correcting an evaluated call the inspector is offered a re-score with the reason 录音信息更正, which carries
 * the corrected details into a new revision (and the reports) without touching the scores.
 */
export function EditRecording({ recording, onClose }: { recording: RecordingSummary; onClose(): void }) {
  const t = useT();
  const language = useI18n((s) => s.language);
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [facets, setFacets] = useState<RecordingFacets | null>(null);
  const [history, setHistory] = useState<RecordingChange[]>([]);
  const [saving, setSaving] = useState(false);
  const [evaluated, setEvaluated] = useState(false);
  const agentNo = Form.useWatch('agentNo', form) ?? '';
  const known = facets?.agents.some((a) => a.agentNo === agentNo.trim()) ?? true;

  useEffect(() => {
    void call('recordings.facets', {}).then(setFacets, () => setFacets(null));
    void call('recordings.history', { id: recording.id }).then(setHistory, () => setHistory([]));
  }, [recording.id]);

  const save = async (values: Fields) => {
    setSaving(true);
    try {
      const result = await call('recordings.update', {
        id: recording.id,
        agentNo: orNull(values.agentNo),
        ...(values.agentName.trim() ? { agentName: values.agentName.trim() } : {}),
        startedAt: values.startedAt.trim() ? values.startedAt.trim().replace(' ', 'T') : null,
        callId: orNull(values.callId),
        category: orNull(values.category),
      });
      await useEvaluate.getState().load(recording.id);
      void message.success(t('ev.edit.saved'));
      if (result.evaluated.length > 0 && useEvaluate.getState().mode === 'locked') setEvaluated(true);
      else onClose();
    } catch (e) {
      void message.error(t('ev.edit.failed', { error: errorText(t, e) }));
    } finally {
      setSaving(false);
    }
  };

  const rescore = () => {
    const { startRescore, update } = useEvaluate.getState();
    startRescore();
    update({ reason: correctionReason });
    onClose();
  };

  return (
    <Modal
      open
      title={t('ev.edit.title')}
      onCancel={onClose}
      okText={t('ev.edit.save')}
      cancelText={t('ev.edit.cancel')}
      confirmLoading={saving}
      okButtonProps={{ disabled: evaluated }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {evaluated ? (
        <Alert
          type="info"
          showIcon
          data-testid="edit-rescore"
          title={t('ev.edit.evaluated')}
          description={
            <Button type="primary" onClick={rescore}>
              {t('ev.edit.rescore', { reason: correctionReason })}
            </Button>
          }
        />
      ) : (
        <Form<Fields>
          form={form}
          layout="vertical"
          onFinish={(v) => void save(v)}
          initialValues={{
            agentNo: recording.agentNo ?? '',
            agentName: '',
            startedAt: recording.startedAt?.replace('T', ' ') ?? '',
            callId: recording.callId ?? '',
            category: recording.category ?? '',
          }}
        >
          <Form.Item name="agentNo" label={t('ev.edit.agentNo')}>
            <AutoComplete
              allowClear
              options={(facets?.agents ?? []).map((a) => ({ value: a.agentNo, label: `${a.agentNo} ${a.name}` }))}
              filterOption={(input, option) => String(option?.label ?? '').includes(input)}
            />
          </Form.Item>
          {!known && (
            <Form.Item name="agentName" label={t('ev.edit.agentName')} extra={t('ev.edit.agentName.help')}>
              <Input maxLength={64} />
            </Form.Item>
          )}
          <Form.Item
            name="startedAt"
            label={t('ev.startedAt')}
            rules={[
              {
                validator: (_, v: string) =>
                  !v?.trim() || localDateTimeSchema.safeParse(v.trim().replace(' ', 'T')).success
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('ev.edit.time.invalid'))),
              },
            ]}
          >
            <Input placeholder="2024-03-05 09:30:00" maxLength={19} />
          </Form.Item>
          <Form.Item name="callId" label={t('ev.callId')}>
            <Input maxLength={128} />
          </Form.Item>
          <Form.Item name="category" label={t('ev.category')}>
            <AutoComplete allowClear options={(facets?.categories ?? []).map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        </Form>
      )}
      {history.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('ev.edit.history')}</Typography.Text>}
          dataSource={history}
          renderItem={(h) => (
            <List.Item>
              {t('ev.edit.change', {
                time: formatDateTime(language, h.changedAt),
                field: t(`ev.edit.field.${h.field}`),
                from: h.oldValue ?? '—',
                to: h.newValue ?? '—',
              })}
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}
