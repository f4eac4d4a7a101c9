/**
 * The playground: a customer message with its live emotion score, a reply box
 * whose findings appear while typing (underlined in a preview, reasons on hover,
 * suggestions one click away) and a button for the safe fixes. One page, no
 * external assets: served by `kefu-lint serve` (it calls the HTTP API), or written
 * with the browser build inline by `kefu-lint playground --out DIR` (it runs
 * entirely in the page, even opened from a file).
 */
import { inlineScript } from '../output/text.js';
import { CLIENT_SCRIPT } from './client.js';

export interface PageOptions {
  mode: 'server' | 'static';
  /** The browser build as a classic script (static mode). */
  script?: string;
}


const STYLE = `
body { font-family: "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: #1f2328; }
h1 { font-size: 1.4rem; } .meta { color: #57606a; font-size: .9rem; }
label { display: block; font-weight: bold; margin: 1rem 0 .3rem; }
textarea { width: 100%; box-sizing: border-box; font: inherit; font-size: 1rem; padding: .5rem; border: 1px solid #d0d7de; border-radius: 6px; }
.row { display: flex; gap: 1rem; align-items: flex-start; } .row > :first-child { flex: 1; }
.meter { width: 11rem; } .meter .track { height: .6rem; background: #eaeef2; border-radius: 3px; overflow: hidden; }
#emotion-bar { height: 100%; width: 0; background: linear-gradient(90deg, #2da44e, #bf8700, #cf222e); transition: width .2s; }
.level { font-size: 1.2rem; font-weight: bold; } .level-平静 { color: #57606a; } .level-不满 { color: #bc4c00; } .level-愤怒 { color: #cf222e; }
#preview { min-height: 2.5rem; padding: .5rem; border: 1px dashed #d0d7de; border-radius: 6px; white-space: pre-wrap; line-height: 1.8; }
mark { background: none; text-decoration: underline wavy; text-underline-offset: 3px; cursor: help; }
mark.error { text-decoration-color: #cf222e; } mark.warning { text-decoration-color: #bf8700; } mark.info { text-decoration-color: #0969da; }
.hint { color: #8c959f; } #findings { padding-left: 1.2rem; } .finding { margin: .6rem 0; }
.finding.error strong { color: #cf222e; } .finding.warning strong { color: #9a6700; } .finding.info strong { color: #0969da; }
.reason { color: #424a53; margin: .2rem 0; } code { color: #57606a; font-size: .85em; }
button { font: inherit; margin: .2rem .4rem .2rem 0; padding: .2rem .6rem; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; cursor: pointer; }
button.suggestion { border-color: #2da44e; color: #1a7f37; background: #dafbe1; } button:disabled { cursor: default; opacity: .5; }
#status { color: #57606a; font-size: .9rem; }
`;

export function playgroundPage(options: PageOptions): string {
  const how = options.mode === 'server' ? '由 kefu-lint serve 的 HTTP 接口检查' : '在浏览器中检查（WebAssembly 分词），不联网';
  const script = options.mode === 'static' && options.script ? `<script>${inlineScript(options.script)}</script>\n` : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kefu-lint 话术检查试用</title>
<style>${STYLE}</style>
</head>
<body data-mode="${options.mode}">
<h1>kefu-lint 话术检查试用</h1>
<p class="meta">${how}。输入顾客的话和客服的回复，问题会在输入时出现；点建议即可替换，「安全修复」只做不改变意思的修改（如 你 → 您）。</p>
<div class="row">
  <div>
    <label for="customer">顾客说</label>
    <textarea id="customer" rows="2" placeholder="例如：都三天了还没发货，你们怎么回事？！"></textarea>
  </div>
  <div class="meter">
    <label>顾客情绪温度</label>
    <div id="emotion" class="level">—</div>
    <div class="track"><div id="emotion-bar"></div></div>
  </div>
</div>
<label for="reply">客服回复</label>
<textarea id="reply" rows="3" placeholder="例如：你的订单明天一定送到！！！"></textarea>
<div id="preview"></div>
<p><button type="button" id="fix" disabled>安全修复</button> <span id="status"></span></p>
<ol id="findings"></ol>
${script}<script>${inlineScript(CLIENT_SCRIPT)}</script>
</body>
</html>
`;
}
