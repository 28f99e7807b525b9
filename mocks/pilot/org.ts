import type { OrgNode, OrgTree } from '../../packages/core/src/contracts.js';
import type { Random } from './random.js';

/** Hangzhou districts: the sub-branches of the pilot branch (code for the id, name for 支行). */
const DISTRICTS: readonly (readonly [string, string])[] = [
  ['xh', '西湖'],
  ['bj', '滨江'],
  ['gs', '拱墅'],
  ['sc', '上城'],
  ['xs', '萧山'],
  ['yh', '余杭'],
  ['lp', '临平'],
  ['qt', '钱塘'],
  ['fy', '富阳'],
  ['la', '临安'],
  ['tl', '桐庐'],
  ['ca', '淳安'],
  ['jd', '建德'],
];
const TEAM_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

// Common Chinese surnames, most frequent first, and characters common in given names.
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤',
];
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红鹏辉建文斌宇浩凯健俊帆帅旭宁婷雪琳晨欣怡佳悦思雨嘉颖子涵博航昊然睿泽轩瑞昕诗梦晓亮峰志飞海波鑫',
];

export interface PilotOrg {
  orgTree: OrgTree;
  /** Managers in org order (team by team), so neighbouring managers share a team. */
  managers: OrgNode[];
  /** Index of each manager's team in `teams`. */
  managerTeam: number[];
  subbranches: OrgNode[];
  teams: OrgNode[];
  /** Index of each team's sub-branch in `subbranches`. */
  teamSubbranch: number[];
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** A plausible full name (surname + one or two given characters), never repeated within the pilot. */
function uniqueNames(count: number, random: Random): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  while (names.length < count) {
    // Surnames follow their real frequency roughly: the common ones come up more often.
    const surname = SURNAMES[Math.floor(SURNAMES.length * random.next() ** 1.6)] ?? '王';
    const given = random.chance(0.3) ? random.pick(GIVEN) : random.pick(GIVEN) + random.pick(GIVEN);
    const name = surname + given;
    if (!seen.has(name)) {
      seen.add(name);
      names.push(name);
    }
  }
  return names;
}

export function buildOrg(
  options: { subbranches: number; teamsPerSubbranch: number; managers: number },
  random: Random,
): PilotOrg {
  const orgTree: OrgTree = [
    { id: 'bank', name: '某某银行', parentId: null, level: 'bank' },
    { id: 'br-hz', name: '杭州分行', parentId: 'bank', level: 'branch' },
  ];
  const subbranches: OrgNode[] = [];
  const teams: OrgNode[] = [];
  const teamSubbranch: number[] = [];
  for (let s = 0; s < options.subbranches; s += 1) {
    const district = DISTRICTS[s];
    const code = district ? district[0] : `s${pad(s + 1, 2)}`;
    const name = district ? `${district[1]}支行` : `城区第${s + 1}支行`;
    const subbranch: OrgNode = { id: `sb-${code}`, name, parentId: 'br-hz', level: 'subbranch' };
    subbranches.push(subbranch);
    orgTree.push(subbranch);
    const short = district ? district[1] : `第${s + 1}`;
    for (let t = 0; t < options.teamsPerSubbranch; t += 1) {
      const numeral = TEAM_NUMERALS[t] ?? String(t + 1);
      const team: OrgNode = {
        id: `tm-${code}-${t + 1}`,
        name: `${short}营销${numeral}组`,
        parentId: subbranch.id,
        level: 'team',
      };
      teams.push(team);
      teamSubbranch.push(s);
      orgTree.push(team);
    }
  }
  const width = Math.max(3, String(options.managers).length);
  const names = uniqueNames(options.managers, random);
  const managers: OrgNode[] = [];
  const managerTeam: number[] = [];
  for (let m = 0; m < options.managers; m += 1) {
    // Contiguous blocks: managers m-001..m-007 in the first team, and so on.
    const teamIndex = Math.floor((m * teams.length) / options.managers);
    const team = teams[teamIndex];
    if (!team) throw new RangeError('a pilot needs at least one team');
    const manager: OrgNode = {
      id: `m-${pad(m + 1, width)}`,
      name: names[m] ?? '',
      parentId: team.id,
      level: 'manager',
    };
    managers.push(manager);
    managerTeam.push(teamIndex);
    orgTree.push(manager);
  }
  return { orgTree, managers, managerTeam, subbranches, teams, teamSubbranch };
}
