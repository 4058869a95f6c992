// The capacity card: what the table's traffic of the last hour costs per access pattern, on-demand and provisioned
// (query-service's GET /v1/admin/capacity, role admin).

/** Rows the card lists: the access patterns (per table or index) that cost the most on-demand. */
export const CAPACITY_ROWS = 8;

function usd(value) {
  if (value === 0) {
    return '$0';
  }
  return value < 0.01 ? '< $0.01' : `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function units(value) {
  return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/**
 * The card's content from a report: a summary line (a month at the window's rate in each mode, the cheaper one) and
 * the costliest pattern rows, highest on-demand cost first (ties by pattern id).
 */
export function capacitySummary(report, rows = CAPACITY_ROWS) {
  const total = report.total;
  const minutes = Math.round(report.window_seconds / 60);
  const summary = `A month at the last ${minutes} min's rate: on-demand ${usd(total.on_demand_monthly_usd)}, `
    + `provisioned ${usd(total.provisioned_monthly_usd)} — ${total.cheaper} is cheaper `
    + `(${report.prices.region} prices of ${report.prices.as_of}).`;
  const sorted = [...report.patterns].sort((a, b) => b.on_demand_monthly_usd - a.on_demand_monthly_usd
    || a.pattern.localeCompare(b.pattern, 'en', { numeric: true }) || a.index.localeCompare(b.index));
  return {
    summary,
    empty: report.patterns.length === 0,
    rows: sorted.slice(0, rows).map((row) => ({
      pattern: row.pattern,
      answers: row.answers,
      index: row.index,
      reads: units(row.read_units),
      writes: units(row.write_units),
      onDemand: usd(row.on_demand_monthly_usd),
      provisioned: usd(row.provisioned_monthly_usd),
    })),
    more: Math.max(0, sorted.length - rows),
  };
}
