#!/usr/bin/env bash
# The PDF benchmark: prints pages with headless Chromium into a folder outside the repository and
# scores Crosscheck's PDF loader on them with `crosscheck eval pdf`.
#
#   scripts/pdf-benchmark.sh [AEB_DIR] [OUT_DIR]
#
# AEB_DIR   the article-extraction-benchmark folder (default ../shared/eval/html-aeb)
# OUT_DIR   where the PDFs go (default: a new folder under /tmp); never inside the repository,
#           the printed texts belong to their publishers
# PAGES=30  how many pages, in id order
# CROSSCHECK=path/to/crosscheck   the binary to score with (default: cargo run --release)
#
# Two sets are printed, each as OUT_DIR/SET/{ground-truth.json,pdf/ID.pdf}:
#   plain/  the true text laid out as a plain article page (the saved page's <title> as a
#           headline, then the true paragraphs), printed with Chromium's running header and
#           footer (date, title, URL, page numbers);
#   saved/  the saved pages themselves, menus and all, with --virtual-time-budget=3000 and no
#           network (in a network namespace of their own when `unshare -n` works, and with every
#           host name unresolvable in any case).
# Needs python3 and Debian's chromium (apt-get install -y chromium).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
aeb=$(cd "${1:-$repo/../shared/eval/html-aeb}" && pwd)
out=${2:-$(mktemp -d /tmp/crosscheck-pdf-benchmark.XXXXXX)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
case "$out/" in
"$repo"/*)
    echo "refusing to print third-party text into the repository: $out" >&2
    exit 2
    ;;
esac
pages=${PAGES:-30}
chromium=${CHROMIUM:-chromium}
command -v "$chromium" >/dev/null || {
    echo "chromium not found (apt-get install -y chromium)" >&2
    exit 2
}

python3 - "$aeb" "$out" "$pages" <<'PY'
import gzip, html, json, os, re, sys
aeb, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
truth = json.load(open(os.path.join(aeb, "ground-truth.json"), encoding="utf-8"))
ids = sorted(truth)[:count]
for name in ("plain", "saved"):
    os.makedirs(os.path.join(out, name, "src"), exist_ok=True)
    os.makedirs(os.path.join(out, name, "pdf"), exist_ok=True)
    with open(os.path.join(out, name, "ground-truth.json"), "w", encoding="utf-8") as f:
        json.dump({i: truth[i] for i in ids}, f, ensure_ascii=False)
for i in ids:
    path = os.path.join(aeb, "html", i + ".html.gz")
    raw = gzip.open(path).read() if os.path.exists(path) else open(path[:-3], "rb").read()
    with open(os.path.join(out, "saved", "src", i + ".html"), "wb") as f:
        f.write(raw)
    page = raw.decode("utf-8", "replace")
    found = re.search(r"<title[^>]*>(.*?)</title>", page, re.S | re.I)
    headline = " ".join(html.unescape(found.group(1)).split()) if found else ""
    paragraphs = [p.strip() for p in truth[i]["articleBody"].split("\n") if p.strip()]
    body = "\n".join("<p>%s</p>" % html.escape(p) for p in paragraphs)
    with open(os.path.join(out, "plain", "src", i + ".html"), "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>%s</title>\n'
                "<style>body{font-family:serif;font-size:12pt;line-height:1.4;max-width:40em;"
                "margin:0 auto}h1{font-size:22pt}</style></head>\n<body><h1>%s</h1>\n%s\n"
                "</body></html>\n" % (html.escape(headline), html.escape(headline), body))
print("%d pages from %s" % (len(ids), aeb), file=sys.stderr)
PY

profile=$(mktemp -d /tmp/crosscheck-chromium-profile.XXXXXX)
trap 'rm -rf "$profile"' EXIT
isolate=()
if unshare -n true 2>/dev/null; then isolate=(unshare -n); fi
print_pdf() { # SRC PDF [extra flags]
    local src=$1 pdf=$2
    shift 2
    timeout 120 "${isolate[@]}" "$chromium" --headless --no-sandbox --disable-gpu \
        --disable-background-networking --disable-component-update --disable-sync \
        --no-first-run --user-data-dir="$profile" \
        --host-resolver-rules="MAP * ~NOTFOUND" "$@" \
        --print-to-pdf="$pdf" "file://$src" >/dev/null 2>&1 || echo "chromium failed on $src" >&2
}
for src in "$out"/plain/src/*.html; do
    print_pdf "$src" "$out/plain/pdf/$(basename "$src" .html).pdf"
done
for src in "$out"/saved/src/*.html; do
    print_pdf "$src" "$out/saved/pdf/$(basename "$src" .html).pdf" --virtual-time-budget=3000
done
echo "PDFs in $out/plain/pdf and $out/saved/pdf" >&2

if [ -n "${CROSSCHECK:-}" ]; then
    crosscheck=("$CROSSCHECK")
else
    crosscheck=(cargo run --release --quiet --manifest-path "$repo/Cargo.toml" --)
fi
"${crosscheck[@]}" eval pdf "$out/plain" --worst 5
"${crosscheck[@]}" eval pdf "$out/saved" --worst 5
