"""Stored-XSS corpus and an HTML inspector (html.parser, not substring checks)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

MARK = "window.__xss=1"
TEMPLATE_PROBE = "{{7*7}}zq"  # must never come back as 49zq

_BASE = [
    f"<script>{MARK}</script>",
    f"<SCRIPT>{MARK}</SCRIPT>",
    f"<script src=data:,{MARK}></script>",
    f"<scr<script>ipt>{MARK}</scr</script>ipt>",
    f'"><script>{MARK}</script>',
    f"'><script>{MARK}</script>",
    f"</textarea><script>{MARK}</script>",
    f"</title><script>{MARK}</script>",
    f"<img src=x onerror={MARK}>",
    f'<img src="x" onerror="{MARK}">',
    f"<IMG SRC=x OnErRoR={MARK}>",
    f"<img/src=x/onerror={MARK}>",
    f"<img src=x onerror\t={MARK}>",
    f"<img src=`x` onerror=`{MARK}`>",
    f"<svg onload={MARK}>",
    f"<svg><script>{MARK}</script></svg>",
    f'<svg><a xlink:href="javascript:{MARK}"><text x=0 y=20>x</text></a></svg>',
    f"<svg><animate onbegin={MARK} attributeName=x dur=1s>",
    f"<svg><set attributeName=onmouseover to={MARK}>",
    f'<svg><use href="data:image/svg+xml,<svg id=x onload={MARK}>">',
    f"<math><mtext><table><mglyph><style><img src=x onerror={MARK}>",
    f"<body onload={MARK}>",
    f"<iframe src=javascript:{MARK}></iframe>",
    f'<iframe srcdoc="<script>{MARK}</script>"></iframe>',
    f"<object data=javascript:{MARK}></object>",
    f"<embed src=javascript:{MARK}>",
    f"<a href=javascript:{MARK}>klik</a>",
    f'<a href="JaVaScRiPt:{MARK}">klik</a>',
    f'<a href=" javascript:{MARK}">klik</a>',
    f'<a href="jav&#x09;ascript:{MARK}">klik</a>',
    f'<a href="&#106;avascript:{MARK}">klik</a>',
    '<a href="vbscript:msgbox(1)">klik</a>',
    f'<a href="data:text/html,<script>{MARK}</script>">klik</a>',
    f"<form action=javascript:{MARK}><button>x</button></form>",
    f"<button formaction=javascript:{MARK}>x</button>",
    f"<input autofocus onfocus={MARK}>",
    f"<select autofocus onfocus={MARK}></select>",
    f"<textarea autofocus onfocus={MARK}></textarea>",
    f"<details open ontoggle={MARK}>",
    f"<video><source onerror={MARK}></video>",
    f"<audio src=x onerror={MARK}>",
    f"<marquee onstart={MARK}>x</marquee>",
    f"<div style=\"background:url('javascript:{MARK}')\">x</div>",
    f"<div onmouseover={MARK}>hover</div>",
    f'<meta http-equiv=refresh content="0;url=javascript:{MARK}">',
    f"<base href=javascript:{MARK}//>",
    f"<link rel=import href=data:text/html,<script>{MARK}</script>>",
    f"<style>@import 'javascript:{MARK}';</style>",
    f"<isindex action=javascript:{MARK} type=image>",
    f'<noscript><p title="</noscript><img src=x onerror={MARK}>">',
    f"<!--<img src=x onerror={MARK}>-->",
    f"<![CDATA[<script>{MARK}</script>]]>",
    f"<x onclick={MARK}>click",
    f"<a id=x tabindex=1 onfocus={MARK}></a>",
    "<img src=x:alert(1) onerror=eval(src)>",
    f"<img src onerror={MARK}>",
    f"&lt;script&gt;{MARK}&lt;/script&gt;",
    f"&#60;script&#62;{MARK}&#60;/script&#62;",
    f"\\u003cscript\\u003e{MARK}\\u003c/script\\u003e",
    f"%3Cscript%3E{MARK}%3C/script%3E",
    f"\u003cscript\u003e{MARK}\u003c/script\u003e",
    f"\uff1cscript\uff1e{MARK}\uff1c/script\uff1e",
    f"<scr\x00ipt>{MARK}</scr\x00ipt>".replace("\x00", ""),
    "<img src=x onerror=&#x77;indow.__xss=1>",
    f"[klik](javascript:{MARK})",
    f"[klik](JAVASCRIPT:{MARK})",
    f"[klik]( javascript:{MARK})",
    f"[klik](javascript&#58;{MARK})",
    "[klik](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
    f"[klik](vbscript:{MARK})",
    f'[klik](https://example.org "x" onmouseover="{MARK}")',
    f"![plaatje](javascript:{MARK})",
    f'![plaatje](x" onerror="{MARK})',
    f"![x](https://example.org/x.png){{onerror={MARK}}}",
    f"[klik][ref]\n\n[ref]: javascript:{MARK}",
    f"<javascript:{MARK}>",
    f"<a href='javascript:{MARK}'>**vet**</a>",
    f"**<img src=x onerror={MARK}>**",
    f"`<script>{MARK}</script>`",
    f"```\n</code><script>{MARK}</script>\n```",
    f"> <script>{MARK}</script>",
    f"- <svg onload={MARK}>",
    f"| a |\n|---|\n| <img src=x onerror={MARK}> |",
    f"[<img src=x onerror={MARK}>](https://example.org)",
    f'[x](https://example.org/"onmouseover="{MARK})',
    "{{7*7}}zq",
    "{{ config }}zq",
    "{% for x in range(3) %}loop{% endfor %}",
    "${7*7}zq",
    "#{7*7}zq",
    "<%= 7*7 %>zq",
    "{{''.__class__.__mro__}}",
    f"'-{MARK}-'",
    f'";{MARK};//',
    f"</script><script>{MARK}</script>",
    f"<script>/*</script><img src=x onerror={MARK}>*/</script>",
    f"javascript:{MARK}",
    f"data:text/html,<script>{MARK}</script>",
    f'<a href="javascript&colon;{MARK}">x</a>',
    f'<img src="x"\nonerror="{MARK}">',
    f"<div/onclick={MARK}>x</div>",
    f"<svg/onload={MARK}>",
    f"<template><img src=x onerror={MARK}></template>",
    f"<portal src=javascript:{MARK}></portal>",
]
PAYLOADS: list[str] = list(dict.fromkeys(_BASE))
assert len(PAYLOADS) >= 100, len(PAYLOADS)

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}
DANGEROUS_TAGS = {"iframe", "object", "embed", "base", "portal", "isindex", "frame"}
_STRIP = re.compile(r"[\x00-\x20]+")


class Inspector(HTMLParser):
    """Collects every markup-level problem a stored payload could cause."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and not (values.get("src") or "").startswith("/static/"):
            self.problems.append(f"<script> not from /static/: {attrs}")
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}> in page: {attrs}")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.problems.append(f"meta refresh: {attrs}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}= on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                cleaned = _STRIP.sub("", value).lower()
                if cleaned.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.problems.append(f"{name}={value!r} on <{tag}>")
            if name == "style" and value and "javascript:" in value.lower():
                self.problems.append(f"javascript: in style on <{tag}>")

    handle_startendtag = handle_starttag


def problems(html: str) -> list[str]:
    inspector = Inspector()
    inspector.feed(html)
    inspector.close()
    found = list(inspector.problems)
    if "49zq" in html:
        found.append("template syntax {{7*7}} was evaluated (49zq in page)")
    if "__mro__" not in html and "{{''.__class__.__mro__}}" in PAYLOADS and "<class " in html:
        found.append("template object leaked")
    return found
