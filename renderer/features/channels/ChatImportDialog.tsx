import type { ButtonProps } from 'antd';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import type { ChatImportResult, ChatProblemCode } from '../../../shared/channels';
import { ApiCallError, call, transport } from '../../api';
import { openRecording } from '../library/RecordingTable';
import { useT, type Translate } from '../../i18n';
import { errorText, TechDetail, errorDetail } from '../../shell/errors';

const chatFilter = { name: 'Chat', extensions: ['txt', 'csv', 'json', 'log'] };

/** The refusal in the user's words: each bad line with what is wrong with it, or why the file was refused. */
function refusalLines(t: Translate, error: unknown): string[] {
  if (!(error instanceof ApiCallError)) return [errorText(t, error)];
  if (error.reason === 'chat_parse' && error.details?.length) {
    return error.details.slice(0, 20).map((d) => {
      const problem = t(`ch.problem.${d.code as ChatProblemCode}`);
      return d.line ? t('ch.importChat.line', { line: d.line, problem }) : t('ch.importChat.file', { problem });
    });
  }
  if (error.reason === 'chat_format' || error.reason === 'chat_too_big' || error.reason === 'unreadable') {
    return [t(`ch.reason.${error.reason}`)];
  }
  return [errorText(t, error)];
}

interface Values {
  path: string;
  agentNo?: string;
  category?: string;
  date?: { format(f: string): string } | null;
}

/** One chat log into the library; a refused file lists its bad lines and nothing is imported. */
export function ChatImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const desktop = transport === 'electron';

  const pick = async () => {
    const { paths } = await call('native.pickPaths', {
      kind: 'files',
      title: t('ch.importChat.title'),
      filters: [chatFilter],
    });
    if (paths[0]) form.setFieldValue('path', paths[0]);
  };

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const result: ChatImportResult = await call('chats.import', {
        path: values.path.trim(),
        ...(values.agentNo?.trim() ? { agentNo: values.agentNo.trim() } : {}),
        ...(values.category?.trim() ? { category: values.category.trim() } : {}),
        ...(values.date ? { startedAt: `${values.date.format('YYYY-MM-DD')}T00:00:00` } : {}),
      });
      void message.success(
        result.duplicate ? t('ch.importChat.duplicate') : t('ch.importChat.done', { messages: result.messages }),
      );
      form.resetFields();
      onClose();
      openRecording(result.id, 'chat');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('ch.importChat.title')}
      okText={t('ch.importChat.ok')}
      cancelText={t('ch.transcript.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'chat-import-ok' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="chat-import-form">
        {!desktop && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ch.importChat.browser')} />}
        <Form.Item label={t('ch.importChat.path')} extra={t('ch.importChat.pathHint')} required htmlFor="chat-path">
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="path"
              noStyle
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('ch.visit.required', { field: t('ch.importChat.path') }),
                },
              ]}
            >
              <Input id="chat-path" autoFocus />
            </Form.Item>
            {desktop && <Button onClick={() => void pick()}>{t('ch.importChat.pick')}</Button>}
          </Space.Compact>
        </Form.Item>
        <Form.Item
          name="agentNo"
          label={t('ch.importChat.agentNo')}
          extra={t('ch.importChat.agentNoHint')}
          htmlFor="chat-agent"
        >
          <Input id="chat-agent" maxLength={64} />
        </Form.Item>
        <Space size="large">
          <Form.Item name="category" label={t('ch.importChat.category')} htmlFor="chat-category">
            <Input id="chat-category" maxLength={100} />
          </Form.Item>
          <Form.Item
            name="date"
            label={t('ch.importChat.startedAt')}
            extra={t('ch.importChat.startedAtHint')}
            htmlFor="chat-date"
          >
            <DatePicker id="chat-date" />
          </Form.Item>
        </Space>
      </Form>
      {error !== null && (
        <Alert
          type="error"
          showIcon
          data-testid="chat-import-error"
          title={t('ch.importChat.failed')}
          description={
            <>
              <ul className="ch-problems">
                {refusalLines(t, error).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              <TechDetail text={errorDetail(error)} />
            </>
          }
        />
      )}
    </Modal>
  );
}
