import type { MessageKey } from '../i18n/index.ts';
import { GROUP_BY, type GroupBy } from './stage/model.ts';
import { useT } from './ViewStoreContext.tsx';

const LABEL: Record<GroupBy, MessageKey> = {
  node: 'view.groupBy.node',
  namespace: 'view.groupBy.namespace',
};

/**
 * "Group pods by: node | namespace" (automation contract: `[data-testid="group-by"]`, a select
 * whose option values are `node` and `namespace`). Controlled: the caller keeps the value.
 */
export function GroupBySwitch({
  value,
  onChange,
}: {
  value: GroupBy;
  onChange: (value: GroupBy) => void;
}) {
  const t = useT();
  return (
    <label className="group-by">
      <span>{t('view.groupBy')}</span>
      <select
        data-testid="group-by"
        value={value}
        onChange={(event) => {
          const next = GROUP_BY.find((g) => g === event.target.value);
          if (next) onChange(next);
        }}
      >
        {GROUP_BY.map((g) => (
          <option key={g} value={g}>
            {t(LABEL[g])}
          </option>
        ))}
      </select>
    </label>
  );
}
