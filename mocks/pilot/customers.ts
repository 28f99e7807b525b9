import type { Customer, LeadEvent } from '../../packages/core/src/contracts.js';
import { Random } from './random.js';

/**
 * The customers behind the leads: realistic Chinese names and mobiles, so masking is tested on data that looks like a
 * bank's and not on ids. Each customer's draws come from a stream seeded by its own id, so a customer keeps their
 * name and mobile however many events the pilot has.
 */

// Single surnames roughly by frequency, then the compound surnames (复姓) that give 3- and 4-character names.
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '慕容',
  '令狐',
  '尉迟',
  '公孙',
  '司徒',
  '夏侯',
];
const GIVEN = [
  ...'秀英桂兰玉梅凤珍淑芬素云莲琴丽娟霞燕红艳萍华春建国志明德福永生金荣宝贵海林平文军光辉宏伟晓东雅静婉清子轩梓涵一诺欣妍浩宇俊杰思远嘉怡雨桐',
];
// Mobile prefixes of the three carriers.
const PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '176',
  '177',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
];

function idSeed(id: string, seed: number): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash;
}

/** A full name of 2-4 characters; about one in twelve has a compound surname. */
function customerName(random: Random): string {
  const compound = random.chance(0.08);
  const surname = compound
    ? random.pick(COMPOUND_SURNAMES)
    : (SURNAMES[Math.floor(SURNAMES.length * random.next() ** 1.5)] ?? '王');
  const givenLength = random.chance(compound ? 0.5 : 0.7) ? 2 : 1;
  let given = '';
  for (let i = 0; i < givenLength; i += 1) given += random.pick(GIVEN);
  return surname + given;
}

function mobile(random: Random): string {
  let digits = random.pick(PREFIXES);
  for (let i = 0; i < 8; i += 1) digits += String(random.int(0, 9));
  return digits;
}

/** One customer per distinct customerId of the events, in order of first appearance; mobiles never repeat. */
export function pilotCustomers(events: readonly LeadEvent[], seed: number): Customer[] {
  const customers: Customer[] = [];
  const seen = new Set<string>();
  const phones = new Set<string>();
  for (const event of events) {
    const id = event.customerId;
    if (seen.has(id)) continue;
    seen.add(id);
    const random = new Random(idSeed(id, seed));
    const name = customerName(random);
    let phone = mobile(random);
    while (phones.has(phone)) phone = mobile(random);
    phones.add(phone);
    customers.push({ customerId: id, name, phone });
  }
  return customers;
}
