/**
 * A deterministic generator of realistic agent replies for benchmarks: clean
 * replies and replies with the problems the rules look for, 5–120 characters.
 */
import { seededRandom } from '../random.js';

const OPENERS = ['亲，', '您好，', '亲亲，', '', '', '在的亲，', '不好意思让您久等了，', '好的呢，'];
const BODIES = [
  '您的订单已经发货了，预计明天送达',
  '这款是纯棉面料，不起球也不掉色',
  '这个我们做不到',
  '已经帮您提交工单了，请耐心等待',
  '明天一定能送到',
  '我觉得我已经说清楚了',
  '快递已揽收，物流信息稍后会更新',
  '尺码偏小，建议您拍大一码',
  '[订单x]已经为您备注加急处理',
  '退款会在1-3个工作日原路退回',
  '这款不支持七天无理由退换货',
  '您看可不可以先收货，有问题再联系我们',
  '不客气，有问题随时联系我们',
  '优惠券在店铺首页领取，满199减20',
  '这个不行，价格不能再低了',
  '请您提供一下订单号，这边帮您查询',
  '仓库这边今天下午统一发货',
  '颜色以实物为准，可能会有轻微色差',
  '运费险已经帮您确认过了，退货运费可以报销',
  '麻烦您拍一下商品的照片发给我们',
  '我们会尽最大努力帮您处理好',
  '这款最大的特点是轻便透气，第一次购买的顾客都很满意',
  '售后单已经建好了，仓库收到货就退款',
  '最近订单量比较大，发货会稍慢一些',
];
const CLOSERS = ['', '哦~', '呢', '，感谢您的支持！', '，祝您生活愉快😊', '，有问题随时联系我们哦', '。', '，谢谢亲~'];

// Details that make most generated replies distinct, as real ones are.
const DETAILS: ((n: () => number) => string)[] = [
  (n) => `，预计${1 + n() % 5}天内送达`,
  (n) => `，满${100 + n() % 200}减${10 + n() % 40}`,
  (n) => `，今天${13 + n() % 6}点前下单当天发`,
  (n) => `，这款${['黑色', '白色', '杏色', '雾霾蓝', '燕麦色'][n() % 5]}${['S', 'M', 'L', 'XL'][n() % 4]}码还有${2 + n() % 40}件`,
  (n) => `，${1 + n() % 12}月${1 + n() % 28}日统一补发`,
  () => '',
];

export function generateReplies(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const number = () => Math.floor(random() * 1000);
  const replies: string[] = [];
  for (let i = 0; i < count; i++) {
    let body = pick(BODIES) + pick(DETAILS)(number);
    if (random() < 0.3) body += `，${pick(BODIES)}`;
    replies.push(pick(OPENERS) + body + pick(CLOSERS));
  }
  return replies;
}
