import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScorecardVersionView } from '../../../shared/contracts/scorecards';
import {
  scorecardDraftDefinitionSchema,
  scorecardFileSchema,
  type ScorecardDefinition,
} from '../../../shared/scorecard';
import { call } from '../../api';
import { useT } from '../../i18n';
import { ScorecardEditor } from './ScorecardEditor';

const toDefinition = (v: ScorecardVersionView): ScorecardDefinition => ({
  name: v.name,
  channel: v.channel,
  description: v.description,
  // The list view repeats maxPoints as `points` on items; the stored definition does not have it.
  sections: v.sections.map((s) => ({ ...s, items: s.items.map(({ points: _points, ...item }) => item) })),
});

function download(name: string, data: unknown): void {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Card versions on the left; the selected one on the right (read-only when published, editable when a draft). */
export function ScorecardsPage() {
  const t = useT();
  const { message } = App.useApp();
  const [versions, setVersions] = useState<ScorecardVersionView[]>([]);
  const [selected, setSelected] = useState<{ id: string; version: number } | null>(null);
  const [def, setDef] = useState<ScorecardDefinition | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async (select?: { id: string; version: number }) => {
    const list = await call('scorecards.list', {});
    setVersions(list);
    const pick = select ?? null;
    if (pick) {
      const v = list.find((x) => x.id === pick.id && x.version === pick.version);
      setSelected(pick);
      setDef(v ? toDefinition(v) : null);
    }
  }, []);

  useEffect(() => {
    refresh().catch((e: unknown) => setError(String(e)));
  }, [refresh]);

  const current = versions.find((v) => v.id === selected?.id && v.version === selected?.version) ?? null;
  const readOnly = current?.status !== 'draft';

  const act = async (work: () => Promise<void>) => {
    try {
      await work();
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const saveDraft = (id: string, definition: ScorecardDefinition) =>
    act(async () => {
      const parsed = scorecardDraftDefinitionSchema.safeParse(definition);
      if (!parsed.success)
        throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const saved = await call('scorecards.saveDraft', { id, definition: parsed.data });
      await refresh({ id, version: saved.version });
      void message.success(t('sc.saved'));
    });

  const importFile = async (file: File) => {
    try {
      const parsed = scorecardFileSchema.parse(JSON.parse(await file.text()));
      const imported = await call('scorecards.import', { file: parsed });
      await refresh({ id: imported.id, version: imported.version });
      void message.success(t('sc.imported', { name: imported.name, version: imported.version }));
    } catch (e) {
      void message.error(t('sc.importFailed', { error: e instanceof Error ? e.message : String(e) }));
    }
  };

  return (
    <Row gutter={16} className="sc-page">
      <Col xs={24} lg={7}>
        <Card
          size="small"
          title={t('sc.title')}
          extra={
            <Space size={4}>
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() =>
                  void saveDraft(`card-${Date.now().toString(36)}`, {
                    name: t('sc.new'),
                    channel: 'phone',
                    description: '',
                    sections: [],
                  })
                }
              >
                {t('sc.new')}
              </Button>
              <Button size="small" icon={<UploadOutlined />} onClick={() => fileInput.current?.click()}>
                {t('sc.import')}
              </Button>
              <input
                ref={fileInput}
                type="file"
                accept="application/json,.json"
                hidden
                data-testid="scorecard-import"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void importFile(file);
                  e.target.value = '';
                }}
              />
            </Space>
          }
        >
          <List
            size="small"
            dataSource={versions}
            renderItem={(v) => (
              <List.Item
                className={v.id === selected?.id && v.version === selected?.version ? 'sc-selected' : ''}
                onClick={() => {
                  setSelected({ id: v.id, version: v.version });
                  setDef(toDefinition(v));
                }}
                style={{ cursor: 'pointer' }}
              >
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{v.name}</Typography.Text>
                  <Space size={4} wrap>
                    <Tag>{t('sc.version', { version: v.version })}</Tag>
                    <Tag color={v.status === 'published' ? 'green' : 'gold'}>{t(`sc.status.${v.status}`)}</Tag>
                    <Typography.Text type="secondary">{t('sc.usedBy', { count: v.evaluationCount })}</Typography.Text>
                  </Space>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} lg={17}>
        {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} />}
        {current && def ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              {readOnly ? (
                <Button type="primary" onClick={() => void saveDraft(current.id, def)}>
                  {t('sc.editAsNew')}
                </Button>
              ) : (
                <>
                  <Button onClick={() => void saveDraft(current.id, def)}>{t('sc.saveDraft')}</Button>
                  <Button
                    type="primary"
                    onClick={() =>
                      void act(async () => {
                        await call('scorecards.saveDraft', { id: current.id, definition: def });
                        const p = await call('scorecards.publish', { id: current.id, version: current.version });
                        await refresh({ id: p.id, version: p.version });
                        void message.success(t('sc.published', { version: p.version }));
                      })
                    }
                  >
                    {t('sc.publish')}
                  </Button>
                  <Button
                    danger
                    onClick={() =>
                      void act(async () => {
                        await call('scorecards.discardDraft', { id: current.id, version: current.version });
                        setSelected(null);
                        await refresh();
                      })
                    }
                  >
                    {t('sc.discard')}
                  </Button>
                </>
              )}
              <Button
                onClick={() =>
                  void act(async () => {
                    const file = await call('scorecards.export', { id: current.id, version: current.version });
                    download(`${current.id}-v${current.version}.json`, file);
                  })
                }
              >
                {t('sc.export')}
              </Button>
            </Space>
            {readOnly && <Alert type="info" showIcon message={t('sc.readonly')} />}
            <ScorecardEditor def={def} readOnly={readOnly} onChange={setDef} />
          </Space>
        ) : (
          <Empty description={t('sc.empty')} />
        )}
      </Col>
    </Row>
  );
}
