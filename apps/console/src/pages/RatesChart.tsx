// The three rates per group as bars (Apache ECharts, only the parts drawn here are bundled); a
// click on a bar opens the requests behind it (the table's rate cells do the same by keyboard).
import { useEffect, useRef } from 'react';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { DrillDownRate } from '@hotline/vocabulary';
import type { RatesRow } from '../api/views';
import { useT } from '../i18n';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
/** The rate of each series, in the order they are drawn. */
const SERIES_RATES: readonly DrillDownRate[] = ['response', 'resolution', 'satisfaction'];

export function RatesChart({ rows, label, onPick }: { rows: RatesRow[]; label: (r: RatesRow) => string; onPick?: (row: RatesRow, rate: DrillDownRate) => void }) {
  const t = useT();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.getInstanceByDom(el.current) ?? echarts.init(el.current);
    chart.setOption(
      {
        tooltip: { trigger: 'axis' },
        legend: {},
        grid: { left: 48, right: 16, bottom: 64 },
        xAxis: { type: 'category', data: rows.map(label), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          { name: t('响应率', 'Response'), type: 'bar', data: rows.map((r) => pct(r.responseRate)) },
          { name: t('解决率', 'Resolution'), type: 'bar', data: rows.map((r) => pct(r.resolutionRate)) },
          { name: t('满意率', 'Satisfaction'), type: 'bar', data: rows.map((r) => pct(r.satisfactionRate)) },
        ],
      },
      true,
    );
    chart.off('click');
    if (onPick)
      chart.on('click', (p: { seriesIndex?: number; dataIndex: number }) => {
        const row = rows[p.dataIndex];
        const rate = SERIES_RATES[p.seriesIndex ?? -1];
        if (row && rate) onPick(row, rate);
      });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [rows, label, t.lang, onPick]);
  useEffect(() => () => { if (el.current) echarts.getInstanceByDom(el.current)?.dispose(); }, []);
  return <div ref={el} role="img" aria-label={t('三率分组柱状图（点击柱形查看明细）', 'Bar chart of the three rates by group (click a bar for its requests)')} style={{ height: 320, marginBottom: 16 }} />;
}
