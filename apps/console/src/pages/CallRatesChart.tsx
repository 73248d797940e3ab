// 人工接通率 and 人工应答及时率 per day as two lines (Apache ECharts, only the parts drawn here are
// bundled; the page that draws it is loaded lazily, as the dashboard is).
import { useEffect, useRef } from 'react';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useT } from '../i18n';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface DayRates {
  day: string;
  /** 0–1, null when the day had no call (no rate). */
  answerRate: number | null;
  timelyAnswerRate: number | null;
}

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

export function CallRatesChart({ days }: { days: DayRates[] }) {
  const t = useT();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.getInstanceByDom(el.current) ?? echarts.init(el.current);
    chart.setOption(
      {
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
        legend: { top: 0 },
        grid: { left: 48, right: 16, top: 40, bottom: 32 },
        xAxis: { type: 'category', data: days.map((d) => d.day) },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          { name: t('人工接通率', 'Answer rate'), type: 'line', connectNulls: false, showSymbol: true, symbolSize: 8, data: days.map((d) => pct(d.answerRate)) },
          { name: t('人工应答及时率', 'Timely answer rate'), type: 'line', connectNulls: false, showSymbol: true, symbolSize: 8, data: days.map((d) => pct(d.timelyAnswerRate)) },
        ],
      },
      true,
    );
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [days, t.lang]);
  useEffect(() => () => { if (el.current) echarts.getInstanceByDom(el.current)?.dispose(); }, []);
  return <div ref={el} role="img" aria-label={t('每日人工接通率与人工应答及时率折线图', 'Line chart of the daily answer rate and timely answer rate')} style={{ height: 300, marginBottom: 16 }} />;
}
