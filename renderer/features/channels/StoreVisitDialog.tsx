import type { ButtonProps } from 'antd';
import { Alert, Button, DatePicker, Form, Input, Modal, Space, TimePicker } from 'antd';
import { useState } from 'react';
import type { StoreVisit } from '../../../shared/channels';
import { ApiCallError, call, transport } from '../../api';
import { openRecording } from '../library/RecordingTable';
import { useT } from '../../i18n';
import { ErrorAlert } from '../../shell/errors';

interface Values {
  storeName: string;
  visitDate: { format(f: string): string };
  visitTime?: { format(f: string): string } | null;
  visitor: string;
  agentNo?: string;
  notes?: string;
  /** Paths, one per line. */
  photos?: string;
}

type PhotoProblem = 'photo_unreadable' | 'photo_too_big' | 'photo_not_image';

/** A store visit (神秘顾客/暗访) entered by hand: no recording, the store, day and visitor; then it is scored. */
export function StoreVisitDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const required = (field: string) => [
    { required: true, whitespace: true, message: t('ch.visit.required', { field }) },
  ];

  const pickPhotos = async () => {
    const { paths } = await call('native.pickPaths', {
      kind: 'files',
      title: t('ch.visit.photos'),
      filters: [{ name: 'Images', extensions: ['jpg', 'jpeg', 'png', 'webp'] }],
    });
    const current = ((form.getFieldValue('photos') as string | undefined) ?? '').trim();
    if (paths.length) form.setFieldValue('photos', [current, ...paths].filter(Boolean).join('\n'));
  };

  const submit = async (v: Values) => {
    const photos = (v.photos ?? '')
      .split(/\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    setBusy(true);
    setError(null);
    try {
      const visit: StoreVisit = await call('visits.create', {
        storeName: v.storeName.trim(),
        visitDate: v.visitDate.format('YYYY-MM-DD'),
        ...(v.visitTime ? { visitTime: v.visitTime.format('HH:mm') } : {}),
        visitor: v.visitor.trim(),
        ...(v.agentNo?.trim() ? { agentNo: v.agentNo.trim() } : {}),
        ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}),
        ...(photos.length ? { photos } : {}),
      });
      form.resetFields();
      onClose();
      openRecording(visit.recordingId, 'store');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('ch.visit.title')}
      okText={t('ch.visit.ok')}
      cancelText={t('ch.transcript.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'visit-ok' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="visit-form">
        <Form.Item
          name="storeName"
          label={t('ch.visit.store')}
          rules={required(t('ch.visit.store'))}
          htmlFor="visit-store"
        >
          <Input id="visit-store" autoFocus maxLength={200} />
        </Form.Item>
        <div className="ch-form-row">
          <Form.Item
            name="visitDate"
            label={t('ch.visit.date')}
            rules={[{ required: true, message: t('ch.visit.required', { field: t('ch.visit.date') }) }]}
            htmlFor="visit-date"
          >
            <DatePicker id="visit-date" />
          </Form.Item>
          <Form.Item name="visitTime" label={t('ch.visit.time')} htmlFor="visit-time">
            <TimePicker id="visit-time" format="HH:mm" />
          </Form.Item>
        </div>
        <div className="ch-form-row">
          <Form.Item
            name="visitor"
            label={t('ch.visit.visitor')}
            rules={required(t('ch.visit.visitor'))}
            htmlFor="visit-visitor"
          >
            <Input id="visit-visitor" maxLength={100} />
          </Form.Item>
          <Form.Item
            name="agentNo"
            label={t('ch.visit.agentNo')}
            extra={t('ch.visit.agentNoHint')}
            htmlFor="visit-agent"
          >
            <Input id="visit-agent" maxLength={64} />
          </Form.Item>
        </div>
        <Form.Item name="notes" label={t('ch.visit.notes')} htmlFor="visit-notes">
          <Input.TextArea id="visit-notes" rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('ch.visit.photos')} extra={t('ch.visit.photosHint')} htmlFor="visit-photos">
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="photos" noStyle>
              <Input.TextArea id="visit-photos" rows={2} />
            </Form.Item>
            {transport === 'electron' && <Button onClick={() => void pickPhotos()}>{t('ch.visit.pickPhotos')}</Button>}
          </Space.Compact>
        </Form.Item>
      </Form>
      {error instanceof ApiCallError && error.reason === 'photos' ? (
        <Alert
          type="error"
          showIcon
          data-testid="visit-photos-error"
          title={t('ch.visit.photosFailed')}
          description={
            <ul className="ch-problems">
              {(error.details ?? []).map((d) => (
                <li key={d.line}>
                  {t('ch.visit.photoLine', { line: d.line ?? 0, problem: t(`ch.photo.${d.code as PhotoProblem}`) })}
                </li>
              ))}
            </ul>
          }
        />
      ) : (
        error !== null && <ErrorAlert error={error} />
      )}
    </Modal>
  );
}
