// The three rates per group as bars (Apache ECharts, only the parts drawn here are bundled).
import { useEffect, useRef } from 'react';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { RatesRow } from '../api/views';
import { useT } from '../i18n';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

export function RatesChart({ rows, label }: { rows: RatesRow[]; label: (r: RatesRow) => string }) {
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
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [rows, label, t.lang]);
  useEffect(() => () => { if (el.current) echarts.getInstanceByDom(el.current)?.dispose(); }, []);
  return <div ref={el} role="img" aria-label={t('三率分组柱状图', 'Bar chart of the three rates by group')} style={{ height: 320, marginBottom: 16 }} />;
}
