#!/usr/bin/env bash
# Writes the CLI's outputs on the shipped examples and the eval reports into one folder,
# so two versions of the code can be compared byte for byte:
#   tools/snapshot-outputs.sh /tmp/before && (change code, npm run build) && tools/snapshot-outputs.sh /tmp/after && diff -r /tmp/before /tmp/after
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: tools/snapshot-outputs.sh OUTDIR}
mkdir -p "$out"
cli() { # name, args...
  local name=$1; shift
  node bin/kefu-lint.js --no-color "$@" >"$out/$name.out" 2>"$out/$name.err"
  echo "exit $?" >>"$out/$name.err"
}
for f in stylish json sarif github summary; do
  cli "replies.$f" examples/replies.txt -f "$f"
  cli "transcript-jsonl.$f" examples/transcript.jsonl -f "$f"
  cli "transcript-csv.$f" examples/transcript.csv -f "$f" --platform jd
  cli "canned.$f" examples/canned -f "$f"
done
cli canned.fix-dry-run examples/canned --fix-dry-run
cli strict.json examples/replies.txt examples/canned --preset strict -f json
cli weights.summary examples/transcript.jsonl -f summary --weight no-jargon=3
cli html examples/transcript.jsonl -f html -o "$out/report.html"
# The report says when it was made: leave that out of the comparison.
sed -i "s/生成于 [0-9-]* [0-9:]*/生成于 (time)/" "$out/report.html"
for set in eval eval:holdout eval:blind; do
  npm run --silent "$set" >"$out/$set.out" 2>&1
  echo "exit $?" >>"$out/$set.out"
done
# The eval corpora as plain reply lists, linted in one run each.
for dir in tests/eval tests/eval-holdout tests/eval-blind; do
  name=$(basename "$dir")
  node -e '
    const fs = require("fs"); const yaml = require("yaml");
    for (const f of fs.readdirSync(process.argv[1]).sort())
      for (const e of yaml.parse(fs.readFileSync(process.argv[1] + "/" + f, "utf8")).entries) console.log(e.text.replace(/\n/g, " "));
  ' "$dir" >"$out/$name.replies.txt"
  cli "$name.json" "$out/$name.replies.txt" -f json
  sed -i "s#$out/##g" "$out/$name.json.out"
done
echo "outputs in $out"
# The benchmark corpora: 100,000 generated replies (large enough for the worker
# pool) and a generated JSON Lines transcript (cut into slices, linted on workers).
node --input-type=module -e '
  const { generateReplies } = await import(process.cwd() + "/dist/tools/bench/corpus.js");
  process.stdout.write(generateReplies(100000, 7).join("\n") + "\n");
' >"$out/bench-replies.txt"
cli bench-replies.json "$out/bench-replies.txt" -f json
node --input-type=module -e '
  const { transcriptLines } = await import(process.cwd() + "/dist/tools/bench/transcript-corpus.js");
  for (const line of transcriptLines(40000, { interleave: 3 })) process.stdout.write(line + "\n");
' >"$out/bench-transcript.jsonl"
cli bench-transcript.json "$out/bench-transcript.jsonl" -f json
cli bench-transcript.summary "$out/bench-transcript.jsonl" -f summary
sed -i "s#$out/##g" "$out/bench-replies.json.out" "$out/bench-transcript.json.out" "$out/bench-transcript.summary.out"
rm "$out/bench-replies.txt" "$out/bench-transcript.jsonl"
