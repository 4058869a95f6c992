// ECharts, tree-shaken to what the dashboard draws (bar and line charts on canvas). Every chart writes the data it
// was given back onto its element, read from the chart's own option (data-labels, data-series), and
// data-rendered="true" once ECharts finished drawing: what the browser test asserts on.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const PALETTE = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];

function chartOf(element) {
  const chart = echarts.getInstanceByDom(element) || echarts.init(element, null, { renderer: 'canvas' });
  if (!element.dataset.bound) {
    element.dataset.bound = 'true';
    chart.on('finished', () => {
      element.dataset.rendered = 'true';
    });
  }
  return chart;
}

function publish(element, chart) {
  const option = chart.getOption();
  const axis = option.xAxis[0].type === 'category' ? option.xAxis[0] : option.yAxis[0];
  element.dataset.labels = JSON.stringify(axis.data);
  element.dataset.series = JSON.stringify(option.series.map((series) => ({ name: series.name, data: series.data })));
}

function draw(element, option) {
  element.dataset.rendered = 'false';
  const chart = chartOf(element);
  chart.setOption({ color: PALETTE, animation: false, ...option }, { notMerge: true });
  publish(element, chart);
  return chart;
}

const GRID = { left: 8, right: 24, top: 36, bottom: 8, containLabel: true };

/** "2026-03-01 10:00[:00]" on an axis: "03-01 10:00" (tooltips keep the full label). */
const shortTime = (label) => (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(label) ? label.slice(5, 16) : label);

/** Vertical bars per category, one series per dataset ({label, data, color?}); `stacked` stacks them. */
export function barChart(element, { labels, datasets, unit = '', stacked = false }) {
  return draw(element, {
    grid: GRID,
    tooltip: { trigger: 'axis', valueFormatter: (value) => (value === null ? '–' : `${value}${unit}`) },
    legend: { show: datasets.length > 1, type: 'scroll', top: 0 },
    xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true, formatter: shortTime } },
    yAxis: { type: 'value', axisLabel: { formatter: `{value}${unit}` } },
    series: datasets.map((dataset) => ({
      name: dataset.label, type: 'bar', data: dataset.data, stack: stacked ? 'total' : undefined,
      itemStyle: dataset.color ? { color: dataset.color } : undefined,
    })),
  });
}

/** Horizontal bars, one per category: long names (pairs, partition keys) stay readable on a phone. */
export function horizontalBarChart(element, { labels, values, name, unit = '' }) {
  return draw(element, {
    grid: { ...GRID, top: 8 },
    tooltip: { trigger: 'axis', valueFormatter: (value) => (value === null ? '–' : `${value}${unit}`) },
    xAxis: { type: 'value', axisLabel: { formatter: `{value}${unit}` } },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 150, overflow: 'truncate' } },
    series: [{ name, type: 'bar', data: values, barMaxWidth: 36 }],
  });
}

/**
 * Lines over time-ordered category labels, one per series ({name, values}); `secondary` series (a bucket's min and
 * max around its average) are drawn thin and dashed. A null value leaves a gap.
 */
export function lineChart(element, { labels, series, unit = '' }) {
  return draw(element, {
    grid: GRID,
    tooltip: { trigger: 'axis', valueFormatter: (value) => (value === null || value === undefined ? '–' : `${value} ${unit}`) },
    legend: { show: series.length > 1, top: 0 },
    xAxis: { type: 'category', data: labels, boundaryGap: false, axisLabel: { hideOverlap: true, formatter: shortTime } },
    yAxis: { type: 'value', name: unit, scale: true },
    series: series.map(({ name, values, secondary = false }) => ({
      name, type: 'line', data: values, showSymbol: values.length < 60,
      lineStyle: secondary ? { width: 1, type: 'dashed' } : undefined,
    })),
  });
}

/** Drops a chart (its element is about to show an empty or error state instead). */
export function clearChart(element) {
  const chart = echarts.getInstanceByDom(element);
  if (chart) {
    chart.dispose();
  }
  delete element.dataset.bound;
  delete element.dataset.labels;
  delete element.dataset.series;
  delete element.dataset.rendered;
}

/** Charts follow their container when the window (or phone orientation) changes. */
export function resizeAll() {
  for (const element of document.querySelectorAll('.chart')) {
    const chart = echarts.getInstanceByDom(element);
    if (chart) {
      chart.resize();
    }
  }
}
