import { test } from 'node:test';
import assert from 'node:assert/strict';

import { capacitySummary } from '../../main/resources/web/app/capacity.js';

const prices = { region: 'us-east-1', as_of: '2024-11-01' };

function row(pattern, index, onDemand, reads = 0, writes = 0) {
  return {
    pattern, answers: `answers ${pattern}`, index, read_units: reads, write_units: writes,
    on_demand_monthly_usd: onDemand, provisioned_monthly_usd: onDemand / 4,
  };
}

test('the costliest patterns come first, at most the rows asked, and the rest is counted', () => {
  const report = {
    window_seconds: 3600, prices,
    total: { on_demand_monthly_usd: 1234.5, provisioned_monthly_usd: 310.25, cheaper: 'provisioned' },
    patterns: [row('AP3', 'table', 2, 10.5), row('AP11', 'GSI1', 900, 0, 3000), row('AP11', 'table', 900, 0, 3000),
      row('AP22', 'table', 0.004)],
  };

  const card = capacitySummary(report, 3);

  assert.equal(card.summary, 'A month at the last 60 min\'s rate: on-demand $1,234.50, provisioned $310.25 — '
    + 'provisioned is cheaper (us-east-1 prices of 2024-11-01).');
  assert.deepEqual(card.rows.map((r) => `${r.pattern}/${r.index}`), ['AP11/GSI1', 'AP11/table', 'AP3/table']);
  assert.equal(card.rows[0].writes, '3,000');
  assert.equal(card.rows[2].reads, '10.5');
  assert.equal(card.rows[2].onDemand, '$2.00');
  assert.equal(card.more, 1);
  assert.equal(card.empty, false);
});

test('tiny and zero costs read as such, and an idle table is empty', () => {
  const report = {
    window_seconds: 600, prices,
    total: { on_demand_monthly_usd: 0, provisioned_monthly_usd: 0.47, cheaper: 'on-demand' },
    patterns: [row('AP22', 'table', 0.004)],
  };
  const card = capacitySummary(report);
  assert.equal(card.rows[0].onDemand, '< $0.01');
  assert.match(card.summary, /on-demand \$0, provisioned \$0.47 — on-demand is cheaper/);

  assert.equal(capacitySummary({ ...report, patterns: [] }).empty, true);
});
