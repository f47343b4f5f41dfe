"""Korean and English on one page: every text with a Korean form is written twice, each in its own
element with a `lang` attribute, and a switch shows one of them. Where there is no Korean, the
English stays visible in both languages (the fallback). The choice is remembered in the address
(`?lang=ko`) and in local storage, so links between pages keep it."""

from __future__ import annotations

import html

LANG_CSS = """
html[data-lang=ko] .l10n > [lang=en], html:not([data-lang=ko]) .l10n > [lang=ko] { display: none; }
.langswitch { position: fixed; top: 8px; right: 12px; z-index: 5; background: #fff; border: 1px solid #cbd5e1; border-radius: 8px; padding: 2px; }
.langswitch button { border: 0; background: none; padding: 3px 8px; cursor: pointer; font: inherit; border-radius: 6px; }
html:not([data-lang=ko]) .langswitch button[data-set-lang=en], html[data-lang=ko] .langswitch button[data-set-lang=ko] { background: #1d4ed8; color: #fff; }
"""

LANG_JS = r"""
(function () {
  "use strict";
  function set(lang) {
    var root = document.documentElement;
    root.setAttribute("data-lang", lang);
    root.setAttribute("lang", lang);
    try { localStorage.setItem("mfkg-lang", lang); } catch (e) { /* storage may be off for file: pages */ }
  }
  var m = /[?&]lang=(en|ko)\b/.exec(location.search + location.hash), stored = null;
  try { stored = localStorage.getItem("mfkg-lang"); } catch (e) { stored = null; }
  set(m ? m[1] : (stored === "ko" ? "ko" : "en"));
  document.querySelectorAll("[data-set-lang]").forEach(function (b) {
    b.addEventListener("click", function () { set(b.getAttribute("data-set-lang")); });
  });
  window.mfkgSetLang = set;
})();
"""

LANG_SWITCH = ('<div class="langswitch" role="group" aria-label="language">'
               '<button type="button" data-set-lang="en">English</button>'
               '<button type="button" data-set-lang="ko" lang="ko">한국어</button></div>')


def bi(en: str, ko: str | None = None, *, tag: str = "span") -> str:
    """`en` and, when there is one, `ko` as escaped HTML that the language switch chooses between.

    >>> bi("Scalability")
    '<span>Scalability</span>'
    >>> bi("a<b", "가")
    '<span class="l10n"><span lang="en">a&lt;b</span><span lang="ko">가</span></span>'
    """
    if not ko or ko == en:
        return f"<{tag}>{html.escape(en)}</{tag}>"
    return (f'<{tag} class="l10n"><span lang="en">{html.escape(en)}</span>'
            f'<span lang="ko">{html.escape(ko)}</span></{tag}>')
