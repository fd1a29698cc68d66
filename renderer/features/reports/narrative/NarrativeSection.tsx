import { Alert, Card, Space } from 'antd';
import { isEmptyNarrative } from '../../../../shared/narrative';
import type { MonthlyReport, ScopeInput } from '../../../../shared/report';
import { useT } from '../../../i18n';
import { NarrativeEditor } from './NarrativeEditor';
import { NarrativeText } from './NarrativeText';
import './narrative.css';

/**
 * 五's written part: each team's narrative of the month. The teams this user writes for get the editor; every other
 * team's narrative is shown as text, and on paper only what was written is printed.
 */
export function NarrativeSection({
  m,
  scope,
  print = false,
}: {
  m: MonthlyReport;
  scope: ScopeInput;
  print?: boolean;
}) {
  const t = useT();
  const shown = print ? m.narratives.filter((n) => !isEmptyNarrative(n.body)) : m.narratives;
  if (print && shown.length === 0) return null;
  return (
    <section className="report-section narrative-section" data-testid="monthly-narratives">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {shown.length === 0 && scope.scope !== 'mine' && <Alert type="info" showIcon title={t('narrative.pickTeam')} />}
        {shown.map((n) =>
          n.editable && !print ? (
            <NarrativeEditor key={`${n.teamId}-${n.month}`} view={n} sections={m.sections} />
          ) : (
            <Card key={n.teamId} size="small" title={t('narrative.title', { team: n.teamName })}>
              <NarrativeText view={n} print={print} />
            </Card>
          ),
        )}
      </Space>
    </section>
  );
}
