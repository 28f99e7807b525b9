import { defineStrings, translator } from '@stride/core';

export const coverageMapStrings = defineStrings({
  'zh-CN': {
    title: '网格覆盖',
    noGridsReason: '没有网格边界数据，所选期间也没有覆盖记录：地图需要网格 GeoJSON（如 grids.geojson）。',
    mapLabel: '网格覆盖地图：{count} 个网格。方向键逐个浏览网格，回车查看详情，加号减号缩放，0 复位。',
    tilesLabel: '网格覆盖概览（无地图数据）：{count} 个网格，按覆盖率从低到高排列',
    legend: '图例',
    band: '覆盖率 {range}',
    bandBelow: '低于 {to}',
    bandBetween: '{from} – {to}',
    bandAtLeast: '{from} 及以上',
    unassigned: '未分配客户经理',
    noData: '无覆盖数据',
    me: '我的网格',
    grid: '网格',
    managers: '客户经理',
    households: '户数',
    covered: '已覆盖',
    openCovered: '查看{grid}已覆盖的 {count} 位客户',
    coverage: '覆盖率',
    openLeads: '未结商机',
    sortByCoverage: '按覆盖率排序',
    zoomIn: '放大',
    zoomOut: '缩小',
    resetView: '复位',
    noGeometry: '未提供网格地图数据，以方块显示各网格覆盖情况。',
    summary: '{count} 个网格，整体覆盖率 {coverage}',
  },
  en: {
    title: 'Grid coverage',
    noGridsReason:
      'No grid polygons and no coverage records in this period: the map needs the grids GeoJSON (grids.geojson, say).',
    mapLabel:
      'Grid coverage map: {count} grids. Arrow keys move between grids, Enter opens one, plus and minus zoom, 0 resets.',
    tilesLabel: 'Grid coverage overview (no map data): {count} grids, lowest coverage first',
    legend: 'Legend',
    band: 'Coverage {range}',
    bandBelow: 'below {to}',
    bandBetween: '{from} – {to}',
    bandAtLeast: '{from} and above',
    unassigned: 'No manager assigned',
    noData: 'No coverage data',
    me: 'My grids',
    grid: 'Grid',
    managers: 'Managers',
    households: 'Households',
    covered: 'Covered',
    openCovered: 'Open the {count} covered customers of {grid}',
    coverage: 'Coverage',
    openLeads: 'Open leads',
    sortByCoverage: 'Sort by coverage',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    resetView: 'Reset view',
    noGeometry: 'No grid map data: each grid is shown as a tile.',
    summary: '{count} grids, overall coverage {coverage}',
  },
});

export type CoverageMapStringKey = keyof (typeof coverageMapStrings)['en'];

export const t = translator(coverageMapStrings);
