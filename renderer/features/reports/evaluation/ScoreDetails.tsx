import { Alert, Card, Table, Tag, Typography } from 'antd';
import type { EvaluationReadView } from '../../../../shared/contracts/reports';
import type { Answer } from '../../../../shared/evaluation';
import type { ScorecardItem } from '../../../../shared/scorecard';
import { useT } from '../../../i18n';
import { points } from './format';

function AnswerCell({ item, answer }: { item: ScorecardItem; answer: Answer | undefined }) {
  const t = useT();
  if (answer === undefined) return <>—</>;
  if (answer === 'na') return <Tag>{t('ev.na')}</Tag>;
  if (answer === 'pass') return <Typography.Text className="report-up">{t('ev.pass')}</Typography.Text>;
  if (answer === 'fail') return <Typography.Text className="report-down">{t('ev.fail')}</Typography.Text>;
  const option = item.kind === 'choice' ? item.options?.find((o) => o.id === answer) : undefined;
  const earned = option ? option.points : typeof answer === 'number' ? answer : 0;
  const lost = earned < item.maxPoints;
  return (
    <Typography.Text className={lost ? 'report-down' : undefined} strong={lost}>
      {option ? `${option.label} (${earned} / ${item.maxPoints})` : `${earned} / ${item.maxPoints}`}
    </Typography.Text>
  );
}

function ItemName({ item }: { item: ScorecardItem }) {
  const t = useT();
  return (
    <>
      {item.name}
      {item.kind === 'critical' && (
        <Tag color="red" style={{ marginInlineStart: 8 }}>
          {item.criticalScope === 'section' ? t('ev.criticalSection') : t('ev.critical')}
        </Tag>
      )}
    </>
  );
}

/** Total, then each section of the card with its items as the inspector answered them, and their comments. */
export function ScoreDetails({ view }: { view: EvaluationReadView }) {
  const t = useT();
  const { body, scorecard } = view;
  return (
    <Card
      size="small"
      title={t('evaluation.scores')}
      extra={
        <Typography.Text strong data-testid="evaluation-total">
          {t('evaluation.total', { total: points(body.total) })}
        </Typography.Text>
      }
    >
      {body.criticalFailed && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('ev.criticalFailed')}
          description={t('ev.uncapped', { score: points(body.uncappedTotal) })}
        />
      )}
      {scorecard.sections.map((section) => {
        const score = body.sections[section.id];
        return (
          <section key={section.id} className="evaluation-section" aria-label={section.name}>
            <Typography.Title level={5} className="evaluation-section-title">
              <span>{section.name}</span>
              <span>
                {score === null || score === undefined
                  ? t('ev.sectionNa')
                  : t('evaluation.sectionScore', { score: points(score), points: section.points })}
              </span>
            </Typography.Title>
            <Table
              size="small"
              pagination={false}
              rowKey="id"
              dataSource={section.items}
              columns={[
                { title: t('evaluation.item'), key: 'name', render: (_, item) => <ItemName item={item} /> },
                {
                  title: t('evaluation.answer'),
                  key: 'answer',
                  width: 110,
                  render: (_, item) => <AnswerCell item={item} answer={body.answers[item.id]} />,
                },
                {
                  title: t('ev.itemComment'),
                  key: 'comment',
                  render: (_, item) => body.itemComments[item.id] ?? '',
                },
              ]}
            />
          </section>
        );
      })}
    </Card>
  );
}
