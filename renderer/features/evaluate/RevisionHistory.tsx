import { Card, Collapse, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import type { RevisionView } from '../../../shared/contracts/evaluations';
import type { ScorecardDefinition } from '../../../shared/scorecard';
import type { Answer } from '../../../shared/evaluation';
import { formatDateTime, useI18n, useT, type Translate } from '../../i18n';
import { TechDetail } from '../../shell/errors';

const syncColor = { pending: 'gold', rejected: 'red', sent: 'green' } as const;

/** An answer as the form shows it: points, 通过 / 不通过, N/A, or — when there was none. */
export function answerText(t: Translate, answer: Answer | undefined): string {
  if (answer === undefined) return '—';
  if (answer === 'na') return t('ev.na');
  if (answer === 'pass' || answer === 'fail') return t(`ev.${answer}`);
  return String(answer);
}

function changes(
  t: Translate,
  def: ScorecardDefinition | null,
  prev: RevisionView | undefined,
  rev: RevisionView,
): string[] {
  if (!def || !prev) return [];
  return def.sections.flatMap((s) =>
    s.items
      .filter((i) => prev.body.answers[i.id] !== rev.body.answers[i.id])
      .map((i) => `${i.name}：${answerText(t, prev.body.answers[i.id])} → ${answerText(t, rev.body.answers[i.id])}`),
  );
}

export function RevisionHistory({ revisions, def }: { revisions: RevisionView[]; def: ScorecardDefinition | null }) {
  const t = useT();
  const language = useI18n((s) => s.language);
  if (!revisions.length) return null;
  const sectionName = (id: string) => def?.sections.find((s) => s.id === id)?.name ?? id;
  return (
    <Card size="small" title={t('ev.history')} className="ev-history" data-testid="revision-history">
      {revisions.length === 0 && <Empty />}
      <Collapse
        size="small"
        defaultActiveKey={[String(revisions.at(-1)?.revision)]}
        items={[...revisions].reverse().map((rev, i, list) => ({
          key: String(rev.revision),
          label: (
            <Space wrap data-revision={rev.revision}>
              <Typography.Text strong>{t('ev.revision', { revision: rev.revision })}</Typography.Text>
              <Typography.Text>{rev.total}</Typography.Text>
              <Typography.Text type="secondary">{formatDateTime(language, rev.submittedAt)}</Typography.Text>
              <Tag color={syncColor[rev.syncStatus]}>{t(`ev.sync.${rev.syncStatus}`)}</Tag>
            </Space>
          ),
          children: (
            <>
              <Descriptions
                size="small"
                column={1}
                items={[
                  ...(rev.reason ? [{ key: 'reason', label: t('ev.reason'), children: rev.reason }] : []),
                  ...Object.entries(rev.body.sections).map(([id, score]) => ({
                    key: id,
                    label: sectionName(id),
                    children: score === null ? t('ev.sectionNa') : String(score),
                  })),
                  ...(rev.body.comment ? [{ key: 'comment', label: t('ev.comment'), children: rev.body.comment }] : []),
                  ...(rev.body.findings.length
                    ? [{ key: 'findings', label: t('ev.findings'), children: rev.body.findings.join('、') }]
                    : []),
                  // The server's reason is English detail: the sync page words it by its code.
                  ...(rev.rejectedReason
                    ? [
                        {
                          key: 'rejected',
                          label: t('ev.sync.rejected'),
                          children: (
                            <>
                              {t('ev.sync.rejected.see')}
                              <TechDetail text={rev.rejectedReason} />
                            </>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
              {changes(t, def, list[i + 1], rev).map((c) => (
                <div key={c}>
                  <Typography.Text type="secondary">{c}</Typography.Text>
                </div>
              ))}
            </>
          ),
        }))}
      />
    </Card>
  );
}
