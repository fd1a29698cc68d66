import { Descriptions, Tag, Typography } from 'antd';
import { channels, type ScorecardDefinition, type ScorecardItem } from '../../../shared/scorecard';
import { useT } from '../../i18n';

function ItemLine({ item, index }: { item: ScorecardItem; index: number }) {
  const t = useT();
  return (
    <li className="sc-view-item" data-item-id={item.id}>
      <div className="sc-view-item-head">
        <span className="sc-view-index">{index}.</span>
        <strong>{item.name}</strong>
        {item.kind === 'critical' ? (
          <Tag color="red">{t(`sc.scope.${item.criticalScope}`)}</Tag>
        ) : (
          <Tag>
            {item.kind === 'yesno'
              ? t('sc.view.yesno', { points: item.maxPoints })
              : item.kind === 'choice'
                ? t('sc.view.choice', {
                    options: (item.options ?? []).map((o) => `${o.label} ${o.points}`).join(' / '),
                  })
                : t('sc.view.points', { points: item.maxPoints, step: item.step })}
          </Tag>
        )}
        {item.allowNa && <Tag color="blue">{t('sc.item.na')}</Tag>}
        {item.requireComment && <Tag>{t('sc.item.requireComment')}</Tag>}
        {item.showIf && <Tag>{t('sc.condition')}</Tag>}
      </div>
      {item.description && <Typography.Paragraph className="sc-view-text">{item.description}</Typography.Paragraph>}
      {item.guidance && (
        <Typography.Paragraph className="sc-view-text sc-view-guidance">{item.guidance}</Typography.Paragraph>
      )}
    </li>
  );
}

/**
 * A published version as a document to read: sections with their points, each item with its kind, points, N/A
 * and guidance. It used to be the editor, disabled: grey inputs that were hard to read and looked editable.
 */
export function ScorecardView({ def }: { def: ScorecardDefinition }) {
  const t = useT();
  let index = 0;
  return (
    <div className="sc-view" data-testid="scorecard-view">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'name', label: t('sc.name'), children: def.name },
          {
            key: 'channel',
            label: t('sc.channel'),
            children: (channels as readonly string[]).includes(def.channel)
              ? t(`sc.channel.${def.channel as (typeof channels)[number]}`)
              : def.channel,
          },
          ...(def.description ? [{ key: 'description', label: t('sc.description'), children: def.description }] : []),
          ...(def.rootCauses?.length
            ? [{ key: 'causes', label: t('sc.rootCauses'), children: def.rootCauses.map((c) => c.label).join('、') }]
            : []),
          ...(def.requireCommentOnDeduction
            ? [{ key: 'comment', label: t('sc.rules'), children: t('sc.rules.commentOnDeduction') }]
            : []),
          ...(def.requireRootCause
            ? [{ key: 'cause', label: t('sc.rules'), children: t('sc.rules.rootCauseOnDeduction') }]
            : []),
        ]}
      />
      {def.sections.map((section) => (
        <section key={section.id} className="sc-view-section" aria-labelledby={`sc-view-${section.id}`}>
          <h2 className="sc-view-section-title" id={`sc-view-${section.id}`}>
            {section.name}
            <span>{t('sc.view.sectionPoints', { points: section.points })}</span>
          </h2>
          {section.description && (
            <Typography.Paragraph className="sc-view-text">{section.description}</Typography.Paragraph>
          )}
          <ol className="sc-view-items">
            {section.items.map((item) => (
              <ItemLine key={item.id} item={item} index={++index} />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
