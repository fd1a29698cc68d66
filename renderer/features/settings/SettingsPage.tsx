import { App as AntApp, Button, Card, Descriptions, Form, Input, InputNumber, Segmented, Space } from 'antd';
import { useEffect } from 'react';
import type { Language, Settings } from '../../../shared/settings';
import { useT } from '../../i18n';
import { useApp } from '../../shell/app-store';
import { errorText } from '../../shell/errors';

type GeneralFields = Pick<
  Settings,
  | 'fileNamePattern'
  | 'deadAirSeconds'
  | 'voxSampleRate'
  | 'monthlyQuotaPerAgent'
  | 'reportDropPoints'
  | 'reportBelowScore'
  | 'reportTrendMonths'
>;

export function SettingsPage() {
  const t = useT();
  const { message } = AntApp.useApp();
  const { info, settings, updateSettings } = useApp();
  const [form] = Form.useForm<GeneralFields>();

  useEffect(() => {
    if (settings) form.setFieldsValue(settings);
  }, [settings, form]);

  const fail = (error: unknown) => message.error(t('settings.saveFailed', { error: errorText(t, error) }));

  const changeLanguage = (language: Language) => {
    updateSettings({ language }).catch(fail);
  };

  const save = (values: GeneralFields) => {
    updateSettings(values)
      .then(() => message.success(t('settings.saved')))
      .catch(fail);
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 880 }}>
      <Card title={t('settings.language')}>
        <Segmented<Language>
          aria-label={t('settings.language')}
          value={settings?.language ?? 'zh-CN'}
          onChange={changeLanguage}
          options={[
            { label: '简体中文', value: 'zh-CN' },
            { label: 'English', value: 'en' },
          ]}
        />
      </Card>
      <Card title={t('settings.general')}>
        <Form form={form} layout="vertical" onFinish={save} disabled={!settings}>
          <Form.Item
            name="fileNamePattern"
            label={t('settings.fileNamePattern')}
            extra={<span data-lang-exempt>{t('settings.fileNamePattern.help')}</span>}
            rules={[{ required: true, max: 200 }]}
          >
            <Input />
          </Form.Item>
          <Space size="large">
            <Form.Item name="deadAirSeconds" label={t('settings.deadAirSeconds')} rules={[{ required: true }]}>
              <InputNumber min={1} max={120} step={0.5} />
            </Form.Item>
            <Form.Item
              name="voxSampleRate"
              label={t('settings.voxSampleRate')}
              tooltip={t('settings.voxSampleRate.hint')}
              rules={[{ required: true }]}
            >
              <Segmented<number>
                aria-label={t('settings.voxSampleRate')}
                options={[
                  { label: '6 kHz', value: 6000 },
                  { label: '8 kHz', value: 8000 },
                ]}
              />
            </Form.Item>
            <Form.Item name="monthlyQuotaPerAgent" label={t('settings.monthlyQuota')} rules={[{ required: true }]}>
              <InputNumber min={1} max={1000} precision={0} />
            </Form.Item>
          </Space>
          <Space size="large" wrap>
            <Form.Item name="reportDropPoints" label={t('reports.settings.drop')} rules={[{ required: true }]}>
              <InputNumber min={0.5} max={100} step={0.5} />
            </Form.Item>
            <Form.Item name="reportBelowScore" label={t('reports.settings.below')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} step={1} />
            </Form.Item>
            <Form.Item name="reportTrendMonths" label={t('reports.settings.trendMonths')} rules={[{ required: true }]}>
              <InputNumber min={2} max={12} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              {t('settings.save')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card title={t('settings.about')}>
        {info && (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('settings.appVersion')}>{info.version}</Descriptions.Item>
            <Descriptions.Item label={t('settings.dataDir')}>{info.dataDir}</Descriptions.Item>
            <Descriptions.Item label={t('settings.database')}>{info.databasePath}</Descriptions.Item>
            <Descriptions.Item label={t('settings.schemaVersion')}>{info.schemaVersion}</Descriptions.Item>
            <Descriptions.Item label={t('settings.thirdParty')}>
              {/* Names of people, components and licences: the same in every language. */}
              <Space direction="vertical" size={4} data-lang-exempt>
                <span>{t('settings.thirdParty.mpg123')}</span>
                <span>{t('settings.thirdParty.ffmpeg')}</span>
              </Space>
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
    </Space>
  );
}
