#!/usr/bin/env node
import { prewarm } from '../dist/src/cli/prewarm.js';

// Before the rest loads: a large reply list's segmenting thread starts now (see prewarm.ts).
prewarm(process.argv);
const { main } = await import('../dist/src/cli/main.js');

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`kefu-lint: 内部错误：${error?.stack ?? error}\n请把这条信息连同输入文件报告给维护者。\n`);
    process.exitCode = 2;
  },
);
