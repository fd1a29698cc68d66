import { PlayCircleOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { ItemResult, Rating } from '../../../shared/calibration-math';
import { useT, type Translate } from '../../i18n';
import { formatPosition } from '../player/clock';
import { points } from './format';

function answerText(t: Translate, item: ItemResult, r: Rating): string {
  if (r.answer === null || r.answer === 'na') return t('cal.res.na');
  if (r.answer === 'pass') return t('cal.res.pass');
  if (r.answer === 'fail') return t('cal.res.fail');
  return points(r.value);
}

/**
 * The items where the inspectors differ, the most disagreement first, each with every inspector's score, deviation,
 * comment and notes side by side; a note's time plays the call from there (when the call is in this library).
 */
export function DisagreementList({
  items,
  names,
  callLabel,
  onPlay,
}: {
  items: ItemResult[];
  names: Map<string, string>;
  callLabel: (sha256: string) => string;
  onPlay?: (sha256: string, ms: number) => void;
}) {
  const t = useT();
  const disputed = items.filter((i) => (i.spread ?? 0) > 0);
  if (!disputed.length) return <Typography.Text type="secondary">{t('cal.res.noDisagreement')}</Typography.Text>;
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="calibration-items">
      {disputed.map((item, rank) => (
        <Card
          key={`${item.sha256}:${item.itemId}`}
          size="small"
          data-item-id={item.itemId}
          data-rank={rank + 1}
          title={
            <Space wrap>
              <span>{`${rank + 1}. ${callLabel(item.sha256)} · ${item.itemName}`}</span>
              <Tag>{`${t('cal.res.mean')} ${points(item.mean)}`}</Tag>
              <Tag>{`${t('cal.res.sd')} ${points(item.sd)}`}</Tag>
              <Tag>{`${t('cal.res.range')} ${points(item.min)}–${points(item.max)}`}</Tag>
              {item.targetSource && (
                <Tag color={item.targetSource === 'reference' ? 'purple' : 'default'}>
                  {`${t(`cal.res.target.${item.targetSource}`)} ${points(item.target)}`}
                </Tag>
              )}
            </Space>
          }
        >
          <Table
            size="small"
            rowKey="inspectorId"
            pagination={false}
            dataSource={item.ratings}
            columns={[
              { title: t('cal.res.inspector'), render: (_, r) => names.get(r.inspectorId) ?? r.inspectorId },
              { title: t('cal.res.value'), render: (_, r) => answerText(t, item, r) },
              {
                title: t('cal.res.deviation'),
                render: (_, r) =>
                  r.deviation === null ? '—' : `${r.deviation > 0 ? '+' : ''}${r.deviation.toFixed(2)}`,
              },
              { title: t('cal.res.comment'), render: (_, r) => r.comment || '—' },
              {
                title: t('cal.res.notes'),
                render: (_, r) => (
                  <Space orientation="vertical" size={2}>
                    {r.notes.map((n) => (
                      <Space key={`${n.startMs}:${n.text}`} size={4}>
                        {onPlay && (
                          <Button
                            size="small"
                            type="link"
                            icon={<PlayCircleOutlined />}
                            aria-label={t('cal.res.playAt', { time: formatPosition(n.startMs) })}
                            onClick={() => onPlay(item.sha256, n.startMs)}
                          >
                            {formatPosition(n.startMs)}
                          </Button>
                        )}
                        {!onPlay && <Typography.Text type="secondary">{formatPosition(n.startMs)}</Typography.Text>}
                        <span>{n.text}</span>
                      </Space>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      ))}
    </Space>
  );
}
