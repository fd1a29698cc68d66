import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScorecardVersionView } from '../../../shared/contracts/scorecards';
import { scorecardFileSchema, type ScorecardDefinition } from '../../../shared/scorecard';
import { call } from '../../api';
import { useT } from '../../i18n';
import { ErrorAlert, errorText } from '../../shell/errors';
import { describeChanges, sameDefinition } from './diff';
import { ScorecardEditor } from './ScorecardEditor';
import { ScorecardView } from './ScorecardView';
import { useDraftAutosave } from './use-draft-autosave';
import './scorecards.css';

export const toDefinition = (v: ScorecardVersionView): ScorecardDefinition => ({
  name: v.name,
  channel: v.channel as ScorecardDefinition['channel'],
  description: v.description,
  // The list view repeats maxPoints as `points` on items; the stored definition does not have it.
  sections: v.sections.map((s) => ({ ...s, items: s.items.map(({ points: _points, ...item }) => item) })),
  ...(v.requireCommentOnDeduction !== undefined ? { requireCommentOnDeduction: v.requireCommentOnDeduction } : {}),
  ...(v.rootCauses !== undefined ? { rootCauses: v.rootCauses } : {}),
  ...(v.requireRootCause !== undefined ? { requireRootCause: v.requireRootCause } : {}),
});

function download(name: string, data: unknown): void {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Card versions on the left; the selected one on the right (a document when published, the editor when a draft). */
export function ScorecardsPage() {
  const t = useT();
  const { message, modal } = App.useApp();
  const [versions, setVersions] = useState<ScorecardVersionView[]>([]);
  const [selected, setSelected] = useState<{ id: string; version: number } | null>(null);
  const [def, setDef] = useState<ScorecardDefinition | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async (select?: { id: string; version: number }) => {
    const list = await call('scorecards.list', {});
    setVersions(list);
    if (select) {
      const v = list.find((x) => x.id === select.id && x.version === select.version);
      setSelected(select);
      setDef(v ? toDefinition(v) : null);
    }
  }, []);

  useEffect(() => {
    refresh().catch(setError);
  }, [refresh]);

  const current = versions.find((v) => v.id === selected?.id && v.version === selected?.version) ?? null;
  const readOnly = current?.status !== 'draft';
  const autosave = useDraftAutosave(current && !readOnly ? current.id : null, def);
  const lastPublished =
    current && versions.find((v) => v.id === current.id && v.status === 'published' && v.version < current.version);
  const unchanged = !readOnly && def && lastPublished ? sameDefinition(toDefinition(lastPublished), def) : false;

  const act = async (work: () => Promise<void>) => {
    try {
      await work();
      setError(null);
    } catch (e) {
      setError(e);
    }
  };

  const select = async (v: ScorecardVersionView) => {
    // Whatever was typed in the draft being left is saved first.
    await autosave.flush();
    setSelected({ id: v.id, version: v.version });
    setDef(toDefinition(v));
  };

  const newDraft = (id: string, definition: ScorecardDefinition) =>
    act(async () => {
      await autosave.flush();
      const saved = await call('scorecards.saveDraft', { id, definition });
      await refresh({ id, version: saved.version });
    });

  const publish = () => {
    if (!current || !def || unchanged) return;
    const changes = describeChanges(t, lastPublished ? toDefinition(lastPublished) : null, def);
    modal.confirm({
      title: t('sc.confirm.title', { version: current.version }),
      width: 560,
      content: (
        <div data-testid="publish-changes">
          <Typography.Paragraph>{t('sc.confirm.body')}</Typography.Paragraph>
          <ul className="sc-changes">
            {changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      ),
      okText: t('sc.confirm.ok'),
      cancelText: t('sc.confirm.cancel'),
      onOk: () =>
        act(async () => {
          await autosave.flush();
          const p = await call('scorecards.publish', { id: current.id, version: current.version });
          await refresh({ id: p.id, version: p.version });
          void message.success(t('sc.published', { version: p.version }));
        }),
    });
  };

  const importFile = async (file: File) => {
    let parsed;
    try {
      parsed = scorecardFileSchema.parse(JSON.parse(await file.text()));
    } catch {
      void message.error(t('sc.importInvalid'));
      return;
    }
    try {
      const imported = await call('scorecards.import', { file: parsed });
      await refresh({ id: imported.id, version: imported.version });
      void message.success(t('sc.imported', { name: imported.name, version: imported.version }));
    } catch (e) {
      void message.error(t('sc.importFailed', { error: errorText(t, e) }));
    }
  };

  return (
    <Row gutter={16} className="sc-page">
      <Col xs={24} lg={7}>
        <Card
          size="small"
          title={<h2 className="sc-card-title">{t('sc.title')}</h2>}
          extra={
            <Space size={4}>
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() =>
                  void newDraft(`card-${Date.now().toString(36)}`, {
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
                aria-label={t('sc.import')}
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
              <List.Item className={v.id === selected?.id && v.version === selected?.version ? 'sc-selected' : ''}>
                <button type="button" className="sc-list-button" onClick={() => void select(v)}>
                  <Typography.Text strong>{v.name}</Typography.Text>
                  <Space size={4} wrap>
                    <Tag>{t('sc.version', { version: v.version })}</Tag>
                    <Tag color={v.status === 'published' ? 'green' : 'gold'}>{t(`sc.status.${v.status}`)}</Tag>
                    <Typography.Text type="secondary">{t('sc.usedBy', { count: v.evaluationCount })}</Typography.Text>
                  </Space>
                </button>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} lg={17}>
        {error !== null && <ErrorAlert error={error} />}
        {current && def ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap>
              {readOnly ? (
                <Button type="primary" onClick={() => void newDraft(current.id, def)}>
                  {t('sc.editAsNew')}
                </Button>
              ) : (
                <>
                  <Button type="primary" onClick={publish} disabled={unchanged} data-testid="scorecard-publish">
                    {t('sc.publish')}
                  </Button>
                  <Button
                    danger
                    onClick={() =>
                      void act(async () => {
                        autosave.cancel();
                        await call('scorecards.discardDraft', { id: current.id, version: current.version });
                        setSelected(null);
                        await refresh();
                      })
                    }
                  >
                    {t('sc.discard')}
                  </Button>
                  <Typography.Text type="secondary" data-testid="scorecard-autosave">
                    {autosave.text}
                  </Typography.Text>
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
            {unchanged && lastPublished && (
              <Alert type="info" showIcon title={t('sc.unchanged', { version: lastPublished.version })} />
            )}
            {readOnly ? (
              <>
                <Alert type="info" showIcon title={t('sc.readonly')} />
                <ScorecardView def={def} />
              </>
            ) : (
              <ScorecardEditor def={def} onChange={setDef} />
            )}
          </Space>
        ) : (
          <Empty description={t('sc.empty')} />
        )}
      </Col>
    </Row>
  );
}
