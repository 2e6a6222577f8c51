"""Text the checker cannot judge is never "OK".

The patterns, signals and embedding model read English. A draft mostly in another language, or
that is mostly a link, an image or an attachment, gets `caution` with a plain explanation and the
escalation contact; risky structure that shows in any language (a percentage, a currency amount,
a handful of words for leak or revenue) escalates. Links are judged by their address as well as
their label: an internal host or a shared document link is confidential whatever the label says.

Language identification: lingua-language-detector (Apache-2.0), offline, restricted to the
languages colleagues most often write in so its models stay small; where it is not installed a
stop-word share is used instead.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from bot.secret_masking import secret_values
from bot.signals.features import DATA_FILE, MARKER, URL

_SLACK_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)\|([^>]+)>")
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_NON_LATIN = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0900-\u0dff\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_ENGLISH_COMMON = frozenset(
    ["the", "a", "an", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "is", "are", "was", "were", "be", "been", "it", "this", "that", "i", "you", "we", "my", "our", "your", "me", "us", "they", "he", "she", "his", "her", "have", "has", "had", "do", "did", "not", "no", "so", "just", "what", "when", "how", "all", "can", "will", "would", "about", "from", "up", "out", "today", "new", "great", "very", "more", "get", "got", "one", "time",
     # chat English, typed fast ("finaly passed my driving test after 4 trys lol dont talk to me"): words the other
     # languages the detector knows don't write the same way ("dont" is French, "im" German, "week" and "best" Dutch,
     # so they are left out), so a misspelt English post still reads as English
     "lol", "cant", "ive", "its", "omg", "tbh", "pls", "thx", "after", "before", "than", "then", "there", "their",
     "them", "some", "any", "back", "first", "really", "know", "think", "like", "love", "day", "work", "good",
     "finally", "talk", "been", "because", "which", "who", "why", "where"]) | (
    # and scikit-learn's English stop words, less the ones Spanish, Italian and French write too: lingua, short of
    # context, read "A vendor just sent me a $300 espresso machine as a thank-you" as another language
    ENGLISH_STOP_WORDS - {"con", "de", "un", "per"})
# Words that name an internal system when they are a label of the host (not its last one: go.dev and
# kandra.wiki are public sites) or the first folder of the path (example.com/jira/...).
_INTERNAL_WORDS = frozenset(["intranet", "internal", "corp", "jira", "confluence", "wiki", "sharepoint", "gitlab",
                             "grafana", "kibana", "looker", "tableau", "admin", "staging", "dev", "vpn", "localhost"])
_INTERNAL_PATHS = frozenset(["intranet", "internal", "jira", "confluence", "sharepoint", "grafana", "kibana", "admin"])
_INTERNAL_ANYWHERE = re.compile(
    r"\.(?:local|internal|corp|lan)(?:[/:]|$)|"
    r"docs\.google\.com/(?:document|spreadsheets|presentation)/d/|drive\.google\.com|dropbox\.com/s|1drv\.ms|"
    r"onedrive\.live\.com|notion\.so/|figma\.com/(?:file|design)/|miro\.com/app/board|atlassian\.net/|"
    r"(?:^|//)(?:10|127|192\.168|172\.(?:1[6-9]|2\d|3[01]))\.\d|confidential|internal[-_]only|do[-_]not[-_]share",
    re.IGNORECASE)


def _split(url: str) -> SplitResult:
    """The address's parts, for an address written without a scheme ("youtu.be/x") as well."""
    return urlsplit(url if "//" in url else "//" + url)


def internal_link(url: str) -> bool:
    """An address people outside can't open: an intranet host, a shared document, a private IP."""
    if _INTERNAL_ANYWHERE.search(url):
        return True
    parts = _split(url)
    labels = [label for label in (parts.hostname or "").split(".") if label]
    if len(labels) == 1:  # a host without a domain (http://wiki/...) only resolves inside a network
        return True
    if any(label.split("-")[0] in _INTERNAL_WORDS for label in labels[:-1]):
        return True
    folders = [f.lower() for f in parts.path.split("/") if f]
    return bool(folders) and folders[0] in _INTERNAL_PATHS


_MONEY_ANY = re.compile(r"[$€£¥₹]\s?\d|\d\s?[$€£¥₹]|\d[\d.,]*\s?(?:%|％|パーセント|percent|por ciento|pour ?cent|prozent)|"
                        r"\d[\d.,]*\s?(?:millones|millions?|millionen|milliards?|mil millones|mrd|mio|億|万|円|ドル|ユーロ)",
                        re.IGNORECASE)
# A few words for the two risks the issue names, in the languages colleagues write in most. Words that also mean
# something harmless are narrowed: Italian "utile" alone is "useful", German "gewinnen" is "to win".
_RISK_WORDS = {
    "incidents_legal": re.compile(
        r"fuga de (?:datos|información)|filtraci[oó]n|brecha de (?:datos|seguridad)|hackeo|datenleck|datenpanne|"
        r"sicherheitslücke|datenschutzverletzung|gehackt|fuite de données|violation de données|piratage|piraté|"
        r"vazamento de dados|violação de dados|violazione dei dati|fuga di dati|datalek|情報漏洩|情報漏えい|漏洩|漏えい|"
        r"ハッキング|不正アクセス|数据泄露|泄露|데이터 유출|유출|утечка", re.IGNORECASE),
    "financial": re.compile(
        r"ingresos|facturaci[oó]n|beneficios|ventas|ganancias|umsatz|gewinn(?!en\b|t\b)|erlöse|quartalszahlen|chiffre d.affaires|"
        r"bénéfices?|revenus|ventes|receita|faturamento|lucro|fatturato|ricavi|utile (?:netto|lordo|operativo)|utili|omzet|winst|売上|利益|収益|決算|"
        r"营收|收入|利润|매출|이익|выручка|прибыль", re.IGNORECASE),
    "confidential": re.compile(
        r"confidencial|vertraulich|geheim|confidentiel|riservato|機密|社外秘|秘密|机密|기밀|despidos|entlassungen|"
        r"stellenabbau|licenciements|licenziamenti|demissões|リストラ|解雇|裁员", re.IGNORECASE),
}


@dataclass(frozen=True)
class Judgement:
    """Why a draft cannot be fully judged (caution), or what risk shows through anyway (escalate)."""

    category: str
    severity: str
    excerpt: str
    reason: str


def with_link_targets(raw: str) -> str:
    """Slack's `<url|label>` as `label (url)`, so both the label and the address are checked."""
    return _SLACK_LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})" if m.group(2) != m.group(1) else m.group(1), raw)


class LanguageGuard:
    """Tells how much of a draft is English; lingua's detector is built once, on first use."""

    def __init__(self) -> None:
        self._detector = None
        self._lock = threading.Lock()
        self.engine = "stop words"

    def detector(self):
        with self._lock:
            if self._detector is None:
                try:
                    from lingua import Language, LanguageDetectorBuilder
                except ImportError:
                    self._detector = False
                else:
                    languages = [Language.ENGLISH, Language.SPANISH, Language.GERMAN, Language.FRENCH,
                                 Language.PORTUGUESE, Language.ITALIAN, Language.DUTCH, Language.JAPANESE,
                                 Language.CHINESE, Language.KOREAN, Language.RUSSIAN, Language.POLISH,
                                 Language.SWEDISH, Language.TURKISH]
                    self._detector = (LanguageDetectorBuilder.from_languages(*languages)
                                      .with_low_accuracy_mode().with_preloaded_language_models().build())
                    self.engine = "lingua"
            return self._detector or None

    def english_share(self, text: str) -> float:
        """Roughly how much of the text is English, 0..1 (1 when too short to tell)."""
        letters = [c for c in text if c.isalpha()]
        if not letters:
            return 1.0
        non_latin = sum(1 for c in letters if _NON_LATIN.match(c)) / len(letters)
        if non_latin > 0.3:
            return 1.0 - non_latin
        words = _WORD.findall(text)
        if len(words) < 4:
            return 1.0
        common = sum(1 for w in words if w.lower() in _ENGLISH_COMMON) / len(words)
        if common >= 0.3:
            return 1.0  # plenty of English function words, whatever the spelling
        detector = self.detector()
        if detector is not None:
            from lingua import Language

            return float(detector.compute_language_confidence(text, Language.ENGLISH))
        return min(1.0, common / 0.25)


_DATA_FILE = re.compile(rf"{DATA_FILE}$", re.IGNORECASE)
# What a marker stands for, in the words of the can't-judge message ("This is mostly a video").
_MARKER_KIND = {"image": "an image", "photo": "an image", "picture": "an image", "screenshot": "an image",
                "gif": "an image", "video": "a video", "clip": "a video", "audio": "a recording",
                "voice note": "a recording"}


def judge(text: str, guard: LanguageGuard, contact: str) -> list[Judgement]:
    """What stands in the way of judging `text` (already cleaned, links shown with their address)."""
    out: list[Judgement] = []
    urls = [m.group(0) for m in URL.finditer(text)]
    for url in urls:
        if internal_link(url):
            out.append(Judgement("confidential", "escalate", url,
                                 "Links to an internal system or a shared document: people outside can't open it, "
                                 "and its address already says what it is."))
            break
    for url in urls:
        if _DATA_FILE.search(_split(url).path):
            out.append(Judgement("personal_data", "escalate", url,
                                 "Links to a data file (a database dump, a spreadsheet): records of customers, users "
                                 "or colleagues are never yours to post, even as test data."))
            break
    markers = list(MARKER.finditer(text))
    prose = MARKER.sub(" ", URL.sub(" ", text))
    prose = re.sub(r"\((?:\s*)\)", " ", prose)
    words = _WORD.findall(prose) + _CJK.findall(prose)
    if (urls or markers) and len(words) < 4:
        kinds = {_MARKER_KIND.get((m.group(1) or m.group(3)).lower(), "an attachment") for m in markers}
        what = "a link" if urls and not markers else (kinds.pop() if len(kinds) == 1 else "attachments")
        out.append(Judgement("unjudgeable", "caution", text[:200],
                             f"This is mostly {what}, and I can only judge the words: check what it shows "
                             f"(screens, documents, people, clients) before posting, or ask {contact}."))
        return out
    # a password or token is no word of any language: "password is Hunter2Secret" read as mostly not English
    share = guard.english_share(functools.reduce(lambda t, v: t.replace(v, " "), secret_values(prose), prose))
    if share < 0.5:
        for category, pattern in _RISK_WORDS.items():
            match = pattern.search(prose)
            if match:
                out.append(Judgement(category, "escalate", _around(prose, match.start(), match.end()),
                                     "Not in English, but it mentions " + {
                                         "incidents_legal": "a data leak or security incident",
                                         "financial": "revenue, sales or profit",
                                         "confidential": "confidential matters or job cuts"}[category]
                                     + f": don't post it until {contact} has read it."))
                break
        else:
            money = _MONEY_ANY.search(prose)
            if money:
                out.append(Judgement("financial", "escalate", _around(prose, money.start(), money.end()),
                                     f"Not in English, but it gives a figure ({money.group(0).strip()}) that may be a "
                                     f"business result: don't post it until {contact} has read it."))
        out.append(Judgement("unjudgeable", "caution", prose.strip()[:200],
                             f"This is mostly not in English, and my checks only read English: ask {contact} "
                             "or check it against the guidelines yourself before posting."))
    return out


def _around(text: str, start: int, end: int) -> str:
    lo, hi = max(0, start - 60), min(len(text), end + 60)
    return ("…" if lo else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")
