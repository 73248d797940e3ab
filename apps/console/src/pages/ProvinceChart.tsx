// The cities' volumes and overdue orders side by side, and their three rates (Apache ECharts, only
// the parts drawn here are bundled).
import { useEffect, useRef } from 'react';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { ProvinceCityFigures } from '../api/views';
import { useT } from '../i18n';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export function ProvinceChart({ cities }: { cities: ProvinceCityFigures[] }) {
  const t = useT();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.getInstanceByDom(el.current) ?? echarts.init(el.current);
    chart.setOption(
      {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 16, top: 40, bottom: 48 },
        xAxis: { type: 'category', data: cities.map((c) => c.name), axisLabel: { interval: 0, rotate: cities.length > 6 ? 30 : 0 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: t('受理诉求', 'Requests'), type: 'bar', data: cities.map((c) => c.requests) },
          { name: t('工单', 'Work orders'), type: 'bar', data: cities.map((c) => c.workOrders) },
          { name: t('超期工单', 'Overdue orders'), type: 'bar', data: cities.map((c) => c.overdueWorkOrders) },
          { name: t('预警', 'Alerts'), type: 'bar', data: cities.map((c) => c.surgeAlerts + c.riskAlerts) },
        ],
      },
      true,
    );
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [cities, t.lang]);
  useEffect(() => () => { if (el.current) echarts.getInstanceByDom(el.current)?.dispose(); }, []);
  return <div ref={el} role="img" aria-label={t('各市受理量、工单、超期和预警柱状图', 'Bar chart of requests, orders, overdue orders and alerts by city')} style={{ height: 320, marginBottom: 16 }} />;
}

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/** Each city's 响应率, 解决率 and 满意率 as bars (a rate without a denominator is no bar). */
export function ProvinceRatesChart({ cities }: { cities: ProvinceCityFigures[] }) {
  const t = useT();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.getInstanceByDom(el.current) ?? echarts.init(el.current);
    chart.setOption(
      {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 16, top: 40, bottom: 48 },
        xAxis: { type: 'category', data: cities.map((c) => c.name), axisLabel: { interval: 0, rotate: cities.length > 6 ? 30 : 0 } },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          { name: t('响应率', 'Response'), type: 'bar', data: cities.map((c) => pct(c.rates.responseRate)) },
          { name: t('解决率', 'Resolution'), type: 'bar', data: cities.map((c) => pct(c.rates.resolutionRate)) },
          { name: t('满意率', 'Satisfaction'), type: 'bar', data: cities.map((c) => pct(c.rates.satisfactionRate)) },
        ],
      },
      true,
    );
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [cities, t.lang]);
  useEffect(() => () => { if (el.current) echarts.getInstanceByDom(el.current)?.dispose(); }, []);
  return <div ref={el} role="img" aria-label={t('各市三率柱状图', 'Bar chart of the three rates by city')} style={{ height: 320, marginBottom: 16 }} />;
}
