import type { GridFeature, Grids, Position } from '../../packages/core/src/contracts.js';
import { pad } from './org.js';
import type { Random } from './random.js';

/**
 * Grids (网格) as a planar partition of a district around West Lake, Hangzhou. The district is a lattice of streets:
 * each lattice corner is jittered, each street between two corners is one meandering polyline built once, and the two
 * grids on either side use that same polyline (one forwards, one reversed), so neighbours share identical border
 * vertices and never overlap or leave gaps. Where the lattice has more cells than grids asked for, a few pairs of
 * cells merge into one wider grid, which also makes the map less regular.
 */

// Real community names of the city first; generated ones only when a bank-scale run needs thousands.
const COMMUNITY_NAMES = [
  '文三',
  '文新',
  '翠苑',
  '古荡',
  '西溪',
  '蒋村',
  '北山',
  '灵隐',
  '转塘',
  '留下',
  '三墩',
  '浦沿',
  '长河',
  '西兴',
  '江南',
  '星光',
  '彩虹',
  '春晓',
  '和睦',
  '大关',
  '米市',
  '湖墅',
  '小河',
  '上塘',
  '祥符',
  '半山',
  '康桥',
  '拱宸',
  '东新',
  '朝晖',
  '湖滨',
  '清波',
  '南星',
  '紫阳',
  '望江',
  '闸弄口',
  '凯旋',
  '采荷',
  '四季青',
  '笕桥',
  '丁桥',
  '九堡',
  '彭埠',
  '白杨',
  '下沙',
  '闻堰',
  '宁围',
  '新塘',
  '城厢',
  '北干',
  '蜀山',
  '良渚',
  '仓前',
  '五常',
  '闲林',
  '中泰',
  '乔司',
  '星桥',
  '东湖',
  '南苑',
  '崇贤',
  '塘栖',
  '仁和',
  '瓶窑',
  '径山',
  '黄湖',
  '百丈',
  '北塘',
  '德胜',
  '打铁关',
  '潮鸣',
  '文晖',
  '天水',
  '武林',
];
const NAME_FIRST = [...'东西南北新安和康宁平丰德明华清文青金银桃杏柳枫竹梅兰松溪湖河桥港塘园林山'];
const NAME_SECOND = [...'苑港湾庄坊里城桥湖塘园林泉亭阁滨汇景晖华苑都府'];
const NAME_SUFFIXES = ['社区', '新村', '花园', '街区'];

function gridNames(count: number, random: Random): string[] {
  const names = random.shuffle(COMMUNITY_NAMES.map((n) => `${n}社区`));
  if (count <= names.length) return names.slice(0, count);
  const seen = new Set(names);
  const generated: string[] = [];
  for (const suffix of NAME_SUFFIXES) {
    for (const first of NAME_FIRST) {
      for (const second of NAME_SECOND) {
        const name = first + second + suffix;
        if (first !== second && !seen.has(name)) {
          seen.add(name);
          generated.push(name);
        }
      }
    }
  }
  const all = names.concat(random.shuffle(generated));
  // Beyond every combination (over 4,000 grids), number the rest: 东苑社区二区 and so on stays plausible.
  for (let i = 0; all.length < count; i += 1)
    all.push(`${all[i % names.length] ?? '新'}${Math.floor(i / names.length) + 2}区`);
  return all.slice(0, count);
}

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

/** A street from a to b: a meandering polyline whose bends fade to nothing at both corners, so streets meeting at a corner never cross. */
function street(a: Position, b: Position, random: Random, amplitude: number): Position[] {
  const segments = random.int(13, 30);
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  // Perpendicular of length |ab|: offsets below are fractions of the street's own length.
  const px = -dy;
  const py = dx;
  const f1 = random.int(1, 2);
  const f2 = random.int(3, 5);
  const phase1 = random.range(0, 2 * Math.PI);
  const phase2 = random.range(0, 2 * Math.PI);
  const points: Position[] = [a];
  for (let k = 1; k < segments; k += 1) {
    const t = k / segments;
    const envelope = Math.sin(Math.PI * t);
    const bend =
      amplitude *
      envelope *
      (0.03 * Math.sin(2 * Math.PI * f1 * t + phase1) +
        0.015 * Math.sin(2 * Math.PI * f2 * t + phase2) +
        random.range(-0.006, 0.006));
    points.push([round6(a[0] + t * dx + bend * px), round6(a[1] + t * dy + bend * py)]);
  }
  points.push(b);
  return points;
}

/** Column (or row) boundaries from `start` over `span`, with widths varying by up to a quarter, like real blocks. */
function boundaries(count: number, start: number, span: number, random: Random): number[] {
  const widths = Array.from({ length: count }, () => random.range(0.75, 1.25));
  const total = widths.reduce((sum, w) => sum + w, 0);
  const result = [start];
  let at = start;
  for (const w of widths) {
    at += (w / total) * span;
    result.push(at);
  }
  result[count] = start + span; // no drift at the far edge
  return result;
}

export interface PilotGrids {
  grids: Grids;
  /** Per manager (by index), the indices of the grids fixed to them. */
  managerGrids: number[][];
}

export function buildGrids(count: number, managerIds: readonly string[], random: Random): PilotGrids {
  if (count < 1) throw new RangeError('a pilot needs at least one grid');
  // The district is about 11.5 x 8.9 km for 60 grids and grows with the count so grids keep a plausible size.
  const aspect = 1.3;
  const rows = Math.min(count, Math.max(1, Math.round(Math.sqrt(count / aspect))));
  const cols = Math.ceil(count / rows);
  const merges = rows * cols - count; // always fewer than rows: at most one merged pair per row
  const scale = Math.sqrt(count / 60);
  const lonSpan = 0.12 * scale;
  const latSpan = 0.08 * scale;
  const xs = boundaries(cols, 120.16 - lonSpan / 2, lonSpan, random);
  const ys = boundaries(rows, 30.28 - latSpan / 2, latSpan, random);

  // Lattice corners, jittered by up to 12% of the neighbouring blocks; corners on the district edge only slide along it.
  const corners: Position[][] = [];
  for (let i = 0; i <= rows; i += 1) {
    const row: Position[] = [];
    for (let j = 0; j <= cols; j += 1) {
      const x = xs[j] ?? 0;
      const y = ys[i] ?? 0;
      const w = Math.min((xs[j] ?? 0) - (xs[j - 1] ?? -Infinity), (xs[j + 1] ?? Infinity) - (xs[j] ?? 0));
      const h = Math.min((ys[i] ?? 0) - (ys[i - 1] ?? -Infinity), (ys[i + 1] ?? Infinity) - (ys[i] ?? 0));
      const jx = j === 0 || j === cols ? 0 : random.range(-0.12, 0.12) * w;
      const jy = i === 0 || i === rows ? 0 : random.range(-0.12, 0.12) * h;
      row.push([round6(x + jx), round6(y + jy)]);
    }
    corners.push(row);
  }
  const corner = (i: number, j: number): Position => corners[i]?.[j] ?? [0, 0];
  // Streets on the district edge meander less: the district boundary is mostly a river bank or a ring road.
  const horizontal: Position[][][] = []; // horizontal[i][j]: corner (i,j) -> (i,j+1), west to east
  for (let i = 0; i <= rows; i += 1) {
    const row: Position[][] = [];
    for (let j = 0; j < cols; j += 1)
      row.push(street(corner(i, j), corner(i, j + 1), random, i === 0 || i === rows ? 0.3 : 1));
    horizontal.push(row);
  }
  const vertical: Position[][][] = []; // vertical[i][j]: corner (i,j) -> (i+1,j), south to north
  for (let i = 0; i < rows; i += 1) {
    const row: Position[][] = [];
    for (let j = 0; j <= cols; j += 1)
      row.push(street(corner(i, j), corner(i + 1, j), random, j === 0 || j === cols ? 0.3 : 1));
    vertical.push(row);
  }
  const edge = (set: Position[][][], i: number, j: number): Position[] => set[i]?.[j] ?? [];

  const mergedAt = new Map<number, number>(); // row -> first column of its merged pair
  for (const row of random.shuffle(Array.from({ length: rows }, (_, i) => i)).slice(0, merges))
    mergedAt.set(row, random.int(0, cols - 2));

  // Grids in serpentine order from the north-west, so consecutive grids are neighbours (and so are their managers).
  const cells: { row: number; col: number; span: number }[] = [];
  for (let k = 0; k < rows; k += 1) {
    const row = rows - 1 - k;
    const ordered = Array.from({ length: cols }, (_, j) => (k % 2 === 0 ? j : cols - 1 - j));
    const merged = mergedAt.get(row);
    for (const col of ordered) {
      if (merged !== undefined && (col === merged || col === merged + 1)) {
        if (col === (k % 2 === 0 ? merged : merged + 1)) cells.push({ row, col: merged, span: 2 });
      } else cells.push({ row, col, span: 1 });
    }
  }

  const names = gridNames(count, random);
  const width = Math.max(3, String(count).length);
  const features: GridFeature[] = cells.map(({ row, col, span }, index) => {
    // Counter-clockwise (RFC 7946): along the south street eastwards, up the east street, back west, down the west street.
    const sides: Position[][] = [];
    for (let j = col; j < col + span; j += 1) sides.push(edge(horizontal, row, j));
    sides.push(edge(vertical, row, col + span));
    for (let j = col + span - 1; j >= col; j -= 1)
      sides.push(
        edge(horizontal, row + 1, j)
          .slice()
          .reverse(),
      );
    sides.push(edge(vertical, row, col).slice().reverse());
    const ring: Position[] = [];
    for (const side of sides) for (let k = 0; k < side.length - 1; k += 1) ring.push([...(side[k] as Position)]);
    ring.push([...(ring[0] as Position)]);
    const gridId = `g-${pad(index + 1, width)}`;
    return {
      type: 'Feature',
      id: gridId,
      properties: {
        gridId,
        name: names[index] ?? gridId,
        households: householdsOf(random.int(0, 1000)),
        managerIds: [] as string[],
      },
      geometry: { type: 'Polygon', coordinates: [ring] },
    };
  });

  const gridManagers = assignManagers(count, managerIds.length, random);
  const managerGrids: number[][] = managerIds.map(() => []);
  gridManagers.forEach((managers, g) => {
    const feature = features[g];
    if (feature) feature.properties['managerIds'] = managers.map((m) => managerIds[m] ?? '');
    for (const m of managers) managerGrids[m]?.push(g);
  });
  return { grids: { type: 'FeatureCollection', features }, managerGrids };
}

/**
 * 定格、定员、定责: each grid is fixed to one manager, in contiguous runs along the serpentine order so a team works
 * neighbouring grids. A few grids are left unassigned (a vacancy the map should show) and a few are shared by two
 * managers. Every manager gets at least one grid; when managers outnumber grids, grids are shared instead.
 */
function assignManagers(gridCount: number, managerCount: number, random: Random): number[][] {
  const result: number[][] = Array.from({ length: gridCount }, () => []);
  if (managerCount === 0) return result;
  if (gridCount < managerCount) {
    for (let m = 0; m < managerCount; m += 1) result[Math.floor((m * gridCount) / managerCount)]?.push(m);
    return result;
  }
  const spare = gridCount - managerCount;
  const vacant = spare === 0 ? 0 : Math.min(spare, Math.max(1, Math.round(gridCount * 0.05)));
  const vacantGrids = new Set(random.shuffle(Array.from({ length: gridCount }, (_, g) => g)).slice(0, vacant));
  const staffed = Array.from({ length: gridCount }, (_, g) => g).filter((g) => !vacantGrids.has(g));
  staffed.forEach((g, k) => result[g]?.push(Math.floor((k * managerCount) / staffed.length)));
  if (managerCount >= 2) {
    const shared = Math.max(1, Math.round(gridCount * 0.07));
    for (const k of random.shuffle(staffed.map((_, k) => k)).slice(0, shared)) {
      const grid = result[staffed[k] ?? -1];
      const neighbour = result[staffed[k + 1] ?? staffed[k - 1] ?? -1]?.[0];
      if (grid && neighbour !== undefined && !grid.includes(neighbour)) grid.push(neighbour);
    }
  }
  return result;
}

/**
 * Households of a grid from one uniform draw in 0..1000: skewed towards small grids (20 to 187, median about 62) so
 * that two months of the pilot's contacts spread the grids over every coverage band, as a real pilot's map does,
 * instead of leaving them all in the lowest one.
 */
function householdsOf(draw: number): number {
  return 20 + Math.round((draw * draw) / 6000);
}
