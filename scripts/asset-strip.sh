#!/bin/sh
# asset-strip.sh IN OUT: the copy of a player/static/ file that is built into the binary and
# served, without what only a reader of the source needs: comments on lines of their own
# (JavaScript) or anywhere (CSS), the indentation, and in CSS the spaces after : ; , { and
# before { } (no string in the stylesheets holds such a space that matters). Every line stays
# where it was (a comment leaves its line empty), so a line number in the browser's console is
# the source's line.
set -eu
in=$1 out=$2
mkdir -p "$(dirname "$out")"
case "$in" in
*.js) sed -e 's#^[[:space:]]*//.*$##' -e 's#^[[:space:]]*##' "$in" >"$out.tmp" ;;
*.css) perl -0777 -pe 's{/\*.*?\*/}{ $& =~ tr/\n//cdr }gse; s/^[ \t]+//gm; s/([:;,{]) +/$1/g; s/ +([{}])/$1/g' "$in" >"$out.tmp" ;;
*) cp "$in" "$out.tmp" ;;
esac
mv "$out.tmp" "$out"
