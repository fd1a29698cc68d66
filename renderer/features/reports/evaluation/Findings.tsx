import { Button, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import type { EvaluationReadView } from '../../../../shared/contracts/reports';
import { useT } from '../../../i18n';
import { formatPosition } from '../../player/clock';

/** Overall comment, finding tags and suggestion: what the lead reads with the agent. */
export function Findings({ view }: { view: EvaluationReadView }) {
  const t = useT();
  const { body } = view;
  return (
    <Card size="small" title={t('evaluation.findings')}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'comment', label: t('ev.comment'), children: body.comment || '—' },
          {
            key: 'findings',
            label: t('ev.findings'),
            children: body.findings.length ? (
              <Space wrap>
                {body.findings.map((f) => (
                  <Tag key={f} color="orange">
                    {f}
                  </Tag>
                ))}
              </Space>
            ) : (
              '—'
            ),
          },
          { key: 'suggestion', label: t('ev.suggestion'), children: body.suggestion || '—' },
        ]}
      />
    </Card>
  );
}

/**
 * The inspector's timestamped notes. Where the audio is here, a note's time is a button that plays from there, so a
 * lead can hear what the note is about.
 */
export function Notes({ view, onSeek }: { view: EvaluationReadView; onSeek: ((ms: number) => void) | null }) {
  const t = useT();
  const items = new Map(view.scorecard.sections.flatMap((s) => s.items.map((i) => [i.id, i.name])));
  const notes = [...view.notes].sort((a, b) => a.startMs - b.startMs);
  return (
    <Card size="small" title={t('evaluation.notes', { count: notes.length })}>
      {notes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evaluation.notesNone')} />
      ) : (
        <List
          size="small"
          dataSource={notes}
          renderItem={(n) => {
            const at =
              n.endMs === null ? formatPosition(n.startMs) : `${formatPosition(n.startMs)}–${formatPosition(n.endMs)}`;
            return (
              <List.Item>
                <Space align="start">
                  {onSeek ? (
                    <Button
                      size="small"
                      type="link"
                      aria-label={t('evaluation.playFrom', { at })}
                      onClick={() => onSeek(n.startMs)}
                    >
                      {at}
                    </Button>
                  ) : (
                    <Typography.Text code>{at}</Typography.Text>
                  )}
                  <span>
                    {n.itemId && items.has(n.itemId) && <Tag>{items.get(n.itemId)}</Tag>}
                    {n.text}
                  </span>
                </Space>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
