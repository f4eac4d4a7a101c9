import { beforeAll, describe, expect, it } from 'vitest';
import { createLinter, type Linter } from '../../src/index.js';
import { testRule } from '../helpers/rule-tester.js';

// Valid identity and card numbers (checksums computed, people invented).
const ID = '110101199003074514';
const ID_X = '44030419851231002X';
const ID_LEAP_DAY = '320102198802291233';
const CARD_19 = '6222021234567890128';
const CARD_16 = '6217001234567893';

testRule('no-privacy-leak', {
  valid: [
    '您的订单号是 13812345678',
    '订单号：202406081234567890',
    '运单号SF13812345678',
    '快递单号YT1381234567812',
    '客服热线 400-820-8820',
    '售后电话 4008208820，工作日 9:00-18:00',
    '商品价格 13800 元，优惠后 12800 元',
    '2024-06-08 已经发货',
    '请提供[电话x]和[订单x]，我们帮您查询',
    '手机尾号5678的顾客您好',
    '您的手机号 138****5678 已登记',
    // Impossible birth date (2月30日) and a wrong checksum.
    '320102198802301235',
    '110101199003074515',
    // Sixteen digits that fail the Luhn check: an order number, not a card.
    '6217001234567890',
    '1381234567812345',
    '我们的仓库在广州市白云区',
    '杭州市区乘地铁3号线就能到',
    '我们广州市的仓库每月1号盘点',
    '请寄回浙江省杭州市余杭区仓前街道文一西路1号，收件人写售后部',
    '退货地址：上海市浦东新区世纪大道100号',
    // The label is looked for within 200 characters before the address, in the same sentence.
    `退货地址${'，'.repeat(190)}上海市浦东新区世纪大道100号`,
    { text: '如有问题请拨打店长电话13912345678', options: { allow: ['139 1234 5678'] } },
    { text: `身份证${ID}`, options: { check: ['mobile'] } },
  ],
  invalid: [
    // A label further back than that does not make a customer's address the shop's.
    { text: `退货地址${'，'.repeat(210)}上海市浦东新区世纪大道100号`, findings: [{ actual: '上海市浦东新区世纪大道100号' }] },
    {
      text: '您的手机号是13812345678，对吗',
      findings: [{ actual: '13812345678', start: 6, end: 17, suggests: ['138****5678', '尾号5678'] }],
    },
    { text: '联系电话 138-1234-5678', findings: [{ actual: '138-1234-5678', suggests: ['138-****-5678'] }] },
    { text: '+86 13812345678', findings: [{ actual: '+86 13812345678', suggests: ['+86 138****5678'] }] },
    { text: '１３８１２３４５６７８', findings: [{ actual: '１３８１２３４５６７８', suggests: ['１３８****５６７８'] }] },
    { text: `身份证${ID}已核验`, findings: [{ actual: ID, suggests: ['110***********4514'] }] },
    { text: ID_X, findings: [{ actual: ID_X, suggests: ['440***********002X'] }] },
    { text: `身份证号：${ID_LEAP_DAY}`, findings: [{ actual: ID_LEAP_DAY }] },
    { text: `退款会退到卡号${CARD_19}`, findings: [{ actual: CARD_19, suggests: ['尾号0128'] }] },
    { text: '银行卡 6217 0012 3456 7893 已绑定', findings: [{ actual: '6217 0012 3456 7893', suggests: ['**** **** **** 7893'] }] },
    { text: CARD_16, findings: [{ actual: CARD_16 }] },
    {
      text: '收货地址：浙江省杭州市西湖区文三路88号，请您核对',
      findings: [{ actual: '浙江省杭州市西湖区文三路88号', suggests: ['浙江省杭州市西湖区****'] }],
    },
    { text: '北京市朝阳区望京街道阳光小区3栋2单元501', findings: [{ actual: '北京市朝阳区望京街道阳光小区3栋2单元501', suggests: ['北京市朝阳区****'] }] },
    { text: '给您寄到上海市浦东新区世纪大道100号对吗', findings: [{ actual: '上海市浦东新区世纪大道100号' }] },
    {
      text: `手机13812345678，身份证${ID}`,
      findings: [{ actual: '13812345678' }, { actual: ID }],
    },
  ],
});

describe('no-privacy-leak severity', () => {
  let linter: Linter;
  beforeAll(async () => {
    linter = await createLinter();
  });

  it('is an error by default', () => {
    const findings = linter.lint('亲，您的手机号是13812345678').filter((f) => f.ruleId === 'no-privacy-leak');
    expect(findings.map((f) => f.severity)).toEqual(['error']);
  });
});
