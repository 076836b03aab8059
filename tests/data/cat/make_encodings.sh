#!/usr/bin/env bash
# Rebuilds the TMX files of tmx/ that are not UTF-8 from the UTF-8 ones (iconv): the four-language
# file in UTF-16 LE/BE with and without a byte-order mark, and cp1251.tmx, latin1.tmx from the
# texts below.
set -euo pipefail
cd "$(dirname "$0")/tmx"
utf16=$(tail -c +4 four_languages_utf8_bom.tmx | sed 's/encoding="UTF-8"/encoding="UTF-16"/')
printf '%s\n' "$utf16" | iconv -f UTF-8 -t UTF-16LE | (printf '\xff\xfe'; cat) >four_languages_utf16le_bom.tmx
printf '%s\n' "$utf16" | iconv -f UTF-8 -t UTF-16BE | (printf '\xfe\xff'; cat) >four_languages_utf16be_bom.tmx
printf '%s\n' "$utf16" | iconv -f UTF-8 -t UTF-16LE >four_languages_utf16le.tmx
printf '%s\n' "$utf16" | iconv -f UTF-8 -t UTF-16BE >four_languages_utf16be.tmx
iconv -f UTF-8 -t WINDOWS-1251 >cp1251.tmx <<'TMX'
<?xml version="1.0" encoding="windows-1251"?>
<tmx version="1.4">
<header creationtool="Hand" creationtoolversion="1" segtype="sentence" o-tmf="hand" adminlang="en" srclang="ru" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="ru"><seg>Договор вступает в силу с даты подписания.</seg></tuv><tuv xml:lang="en"><seg>The contract takes effect on the date of signing.</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>Стороны — «Заказчик» и «Исполнитель».</seg></tuv><tuv xml:lang="en"><seg>The parties are the "Customer" and the "Contractor".</seg></tuv></tu>
</body>
</tmx>
TMX
iconv -f UTF-8 -t ISO-8859-1 >latin1.tmx <<'TMX'
<?xml version="1.0" encoding="ISO-8859-1"?>
<tmx version="1.4">
<header creationtool="Hand" creationtoolversion="1" segtype="sentence" o-tmf="hand" adminlang="en" srclang="fr" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="fr"><seg>Le café est fermé.</seg></tuv><tuv xml:lang="en"><seg>The café is closed.</seg></tuv></tu>
</body>
</tmx>
TMX
